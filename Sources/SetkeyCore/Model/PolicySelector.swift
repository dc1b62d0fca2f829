/// The upper-layer protocol of a policy selector: an IP protocol number, 255 meaning any.
/// Counterpart: the `upper` operand of `spdadd` (`any`, `tcp`, `icmp6`, `50`);
/// `sadb_address_proto`; `xfrm_selector.proto` (0 = any there).
public struct UpperLayerProtocol: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public init(_ value: UInt8) { rawValue = value }

    /// `any` (255, `IPSEC_ULPROTO_ANY`).
    public static let any = UpperLayerProtocol(255)
    public static let icmp = UpperLayerProtocol(1)
    public static let ipv4 = UpperLayerProtocol(4)
    public static let tcp = UpperLayerProtocol(6)
    public static let udp = UpperLayerProtocol(17)
    public static let gre = UpperLayerProtocol(47)
    public static let icmpv6 = UpperLayerProtocol(58)
    public static let mobilityHeader = UpperLayerProtocol(135)

    /// Whether the selector ports hold ICMP type and code rather than ports (ICMP, ICMPv6, MH).
    public var portsAreTypeAndCode: Bool { self == .icmp || self == .icmpv6 || self == .mobilityHeader }

    public static func < (a: UpperLayerProtocol, b: UpperLayerProtocol) -> Bool { a.rawValue < b.rawValue }
    public var description: String { self == .any ? "any" : "\(rawValue)" }
}

/// Which packets a policy applies to: source and destination prefixes, ports and the
/// upper-layer protocol. For ICMP/ICMPv6/MH the source port holds the type and the
/// destination port the code; for GRE the two ports hold the key.
/// Counterpart: the operands of `spdadd`; `sadb_address` src/dst of an SPD message;
/// `xfrm_selector`.
public struct PolicySelector: Sendable, Hashable {
    public var source: IPPrefix
    public var destination: IPPrefix
    /// 0 = any.
    public var sourcePort: UInt16
    /// 0 = any.
    public var destinationPort: UInt16
    public var upperLayer: UpperLayerProtocol

    public init(source: IPPrefix, destination: IPPrefix, sourcePort: UInt16 = 0, destinationPort: UInt16 = 0,
                upperLayer: UpperLayerProtocol = .any) {
        self.source = source
        self.destination = destination
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
        self.upperLayer = upperLayer
    }

    /// The family of both prefixes (they must agree).
    public var family: AddressFamily { source.family }
}
