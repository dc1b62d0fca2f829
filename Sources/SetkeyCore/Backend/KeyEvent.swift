/// Something that happened in a backend's SAD or SPD, as `-x` shows it.
/// Counterpart: a PF_KEY message seen in promiscuous mode (`SADB_X_PROMISC`); an XFRM
/// multicast message (`XFRMNLGRP_SA`, `_POLICY`, `_EXPIRE`, `_ACQUIRE`).
public struct KeyEvent: Sendable, Hashable {
    /// What happened.
    public enum Kind: Sendable, Hashable {
        case saAdded
        case saUpdated
        case saDeleted
        /// Soft (`hard == false`) or hard lifetime reached.
        case saExpired(hard: Bool)
        case saFlushed
        /// The kernel asks a key manager for an SA.
        case acquire
        case policyAdded
        case policyUpdated
        case policyDeleted
        case policyExpired
        case policyFlushed
        /// A message that is none of the above (REGISTER, GETSPI, ...), by name.
        case other(String)
    }

    public var kind: Kind
    /// The SA concerned, when there is one.
    public var sa: SecurityAssociation?
    /// The policy concerned, when there is one.
    public var policy: SecurityPolicy?
    /// The SA type concerned (`.unspecified` when none or all).
    public var saType: SAType
    /// When the backend saw it: seconds and microseconds since the epoch.
    public var seconds: Int64
    public var microseconds: Int32
    /// The process that caused it, when known.
    public var originPID: UInt32?
    /// The PF_KEY message exactly as received, when the backend speaks PF_KEY.
    public var rawMessage: [UInt8]?

    public init(kind: Kind, sa: SecurityAssociation? = nil, policy: SecurityPolicy? = nil,
                saType: SAType = .unspecified, seconds: Int64, microseconds: Int32 = 0,
                originPID: UInt32? = nil, rawMessage: [UInt8]? = nil) {
        self.kind = kind
        self.sa = sa
        self.policy = policy
        self.saType = saType
        self.seconds = seconds
        self.microseconds = microseconds
        self.originPID = originPID
        self.rawMessage = rawMessage
    }
}
