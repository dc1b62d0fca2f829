#if canImport(Glibc)
import Glibc
#endif
import SetkeyCore
import Synchronization

// The engine's only contact with the C library's file calls: one `sys_*` function per call
// (the seam where tests inject faults), wrapped by helpers that retry EINTR and turn errno
// into `EngineError.system(operation:path:errno)`.

/// Faults injected by tests: the next `count` calls of `operation` on a path starting with
/// `pathPrefix` fail with `errno`. Scoped by path so tests running in parallel do not meet.
enum InjectedFaults {
    struct Fault {
        var operation: String
        var pathPrefix: String
        var errno: CInt
        var count: Int
    }

    private static let faults = Mutex<[Fault]>([])

    static func inject(_ operation: String, pathPrefix: String, errno: CInt, count: Int = 1) {
        faults.withLock { $0.append(Fault(operation: operation, pathPrefix: pathPrefix, errno: errno, count: count)) }
    }

    /// The errno to fail this call with, if a fault matches (and uses it up).
    static func take(_ operation: String, path: String) -> CInt? {
        faults.withLock { list -> CInt? in
            guard !list.isEmpty,
                  let i = list.firstIndex(where: { $0.operation == operation && path.hasPrefix($0.pathPrefix) })
            else { return nil }
            let e = list[i].errno
            list[i].count -= 1
            if list[i].count <= 0 { list.remove(at: i) }
            return e
        }
    }
}

func sys_openat(_ dirfd: CInt, _ name: String, _ flags: CInt, _ mode: mode_t) -> CInt { openat(dirfd, name, flags, mode) }
func sys_open(_ path: String, _ flags: CInt, _ mode: mode_t) -> CInt { open(path, flags, mode) }
func sys_pread(_ fd: CInt, _ buf: UnsafeMutableRawPointer, _ n: Int, _ offset: off_t) -> Int { pread(fd, buf, n, offset) }
func sys_write(_ fd: CInt, _ buf: UnsafeRawPointer, _ n: Int) -> Int { write(fd, buf, n) }
func sys_pwrite(_ fd: CInt, _ buf: UnsafeRawPointer, _ n: Int, _ offset: off_t) -> Int { pwrite(fd, buf, n, offset) }
func sys_fsync(_ fd: CInt) -> CInt { fsync(fd) }
func sys_ftruncate(_ fd: CInt, _ length: off_t) -> CInt { ftruncate(fd, length) }
func sys_flock(_ fd: CInt, _ op: CInt) -> CInt { flock(fd, op) }
func sys_fstat(_ fd: CInt, _ st: inout stat) -> CInt { fstat(fd, &st) }
func sys_fstatat(_ dirfd: CInt, _ name: String, _ st: inout stat, _ flags: CInt) -> CInt { fstatat(dirfd, name, &st, flags) }
func sys_renameat(_ dirfd: CInt, _ from: String, _ to: String) -> CInt { renameat(dirfd, from, dirfd, to) }
func sys_unlinkat(_ dirfd: CInt, _ name: String) -> CInt { unlinkat(dirfd, name, 0) }
func sys_mkdir(_ path: String, _ mode: mode_t) -> CInt { mkdir(path, mode) }
func sys_fchmod(_ fd: CInt, _ mode: mode_t) -> CInt { fchmod(fd, mode) }

/// Runs a system call returning -1 on failure, retrying EINTR; an injected fault stands in
/// for one call's failure.
@inline(__always)
func retrying<T: BinaryInteger>(_ operation: String, path: String,
                                _ call: () -> T) -> Result<T, EngineError> {
    while true {
        let r: T
        if let injected = InjectedFaults.take(operation, path: path) {
            errno = injected
            r = -1
        } else {
            r = call()
        }
        if r >= 0 { return .success(r) }
        let e = errno
        if e == EINTR { continue }
        return .failure(.system(operation: operation, path: path, Errno(e)))
    }
}

/// A file descriptor owned by one value: closed exactly once, when the owner goes away.
struct OwnedDescriptor: ~Copyable {
    let raw: CInt
    /// The path it was opened from, for error messages.
    let path: String

    init(raw: CInt, path: String) {
        self.raw = raw
        self.path = path
    }

    deinit { _ = Glibc.close(raw) }

    /// Reads `count` bytes at `offset`; fewer only at the end of the file.
    func read(count: Int, at offset: Int) throws(EngineError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = try out.withUnsafeMutableBytes { buf in
                retrying("pread", path: path) { sys_pread(raw, buf.baseAddress! + done, count - done, off_t(offset + done)) }
            }.get()
            if n == 0 { break }
            done += n
        }
        if done < count { out.removeLast(count - done) }
        return out
    }

    /// Writes all of `bytes` (the descriptor's offset, or the end with O_APPEND).
    func writeAll(_ bytes: [UInt8]) throws(EngineError) {
        var done = 0
        while done < bytes.count {
            let n = try bytes.withUnsafeBytes { buf in
                retrying("write", path: path) { sys_write(raw, buf.baseAddress! + done, buf.count - done) }
            }.get()
            done += n
        }
    }

    /// Writes all of `bytes` at `offset` (pwrite; the descriptor's offset is not used).
    func writeAll(_ bytes: [UInt8], at offset: Int) throws(EngineError) {
        var done = 0
        while done < bytes.count {
            let n = try bytes.withUnsafeBytes { buf in
                retrying("write", path: path) {
                    sys_pwrite(raw, buf.baseAddress! + done, buf.count - done, off_t(offset + done))
                }
            }.get()
            done += n
        }
    }

    func sync() throws(EngineError) {
        _ = try retrying("fsync", path: path) { sys_fsync(raw) }.get()
    }

    func truncate(to length: Int) throws(EngineError) {
        _ = try retrying("ftruncate", path: path) { sys_ftruncate(raw, off_t(length)) }.get()
    }

    func status() throws(EngineError) -> stat {
        var st = stat()
        _ = try retrying("fstat", path: path) { sys_fstat(raw, &st) }.get()
        return st
    }

    /// The size of the file in bytes.
    func size() throws(EngineError) -> Int { Int(try status().st_size) }
}

extension Array where Element == UInt8 {
    /// Overwrites the bytes with zeros (state files hold keys) in a way the optimizer keeps.
    mutating func zeroize() {
        withUnsafeMutableBytes { raw in
            if let base = raw.baseAddress { explicit_bzero(base, raw.count) }
        }
    }
}
