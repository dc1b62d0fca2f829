#if canImport(Glibc)
import Glibc
#endif

/// A POSIX error number, thrown and compared by name (`catch Errno.fileExists`) and printed
/// with the C library's text (`strerror`).
/// Counterpart: `errno`, `sadb_msg_errno`, a netlink `nlmsgerr.error` (negated).
public struct Errno: RawRepresentable, Error, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: CInt
    public init(rawValue: CInt) { self.rawValue = rawValue }
    public init(_ rawValue: CInt) { self.rawValue = rawValue }

    /// The current thread's `errno`.
    public static var current: Errno { Errno(errno) }

    /// `strerror(errno)`: "File exists", "No such process", ...
    public var description: String {
        #if canImport(Glibc)
        if let text = strerror(rawValue) { return String(cString: text) }
        #endif
        return "Unknown error \(rawValue)"
    }

    /// The symbolic name (`EEXIST`), for JSON and logs; `E<number>` when unknown.
    public var name: String {
        Self.names[rawValue] ?? "E\(rawValue)"
    }

    /// The errno whose symbolic name is `name` (`EEXIST`), nil when unknown.
    public init?(name: String) {
        guard let value = Self.names.first(where: { $0.value == name })?.key else { return nil }
        rawValue = value
    }

    public static let operationNotPermitted = Errno(EPERM)
    public static let noSuchFileOrDirectory = Errno(ENOENT)
    public static let noSuchProcess = Errno(ESRCH)
    public static let interrupted = Errno(EINTR)
    public static let ioError = Errno(EIO)
    public static let badFileDescriptor = Errno(EBADF)
    public static let tryAgain = Errno(EAGAIN)
    public static let noMemory = Errno(ENOMEM)
    public static let permissionDenied = Errno(EACCES)
    public static let badAddress = Errno(EFAULT)
    public static let resourceBusy = Errno(EBUSY)
    public static let fileExists = Errno(EEXIST)
    public static let invalidArgument = Errno(EINVAL)
    public static let noSpace = Errno(ENOSPC)
    public static let notImplemented = Errno(ENOSYS)
    public static let tooManyLevels = Errno(ELOOP)
    public static let messageTooLong = Errno(EMSGSIZE)
    public static let protocolNotSupported = Errno(EPROTONOSUPPORT)
    public static let notSupported = Errno(EOPNOTSUPP)
    public static let addressFamilyNotSupported = Errno(EAFNOSUPPORT)
    public static let noBufferSpace = Errno(ENOBUFS)
    public static let timedOut = Errno(ETIMEDOUT)
    public static let badMessage = Errno(EBADMSG)
    public static let range = Errno(ERANGE)

    private static let names: [CInt: String] = [
        EPERM: "EPERM", ENOENT: "ENOENT", ESRCH: "ESRCH", EINTR: "EINTR", EIO: "EIO", EBADF: "EBADF",
        EAGAIN: "EAGAIN", ENOMEM: "ENOMEM", EACCES: "EACCES", EFAULT: "EFAULT", EBUSY: "EBUSY",
        EEXIST: "EEXIST", EINVAL: "EINVAL", ENOSPC: "ENOSPC", ENOSYS: "ENOSYS", ELOOP: "ELOOP",
        EMSGSIZE: "EMSGSIZE", EPROTONOSUPPORT: "EPROTONOSUPPORT", EOPNOTSUPP: "EOPNOTSUPP",
        EAFNOSUPPORT: "EAFNOSUPPORT", ENOBUFS: "ENOBUFS", ETIMEDOUT: "ETIMEDOUT", EBADMSG: "EBADMSG",
        ERANGE: "ERANGE", E2BIG: "E2BIG", ENODEV: "ENODEV", ENXIO: "ENXIO", EPROTO: "EPROTO",
        ECONNREFUSED: "ECONNREFUSED",
        ENOTDIR: "ENOTDIR", EISDIR: "EISDIR", EROFS: "EROFS", EDQUOT: "EDQUOT", ENAMETOOLONG: "ENAMETOOLONG",
        EOVERFLOW: "EOVERFLOW", EADDRNOTAVAIL: "EADDRNOTAVAIL",
    ]

    /// Pattern-match an error against an errno: `case Errno.fileExists:`.
    public static func ~= (lhs: Errno, rhs: any Error) -> Bool {
        (rhs as? Errno) == lhs
    }
}
