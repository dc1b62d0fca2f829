/// How a backend request failed. Every case keeps an errno so the classic
/// `The result of line N: <strerror>.` text can be printed, and the kernel's own text when
/// it gave one.
public enum BackendError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The SA or policy does not exist (ESRCH on Linux, ENOENT on BSD and for policies).
    case notFound(Errno)
    /// An SA with that destination/protocol/SPI, or a policy with that selector/direction,
    /// already exists (EEXIST).
    case alreadyExists(Errno)
    /// The backend cannot do this at all (a missing capability); the text names it.
    case unsupported(String, Errno)
    /// The caller lacks the privilege (EPERM/EACCES).
    case permissionDenied(Errno, detail: String?)
    /// The kernel (or engine) refused the request for another reason, with its own text
    /// (netlink extended ACK) when it gave one.
    case kernelRejected(Errno, detail: String?)
    /// A reply could not be decoded: truncated, foreign or inconsistent.
    case malformedReply(String)
    /// A system call failed: the operation (`sendmsg(NETLINK_XFRM)`) and its errno.
    case system(operation: String, Errno)
    /// The backend cannot start on this host (no PF_KEY, no netlink, no state folder ...).
    case unavailable(String)
    /// The backend's configuration is wrong; the text says where and why.
    case invalidConfiguration(String)

    /// The errno this failure corresponds to.
    public var errno: Errno {
        switch self {
        case .notFound(let e), .alreadyExists(let e), .unsupported(_, let e), .permissionDenied(let e, _),
             .kernelRejected(let e, _), .system(_, let e):
            return e
        case .malformedReply: return .badMessage
        case .unavailable: return .protocolNotSupported
        case .invalidConfiguration: return .invalidArgument
        }
    }

    /// Extra text beyond the errno's meaning (kernel extended ACK, capability name ...).
    public var detail: String? {
        switch self {
        case .notFound, .alreadyExists: return nil
        case .unsupported(let text, _): return text
        case .permissionDenied(_, let d), .kernelRejected(_, let d): return d
        case .malformedReply(let text), .unavailable(let text), .invalidConfiguration(let text): return text
        case .system(let op, _): return op
        }
    }

    /// A kernel-style error built from an errno: EEXIST becomes `alreadyExists`, ESRCH and
    /// ENOENT `notFound`, EPERM/EACCES `permissionDenied`, the rest `kernelRejected`.
    public static func fromKernel(_ errno: Errno, detail: String? = nil) -> BackendError {
        switch errno {
        case .fileExists: return .alreadyExists(errno)
        case .noSuchProcess, .noSuchFileOrDirectory: return .notFound(errno)
        case .operationNotPermitted, .permissionDenied: return .permissionDenied(errno, detail: detail)
        default: return .kernelRejected(errno, detail: detail)
        }
    }

    public var description: String {
        switch self {
        case .system(let op, let e): return "\(op): \(e)"
        case .unavailable(let text), .invalidConfiguration(let text): return text
        case .malformedReply(let text): return "malformed reply: \(text)"
        default:
            if let d = detail { return "\(errno) (\(d))" }
            return errno.description
        }
    }
}
