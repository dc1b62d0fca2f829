/// One statement of the setkey language, resolved into model values.
/// Counterpart: a `;`-terminated statement of a setkey script (reference 2.3).
public enum Statement: Sendable, Hashable {
    /// `add`: install a new SA.
    case add(SecurityAssociation)
    /// `update`: replace an existing SA's data (NetBSD syntax; SADB_UPDATE / XFRM_MSG_UPDSA).
    case update(SecurityAssociation)
    /// `get`: print one SA.
    case get(SAIdentity)
    /// `delete`: remove one SA.
    case delete(SAIdentity)
    /// `deleteall SRC DST PROTO`: remove every SA between two hosts of one protocol.
    case deleteAll(source: IPAddress, destination: IPAddress, type: SAType)
    /// `flush [PROTO]`: remove every SA (of one type; `.unspecified` for all).
    case flush(SAType)
    /// `dump [PROTO]`: print every SA (of one type).
    case dump(SAType)
    /// `spdadd`: install a policy.
    case spdAdd(SecurityPolicy)
    /// `spdupdate`: install or replace a policy.
    case spdUpdate(SecurityPolicy)
    /// `spddelete`: remove the policy with this selector and direction (the rest of the
    /// policy text is ignored by kernels).
    case spdDelete(SecurityPolicy)
    /// `spdflush`: remove every policy.
    case spdFlush
    /// `spddump`: print every policy.
    case spdDump
    /// `exit`, `quit`, `bye`: stop reading.
    case exit

    /// The change this statement makes, nil for queries and `exit`.
    public var mutation: Mutation? {
        switch self {
        case .add(let sa): return .add(sa)
        case .update(let sa): return .update(sa)
        case .delete(let id): return .delete(id)
        case .deleteAll(let s, let d, let t): return .deleteAll(source: s, destination: d, type: t)
        case .flush(let t): return .flush(t)
        case .spdAdd(let p): return .spdAdd(p)
        case .spdUpdate(let p): return .spdUpdate(p)
        case .spdDelete(let p): return .spdDelete(p.identity)
        case .spdFlush: return .spdFlush
        case .get, .dump, .spdDump, .exit: return nil
        }
    }
}
