#if canImport(Glibc)
import Glibc
#endif
import SetkeyCore

/// The compacted state: a header and one frame per record (`counters`, then every SA and
/// every policy as `saAdded`/`policyAdded`). Written under a temporary name, synced and
/// renamed into place, so a snapshot is always whole; any damage in one is an error.
enum SnapshotFile {
    /// What a snapshot is: its generation and size.
    struct Header {
        var generation: UInt64
        var size: Int
    }

    /// Reads the snapshot, handing its records to `body`; nil when there is none.
    /// - Parameter sizeHint: called with the number of bytes before any record, to reserve room.
    static func read(in directory: borrowing StateDirectory, sizeHint: (Int) -> Void,
                     _ body: (JournalEntry) -> Void) throws(EngineError) -> Header? {
        guard let fd = try directory.open(StateDirectory.snapshotName, flags: O_RDONLY, create: false) else { return nil }
        let size = try fd.size()
        var bytes = try fd.read(count: size, at: 0)
        defer { bytes.zeroize() }
        let generation = try JournalFile.checkHeader(Array(bytes.prefix(StateFileFormat.headerSize)), path: fd.path,
                                                     magic: StateFileFormat.snapshotMagic, kind: "snapshot")
        sizeHint(size)
        do {
            _ = try FrameScan.read(bytes, from: StateFileFormat.headerSize, allowTornTail: false, body)
        } catch {
            throw .corruptState(path: fd.path, offset: error.offset, reason: error.reason)
        }
        return Header(generation: generation, size: size)
    }

    /// Writes `frames` (already framed records) as snapshot `generation`, atomically.
    /// - Returns: the snapshot's size in bytes.
    static func write(in directory: borrowing StateDirectory, generation: UInt64, frames: [UInt8]) throws(EngineError) -> Int {
        let temporary = StateDirectory.snapshotName + ".new"
        let header = StateFileFormat.header(magic: StateFileFormat.snapshotMagic, generation: generation)
        do {
            let fd = try directory.createFresh(temporary)
            try fd.writeAll(header)
            try fd.writeAll(frames)
            try fd.sync()
        }
        try directory.replace(StateDirectory.snapshotName, with: temporary)
        return header.count + frames.count
    }
}
