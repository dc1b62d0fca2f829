/// The layout shared by the journal and the snapshot:
///
/// ```
/// header:  magic (8 bytes: "setkeyJ1" or "setkeyS1") | generation (u64 LE)
/// frame:   length n (u32 LE) | CRC-32C of (length bytes + payload) (u32 LE) | payload (n bytes)
/// payload: one JournalEntry in the engine's binary encoding
/// ```
///
/// The generation pairs a journal with the snapshot it continues: compaction writes snapshot
/// g+1, then an empty journal g+1. A journal older than the snapshot was folded into it.
enum StateFileFormat {
    static let journalMagic: [UInt8] = Array("setkeyJ1".utf8)
    static let snapshotMagic: [UInt8] = Array("setkeyS1".utf8)
    static let headerSize = 16
    static let frameHeaderSize = 8
    /// The largest payload a frame may claim; anything longer is corruption.
    static let maximumPayload = 1 << 24

    static func header(magic: [UInt8], generation: UInt64) -> [UInt8] {
        var w = ByteWriter(capacity: headerSize)
        w.raw(magic)
        w.u64LE(generation)
        return w.take()
    }

    /// Appends one framed record to `w`.
    static func appendFrame(_ record: JournalRecord, time: UInt64, pid: UInt32, to w: inout ByteWriter) {
        let start = w.count
        w.u32LE(0)
        w.u32LE(0)
        w.journalEntry(time: time, pid: pid, record: record)
        let length = UInt32(w.count - start - frameHeaderSize)
        w.patchU32LE(length, at: start)
        let crc = w.bytes.withUnsafeBytes { raw -> UInt32 in
            let lengthBytes = UnsafeRawBufferPointer(rebasing: raw[start..<start + 4])
            let payload = UnsafeRawBufferPointer(rebasing: raw[(start + frameHeaderSize)...])
            return CRC32C.checksum(payload, continuing: CRC32C.checksum(lengthBytes))
        }
        w.patchU32LE(crc, at: start + 4)
    }
}

/// Records encoded for one journal write: every record of one engine call, with the call's
/// time and the writer's process id.
struct JournalBatch {
    let time: UInt64
    let pid: UInt32
    private(set) var bytes: ByteWriter
    private(set) var count = 0

    init(time: UInt64, pid: UInt32, capacity: Int = 4096) {
        self.time = time
        self.pid = pid
        bytes = ByteWriter(capacity: capacity)
    }

    mutating func add(_ record: JournalRecord) {
        StateFileFormat.appendFrame(record, time: time, pid: pid, to: &bytes)
        count += 1
    }

    /// The encoded frames, leaving the batch empty.
    mutating func take() -> [UInt8] {
        count = 0
        return bytes.take()
    }
}

/// The outcome of reading the frames of a state file.
struct FrameScan {
    /// The offset just past the last intact frame.
    var validEnd: Int
    /// Why reading stopped before the end of the file, when it did (always a torn tail:
    /// damage with intact data after it is thrown).
    var tail: TailProblem?

    /// A problem after the last intact frame.
    struct TailProblem {
        var offset: Int
        var reason: String
        /// True when the problem is the end of the file (a torn or unfinished write that can
        /// be dropped); false when intact-looking data follows (corruption in the middle).
        var isTail: Bool
    }

    /// Reads frames from `bytes[from...]` in two passes: first every frame's length and
    /// checksum, then, only when that found no corruption, each record is decoded and handed
    /// to `body` in file order. A damaged frame at the very end (short header, short payload,
    /// bad checksum of the last frame, or zeros to the end) is a torn tail, reported in
    /// `tail` when `allowTornTail`; any other damage throws before `body` sees anything.
    /// - Throws: `DecodeFailure` with the offset (relative to `bytes`) of the damage, or of
    ///   a checksummed record that does not decode (a foreign or newer format).
    static func read(_ bytes: [UInt8], from start: Int, allowTornTail: Bool,
                     _ body: (JournalEntry) -> Void) throws(DecodeFailure) -> FrameScan {
        try bytes.withUnsafeBytes { raw in
            Result { () throws(DecodeFailure) in try read(raw, from: start, allowTornTail: allowTornTail, body) }
        }.get()
    }

    private static func read(_ raw: UnsafeRawBufferPointer, from start: Int, allowTornTail: Bool,
                             _ body: (JournalEntry) -> Void) throws(DecodeFailure) -> FrameScan {
        var payloads = [Range<Int>]()
        var scan = FrameScan(validEnd: start)
        var offset = start
        while offset < raw.count {
            if let problem = frameProblem(raw, at: offset) {
                guard problem.isTail else {
                    throw DecodeFailure(offset: offset, reason: "\(problem.reason), followed by more data")
                }
                guard allowTornTail else { throw DecodeFailure(offset: offset, reason: problem.reason) }
                scan.tail = problem
                break
            }
            var header = ByteReader(raw, range: offset..<raw.count)
            let length = Int(try header.u32LE())
            let payloadStart = offset + StateFileFormat.frameHeaderSize
            payloads.append(payloadStart..<payloadStart + length)
            offset = payloadStart + length
            scan.validEnd = offset
        }
        for range in payloads {
            var reader = ByteReader(raw, range: range)
            let entry = try reader.journalEntry()
            guard reader.isAtEnd else {
                throw DecodeFailure(offset: reader.position, reason: "\(reader.remaining) unexpected bytes after a record")
            }
            body(entry)
        }
        return scan
    }

    /// What is wrong with the frame at `offset`, nil when it is intact.
    private static func frameProblem(_ raw: UnsafeRawBufferPointer, at offset: Int) -> TailProblem? {
        let end = raw.count
        if end - offset < StateFileFormat.frameHeaderSize {
            return TailProblem(offset: offset, reason: "incomplete frame header (\(end - offset) bytes)", isTail: true)
        }
        var header = ByteReader(raw, range: offset..<end)
        let length = Int((try? header.u32LE()) ?? 0)
        let stored = (try? header.u32LE()) ?? 0
        if length == 0 || length > StateFileFormat.maximumPayload {
            let zeros = raw[offset...].allSatisfy { $0 == 0 }
            return TailProblem(offset: offset, reason: "impossible frame length \(length)", isTail: zeros)
        }
        let payloadStart = offset + StateFileFormat.frameHeaderSize
        if payloadStart + length > end {
            return TailProblem(offset: offset, reason: "frame of \(length) bytes cut short at \(end - payloadStart)",
                               isTail: !hasIntactFrame(raw, after: offset))
        }
        let lengthBytes = UnsafeRawBufferPointer(rebasing: raw[offset..<offset + 4])
        let payload = UnsafeRawBufferPointer(rebasing: raw[payloadStart..<payloadStart + length])
        let actual = CRC32C.checksum(payload, continuing: CRC32C.checksum(lengthBytes))
        if actual != stored {
            return TailProblem(offset: offset, reason: "checksum mismatch", isTail: payloadStart + length == end)
        }
        return nil
    }

    /// Whether an intact frame starts anywhere after `offset`: then the damage at `offset`
    /// is not a torn final write (a flipped length bit must not silently drop later records).
    private static func hasIntactFrame(_ raw: UnsafeRawBufferPointer, after offset: Int) -> Bool {
        var candidate = offset + 1
        while raw.count - candidate > StateFileFormat.frameHeaderSize {
            var header = ByteReader(raw, range: candidate..<raw.count)
            let length = Int((try? header.u32LE()) ?? 0)
            let stored = (try? header.u32LE()) ?? 0
            let payloadStart = candidate + StateFileFormat.frameHeaderSize
            if length > 0, length <= StateFileFormat.maximumPayload, payloadStart + length <= raw.count {
                let lengthBytes = UnsafeRawBufferPointer(rebasing: raw[candidate..<candidate + 4])
                let payload = UnsafeRawBufferPointer(rebasing: raw[payloadStart..<payloadStart + length])
                if CRC32C.checksum(payload, continuing: CRC32C.checksum(lengthBytes)) == stored { return true }
            }
            candidate += 1
        }
        return false
    }
}
