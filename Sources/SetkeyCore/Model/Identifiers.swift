/// A Security Parameters Index: the 32-bit number that, with the destination address and the
/// protocol, identifies an SA. For IPComp it is the CPI.
/// Counterpart: `sadb_sa_spi` (network order on the wire), `xfrm_id.spi`.
public struct SPI: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public init(_ value: UInt32) { rawValue = value }
    /// SPIs 1...255 are reserved by RFC 4303 (0 means "no SA").
    public var isReserved: Bool { rawValue < 256 }
    public static func < (a: SPI, b: SPI) -> Bool { a.rawValue < b.rawValue }
    /// `4096(0x00001000)`, as the SA dump prints it.
    public var description: String { "\(rawValue)(0x\(hex8(rawValue)))" }
}

/// The request id tying SAs to policy requests (`-u N`, `unique:N`).
/// Counterpart: `sadb_x_sa2_reqid`, `sadb_x_ipsecrequest_reqid`, `xfrm_usersa_info.reqid`.
public struct RequestID: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public init(_ value: UInt32) { rawValue = value }
    /// No request id (0).
    public static let none = RequestID(0)
    /// The largest id an administrator may choose; larger ones are kernel-assigned (0x3fff).
    public static let maximumManual: UInt32 = 0x3fff
    public static func < (a: RequestID, b: RequestID) -> Bool { a.rawValue < b.rawValue }
    public var description: String { "\(rawValue)" }
}

/// Eight lower-case hex digits, zero padded (`%08x`).
@inlinable public func hex8(_ v: UInt32) -> String {
    let digits = String(v, radix: 16)
    return String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}
