#if canImport(Glibc)
import Glibc
#endif

/// Whole-file reads and writes over file descriptors, with EINTR retried and failures as
/// `Errno`.
public enum FileIO {
    /// Reads every byte of the file at `path` (`-` is standard input).
    /// - Throws: the errno of `open` or `read`.
    public static func readFile(_ path: String) throws(Errno) -> [UInt8] {
        if path == "-" { return try readAll(fd: STDIN_FILENO) }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Errno.current }
        defer { _ = close(fd) }
        return try readAll(fd: fd)
    }

    /// Reads from `fd` until end of file.
    public static func readAll(fd: CInt) throws(Errno) -> [UInt8] {
        var out = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Errno.current
            }
            if n == 0 { return out }
            out.append(contentsOf: chunk[0..<n])
        }
    }

    /// Reads what is available from `fd`, at most `max` bytes; empty at end of file.
    public static func readSome(fd: CInt, max: Int = 1 << 16) throws(Errno) -> [UInt8] {
        var chunk = [UInt8](repeating: 0, count: max)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Errno.current
            }
            return Array(chunk[0..<n])
        }
    }

    /// Writes every byte to `fd`.
    public static func writeAll(fd: CInt, _ bytes: UnsafeRawBufferPointer) throws(Errno) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, base + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw Errno.current
            }
            offset += n
        }
    }

    /// Whether a file exists at `path`.
    public static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }
}

/// The owner, mode and kind of a file, from `stat`.
public struct FileStatus: Sendable, Hashable {
    public var owner: UInt32
    public var mode: UInt32
    public var isDirectory: Bool
    public var isRegular: Bool

    /// `stat(path)`.
    /// - Throws: the errno of `stat`.
    public init(path: String) throws(Errno) {
        var st = stat()
        guard stat(path, &st) == 0 else { throw Errno.current }
        owner = st.st_uid
        mode = st.st_mode & 0o7777
        isDirectory = (st.st_mode & S_IFMT) == S_IFDIR
        isRegular = (st.st_mode & S_IFMT) == S_IFREG
    }

    /// Whether the group or others may write it.
    public var isGroupOrWorldWritable: Bool { mode & 0o022 != 0 }

    /// The mode as four octal digits (`0664`).
    public var octalMode: String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
