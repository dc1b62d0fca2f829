import SetkeyCore

/// Something that happened in the engine's SAD or SPD, in any process using the same state
/// folder, as `KeyEngine.follow` delivers it.
/// Counterpart: a PF_KEY message seen by a promiscuous socket; an XFRM multicast message.
public struct EngineEvent: Sendable, Hashable {
    /// What happened.
    public enum Kind: Sendable, Hashable {
        case saAdded
        case saUpdated
        case saDeleted
        /// The soft (`hard == false`) or hard lifetime of an SA was reached.
        case saExpired(hard: Bool)
        /// Every SA of `saType` was removed.
        case saFlushed
        case policyAdded
        case policyUpdated
        case policyDeleted
        case policyFlushed
    }

    public var kind: Kind
    /// The SA concerned, as a dump would show it.
    public var sa: SecurityAssociation?
    /// The policy concerned, as a dump would show it.
    public var policy: SecurityPolicy?
    /// The SA type of a flush (`.unspecified` for all), or of the SA concerned.
    public var saType: SAType
    /// When it was written to the journal: seconds and microseconds since the epoch.
    public var seconds: Int64
    public var microseconds: Int32
    /// The process that wrote it.
    public var originPID: UInt32

    public init(kind: Kind, sa: SecurityAssociation? = nil, policy: SecurityPolicy? = nil,
                saType: SAType = .unspecified, seconds: Int64, microseconds: Int32, originPID: UInt32) {
        self.kind = kind
        self.sa = sa
        self.policy = policy
        self.saType = saType
        self.seconds = seconds
        self.microseconds = microseconds
        self.originPID = originPID
    }
}
