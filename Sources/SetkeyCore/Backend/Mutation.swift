/// A change to the SAD or SPD, as the executor hands it to a backend.
/// Counterpart: the PF_KEY messages ADD, UPDATE, DELETE, FLUSH, X_SPDADD, X_SPDUPDATE,
/// X_SPDDELETE, X_SPDFLUSH; XFRM NEWSA, UPDSA, DELSA, FLUSHSA, NEWPOLICY, UPDPOLICY,
/// DELPOLICY, FLUSHPOLICY.
public enum Mutation: Sendable, Hashable {
    /// Install a new SA; an existing (destination, type, SPI) fails with `alreadyExists`.
    case add(SecurityAssociation)
    /// Replace the data of an existing SA; a missing one fails with `notFound`.
    case update(SecurityAssociation)
    /// Remove one SA; a missing one fails with `notFound`.
    case delete(SAIdentity)
    /// Remove every SA of `type` from `source` to `destination` (none is not an error).
    case deleteAll(source: IPAddress, destination: IPAddress, type: SAType)
    /// Remove every SA of a type (`.unspecified`: all).
    case flush(SAType)
    /// Install a policy; an existing selector + direction fails with `alreadyExists`.
    case spdAdd(SecurityPolicy)
    /// Install or replace a policy.
    case spdUpdate(SecurityPolicy)
    /// Remove the policy with this selector and direction; missing fails with `notFound`.
    case spdDelete(PolicyIdentity)
    /// Remove every policy.
    case spdFlush

    /// The setkey command word (`add`, `spdflush`, ...), for messages.
    public var keyword: String {
        switch self {
        case .add: return "add"
        case .update: return "update"
        case .delete: return "delete"
        case .deleteAll: return "deleteall"
        case .flush: return "flush"
        case .spdAdd: return "spdadd"
        case .spdUpdate: return "spdupdate"
        case .spdDelete: return "spddelete"
        case .spdFlush: return "spdflush"
        }
    }

    /// Whether this changes the SPD (rather than the SAD).
    public var isPolicyMutation: Bool {
        switch self {
        case .spdAdd, .spdUpdate, .spdDelete, .spdFlush: return true
        default: return false
        }
    }
}

/// Which SAs a dump returns.
/// Counterpart: `dump [proto]`, `-D`, `-D -a`.
public struct SADumpFilter: Sendable, Hashable {
    /// Only SAs of this type; `.unspecified` for all.
    public var type: SAType
    /// Whether SAs in state dead are included (`-a`).
    public var includeDead: Bool
    public init(type: SAType = .unspecified, includeDead: Bool = false) {
        self.type = type
        self.includeDead = includeDead
    }
    /// Every SA that is not dead.
    public static let all = SADumpFilter()
}
