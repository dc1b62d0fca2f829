#if canImport(Glibc)
import Glibc
#endif
import SetkeyCore

/// The state folder: created with mode 0700 when missing, refused when someone other than
/// the user could change it, and the place every state file is opened from (by name,
/// relative to the folder's descriptor, never following symbolic links).
///
/// Files: `snapshot` (compacted state), `journal` (appended since), `lock` (flock target).
struct StateDirectory: ~Copyable {
    let path: String
    let descriptor: OwnedDescriptor

    static let snapshotName = "snapshot"
    static let journalName = "journal"
    static let lockName = "lock"

    /// Opens (creating when missing) and checks the folder.
    /// - Throws: `unsafeState` when it is not a directory, is owned by another user or is
    ///   group/world-writable; `system` when it cannot be created or opened.
    init(path: String) throws(EngineError) {
        guard !path.isEmpty else { throw .unsafeState(path: path, reason: "empty path") }
        try Self.createIfMissing(path)
        let fd = try retrying("open", path: path) {
            sys_open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC, 0)
        }.mapError { e -> EngineError in
            if case .system(_, _, let errno) = e, errno.rawValue == ELOOP || errno.rawValue == ENOTDIR {
                return .unsafeState(path: path, reason: "not a directory (symbolic links are not followed)")
            }
            return e
        }.get()
        let owned = OwnedDescriptor(raw: fd, path: path)
        try Self.checkOwnerAndMode(try owned.status(), path: path, allowedMode: 0o755)
        self.path = path
        descriptor = owned
    }

    /// Creates `path` and missing parents with mode 0700.
    private static func createIfMissing(_ path: String) throws(EngineError) {
        var st = stat()
        if stat(path, &st) == 0 { return }
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if stat(prefix, &st) == 0 { continue }
            let r = sys_mkdir(prefix, 0o700)
            if r != 0 && errno != EEXIST {
                throw .system(operation: "mkdir", path: prefix, Errno.current)
            }
        }
    }

    /// Refuses entries owned by another user or whose
    /// permission bits go beyond `allowedMode`.
    static func checkOwnerAndMode(_ st: stat, path: String, allowedMode: mode_t) throws(EngineError) {
        let me = geteuid()
        if st.st_uid != me {
            throw .unsafeState(path: path, reason: "owned by uid \(st.st_uid), not by uid \(me)")
        }
        let mode = st.st_mode & 0o7777
        if mode & ~allowedMode != 0 {
            let what = allowedMode == 0o755 ? "group/world-writable" : "accessible by group or others"
            throw .unsafeState(path: path, reason: "mode \(octal(mode)) is \(what) (expected \(octal(allowedMode & 0o700)))")
        }
    }

    /// The full path of a file in the folder, for messages.
    func pathOf(_ name: String) -> String { path + "/" + name }

    /// Opens a state file by name; with `create`, a missing file is made with mode 0600.
    /// Existing files must belong to the user and not be accessible by anyone else.
    /// - Returns: nil when the file does not exist and `create` is false.
    func open(_ name: String, flags: CInt, create: Bool) throws(EngineError) -> OwnedDescriptor? {
        let full = pathOf(name)
        var f = flags | O_CLOEXEC | O_NOFOLLOW
        if create { f |= O_CREAT }
        let r = sys_openat(descriptor.raw, name, f, 0o600)
        if r < 0 {
            let e = errno
            if e == ENOENT && !create { return nil }
            if e == ELOOP { throw .unsafeState(path: full, reason: "is a symbolic link") }
            throw .system(operation: "open", path: full, Errno(e))
        }
        let fd = OwnedDescriptor(raw: r, path: full)
        let st = try fd.status()
        guard st.st_mode & S_IFMT == S_IFREG else { throw .unsafeState(path: full, reason: "not a regular file") }
        try Self.checkOwnerAndMode(st, path: full, allowedMode: 0o600)
        return fd
    }

    /// Creates `name` afresh (removing a leftover), mode 0600, for writing.
    func createFresh(_ name: String) throws(EngineError) -> OwnedDescriptor {
        _ = sys_unlinkat(descriptor.raw, name)
        let full = pathOf(name)
        let r = try retrying("open", path: full) {
            sys_openat(descriptor.raw, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        }.get()
        let fd = OwnedDescriptor(raw: r, path: full)
        _ = try retrying("fchmod", path: full) { sys_fchmod(r, 0o600) }.get()
        return fd
    }

    /// Removes temporary files a process killed while compacting left behind.
    func removeLeftovers() {
        for name in [Self.snapshotName + ".new", Self.journalName + ".new"] { _ = sys_unlinkat(descriptor.raw, name) }
    }

    /// Atomically replaces `to` with `from` and makes the rename durable.
    func replace(_ to: String, with from: String) throws(EngineError) {
        _ = try retrying("rename", path: pathOf(to)) { sys_renameat(descriptor.raw, from, to) }.get()
        try descriptor.sync()
    }

    /// The device and inode of a file in the folder, nil when it does not exist.
    func identity(of name: String) throws(EngineError) -> FileIdentity? {
        try status(of: name).map(FileIdentity.init)
    }

    /// The size of a file in the folder, nil when it does not exist.
    func size(of name: String) throws(EngineError) -> Int? {
        try status(of: name).map { Int($0.st_size) }
    }

    private func status(of name: String) throws(EngineError) -> stat? {
        var st = stat()
        let r = sys_fstatat(descriptor.raw, name, &st, AT_SYMLINK_NOFOLLOW)
        if r != 0 {
            if errno == ENOENT { return nil }
            throw .system(operation: "stat", path: pathOf(name), Errno.current)
        }
        return st
    }
}

/// Which file a descriptor or name refers to (device and inode): a changed identity means
/// another process replaced the file.
struct FileIdentity: Hashable {
    var device: UInt64
    var inode: UInt64

    init(_ st: stat) {
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
    }
}

/// `0700`-style text of a mode.
func octal(_ mode: mode_t) -> String {
    let digits = String(mode, radix: 8)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}
