import SetkeyCore

/// Why the engine refused one change or query, with the errno a kernel of the engine's
/// personality would have answered and, where useful, a text saying what exactly was wrong.
/// Counterpart: `sadb_msg_errno` of a PF_KEY reply; a netlink `nlmsgerr` with extended ACK.
public struct EngineFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of refusal, for callers that map it onto their own error type.
    public enum Kind: Sendable, Hashable {
        /// The SA or policy does not exist (ESRCH or ENOENT).
        case notFound
        /// The SA or policy already exists (EEXIST).
        case alreadyExists
        /// The request is malformed or not acceptable to a kernel (EINVAL, ELOOP, ENOSYS ...).
        case rejected
    }

    public var kind: Kind
    public var errno: Errno
    /// What was wrong, in the engine's words (nil when the errno says it all).
    public var detail: String?

    public init(_ kind: Kind, _ errno: Errno, detail: String? = nil) {
        self.kind = kind
        self.errno = errno
        self.detail = detail
    }

    /// A missing SA: ESRCH on Linux, ENOENT on KAME kernels.
    static func saNotFound(linux: Bool) -> EngineFailure {
        EngineFailure(.notFound, linux ? .noSuchProcess : .noSuchFileOrDirectory)
    }

    /// EINVAL with a text.
    static func invalid(_ detail: String) -> EngineFailure {
        EngineFailure(.rejected, .invalidArgument, detail: detail)
    }

    public var description: String {
        detail.map { "\(errno) (\($0))" } ?? errno.description
    }
}

/// Why a whole engine operation could not be carried out: the state folder is unsafe or
/// unusable, a state file is corrupt or foreign, or a system call failed. Nothing was
/// changed when one of these is thrown (a failed journal write is rolled back).
public enum EngineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The state folder (or a file in it) has permissions or an owner that could let
    /// someone else read keys or forge state.
    case unsafeState(path: String, reason: String)
    /// A state file does not decode: the file, the byte offset and what was wrong.
    case corruptState(path: String, offset: Int, reason: String)
    /// A system call failed: the call, the path it was about and the errno.
    case system(operation: String, path: String, Errno)
    /// A single query or change was refused (used by `get` and the policy queries).
    case refused(EngineFailure)

    public var description: String {
        switch self {
        case .unsafeState(let path, let reason):
            return "userspace state '\(path)' is unsafe: \(reason)"
        case .corruptState(let path, let offset, let reason):
            return "userspace state file '\(path)' is corrupt at offset \(offset): \(reason)"
        case .system(let operation, let path, let e):
            return "\(operation)(\(path)): \(e)"
        case .refused(let failure):
            return failure.description
        }
    }
}
