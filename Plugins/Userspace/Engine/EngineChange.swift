import SetkeyCore

/// One change to the engine's SAD or SPD, in the engine's own terms (the backend adapter
/// maps `Mutation` onto it).
/// Counterpart: PF_KEY ADD, UPDATE, DELETE, FLUSH, X_SPDADD, X_SPDUPDATE, X_SPDDELETE,
/// X_SPDFLUSH; XFRM NEWSA, UPDSA, DELSA, FLUSHSA, NEWPOLICY, UPDPOLICY, DELPOLICY, FLUSHPOLICY.
public enum EngineChange: Sendable, Hashable {
    /// Install an SA; an existing live (destination, type, SPI) fails with EEXIST.
    case addSA(SecurityAssociation)
    /// Change an existing SA; a missing one fails with ESRCH (linux) or ENOENT (kame).
    case updateSA(SecurityAssociation)
    /// Remove one SA.
    case deleteSA(SAIdentity)
    /// Remove every live SA of `type` from `source` to `destination` (none is no error).
    case deleteAllSAs(source: IPAddress, destination: IPAddress, type: SAType)
    /// Remove every SA of a type, dead ones included (`.unspecified`: all types).
    case flushSAs(SAType)
    /// Install a policy; an existing selector + direction fails with EEXIST.
    case addPolicy(SecurityPolicy)
    /// Install or replace a policy.
    case updatePolicy(SecurityPolicy)
    /// Remove the policy with this selector and direction (ENOENT when missing).
    case deletePolicy(PolicyIdentity)
    /// Remove every policy.
    case flushPolicies
}

/// A packet's 5-tuple, as the policy lookup sees it. For ICMP, ICMPv6 and MH the ports hold
/// the type (source) and the code (destination), as the kernel's flow does.
/// Counterpart: `struct flowi4` / `flowi6` (`saddr`, `daddr`, `flowi_proto`, `fl4_sport`, `fl4_dport`).
public struct PacketFlow: Sendable, Hashable {
    public var source: IPAddress
    public var destination: IPAddress
    /// The IP protocol number of the upper layer (6 TCP, 17 UDP, 1 ICMP ...).
    public var upperLayer: UInt8
    public var sourcePort: UInt16
    public var destinationPort: UInt16

    public init(source: IPAddress, destination: IPAddress, upperLayer: UInt8,
                sourcePort: UInt16 = 0, destinationPort: UInt16 = 0) {
        self.source = source
        self.destination = destination
        self.upperLayer = upperLayer
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
    }
}
