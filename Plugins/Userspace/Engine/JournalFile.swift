#if canImport(Glibc)
import Glibc
#endif
import SetkeyCore

/// The append-only journal: a header, then one checksummed frame per record. Batches are
/// written with one `pwrite` and one `fsync` before they are acknowledged; a failed write is
/// cut off again so the file never keeps half a batch behind a later one.
final class JournalFile {
    let descriptor: OwnedDescriptor
    /// Pairs the journal with the snapshot of the same generation.
    let generation: UInt64
    /// Which file this is; a different identity under the same name means it was replaced.
    let identity: FileIdentity
    /// How far the file has been read and applied (and where the next batch goes).
    private(set) var end: Int

    /// Opens the existing journal, nil when there is none.
    static func open(in directory: borrowing StateDirectory) throws(EngineError) -> JournalFile? {
        guard let fd = try directory.open(StateDirectory.journalName, flags: O_RDWR, create: false) else { return nil }
        let header = try fd.read(count: StateFileFormat.headerSize, at: 0)
        let generation = try Self.checkHeader(header, path: fd.path, magic: StateFileFormat.journalMagic, kind: "journal")
        let identity = FileIdentity(try fd.status())
        return JournalFile(descriptor: fd, generation: generation, identity: identity)
    }

    private init(descriptor: consuming OwnedDescriptor, generation: UInt64, identity: FileIdentity) {
        self.descriptor = descriptor
        self.generation = generation
        self.identity = identity
        end = StateFileFormat.headerSize
    }

    /// Writes an empty journal of `generation` under a temporary name and renames it into
    /// place (replacing any journal there), then opens it.
    static func create(in directory: borrowing StateDirectory, generation: UInt64) throws(EngineError) -> JournalFile {
        let temporary = StateDirectory.journalName + ".new"
        do {
            let fd = try directory.createFresh(temporary)
            try fd.writeAll(StateFileFormat.header(magic: StateFileFormat.journalMagic, generation: generation))
            try fd.sync()
        }
        try directory.replace(StateDirectory.journalName, with: temporary)
        guard let journal = try open(in: directory) else {
            throw .system(operation: "open", path: directory.pathOf(StateDirectory.journalName), .noSuchFileOrDirectory)
        }
        return journal
    }

    /// Checks a state file header and returns its generation.
    static func checkHeader(_ header: [UInt8], path: String, magic: [UInt8], kind: String) throws(EngineError) -> UInt64 {
        guard header.count == StateFileFormat.headerSize else {
            throw .corruptState(path: path, offset: header.count, reason: "\(kind) header cut short")
        }
        guard Array(header[0..<8]) == magic else {
            throw .corruptState(path: path, offset: 0, reason: "not a setkey \(kind) (unknown magic)")
        }
        var generation: UInt64 = 0
        for i in (8..<16).reversed() { generation = generation << 8 | UInt64(header[i]) }
        return generation
    }

    /// Hands the records appended since the last call to `body`. A torn tail (the end of a
    /// write that never finished) is then cut off the file with a warning naming the file
    /// and offset (callers hold the state lock, so no writer is active).
    /// - Throws: `corruptState` naming the offset when damage is followed by intact data or a
    ///   checksummed record does not decode; the file is not changed then.
    func readNew(warn: (String) -> Void, _ body: (JournalEntry) -> Void) throws(EngineError) {
        let size = try descriptor.size()
        guard size > end else {
            if size < end {
                throw .corruptState(path: descriptor.path, offset: size, reason: "journal shrank below \(end) bytes")
            }
            return
        }
        var bytes = try descriptor.read(count: size - end, at: end)
        defer { bytes.zeroize() }
        let scan: FrameScan
        do {
            scan = try FrameScan.read(bytes, from: 0, allowTornTail: true, body)
        } catch {
            throw .corruptState(path: descriptor.path, offset: end + error.offset, reason: error.reason)
        }
        if let tail = scan.tail {
            let offset = end + tail.offset
            warn("setkey: userspace: dropping a torn journal tail in '\(descriptor.path)' at offset \(offset) "
                 + "(\(size - offset) bytes: \(tail.reason))")
            try descriptor.truncate(to: offset)
            try descriptor.sync()
        }
        end += scan.validEnd
    }

    /// Appends `bytes` (whole frames) and makes them durable.
    /// - Throws: the failing call; the file is cut back to where it was first.
    func append(_ bytes: [UInt8]) throws(EngineError) {
        guard !bytes.isEmpty else { return }
        do {
            try descriptor.writeAll(bytes, at: end)
            try descriptor.sync()
        } catch {
            _ = sys_ftruncate(descriptor.raw, off_t(end))
            throw error
        }
        end += bytes.count
    }
}
