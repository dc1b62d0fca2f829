/// An address with a prefix length, as written in a policy selector (`10.1.0.0/16`).
///
/// The address is kept as written (not masked), as the kernel stores it.
/// Counterpart: `sadb_address` (`sadb_address_prefixlen`), `xfrm_selector.prefixlen_s/d`.
public struct IPPrefix: Sendable, Hashable, CustomStringConvertible {
    /// The address.
    public var address: IPAddress
    /// The number of significant leading bits (0...32 or 0...128).
    public var length: UInt8

    /// A prefix; `length` defaults to the full width of the family (a host).
    public init(_ address: IPAddress, length: UInt8? = nil) {
        self.address = address
        self.length = length ?? address.family.bitWidth
    }

    /// The family of the address.
    public var family: AddressFamily { address.family }

    /// Whether this prefix names a single host (/32 or /128).
    public var isHost: Bool { length == address.family.bitWidth }

    /// Whether `other` lies inside this prefix.
    public func contains(_ other: IPAddress) -> Bool {
        address.matches(other, prefixLength: length)
    }

    /// `address/length`, or just the address for a host prefix.
    public var description: String { isHost ? address.description : "\(address)/\(length)" }
}
