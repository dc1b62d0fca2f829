/// The address family of an `IPAddress`.
///
/// Maps to `AF_INET` / `AF_INET6`; the numeric values differ per platform and are the
/// codecs' business, not the model's.
public enum AddressFamily: UInt8, Sendable, Hashable, Comparable, CaseIterable {
    case inet = 4
    case inet6 = 6

    /// The full prefix length of an address of this family (32 or 128).
    @inlinable public var bitWidth: UInt8 { self == .inet ? 32 : 128 }

    /// The number of address bytes (4 or 16).
    @inlinable public var byteCount: Int { self == .inet ? 4 : 16 }

    public static func < (lhs: AddressFamily, rhs: AddressFamily) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A numeric IPv4 or IPv6 address, as setkey accepts it (no name resolution).
///
/// Stored as 128 bits in network order split in two words; an IPv4 address occupies the low
/// 32 bits of `low`. Printing follows glibc's `inet_ntop`, which is what ipsec-tools prints.
/// Counterpart: the address inside `sockaddr_in`/`sockaddr_in6`, `xfrm_address_t`.
public struct IPAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// IPv4 or IPv6.
    public let family: AddressFamily
    /// The high 64 bits of an IPv6 address (0 for IPv4).
    public let high: UInt64
    /// The low 64 bits of an IPv6 address, or the IPv4 address in the low 32 bits.
    public let low: UInt64

    /// An IPv4 address from its 32-bit value in host order (`0x0a000001` is 10.0.0.1).
    public init(ipv4 value: UInt32) {
        family = .inet
        high = 0
        low = UInt64(value)
    }

    /// An IPv6 address from its two 64-bit halves in host order.
    public init(ipv6High: UInt64, low: UInt64) {
        family = .inet6
        high = ipv6High
        self.low = low
    }

    /// An address from its network-order bytes: 4 bytes make IPv4, 16 make IPv6.
    /// Returns nil for any other count.
    public init?<C: Collection>(bytes: C) where C.Element == UInt8 {
        switch bytes.count {
        case 4:
            var v: UInt32 = 0
            for b in bytes { v = v << 8 | UInt32(b) }
            self.init(ipv4: v)
        case 16:
            var h: UInt64 = 0
            var l: UInt64 = 0
            var i = 0
            for b in bytes {
                if i < 8 { h = h << 8 | UInt64(b) } else { l = l << 8 | UInt64(b) }
                i += 1
            }
            self.init(ipv6High: h, low: l)
        default:
            return nil
        }
    }

    /// The unspecified address of a family (`0.0.0.0` or `::`).
    public static func unspecified(_ family: AddressFamily) -> IPAddress {
        family == .inet ? IPAddress(ipv4: 0) : IPAddress(ipv6High: 0, low: 0)
    }

    /// The IPv4 value in host order (only meaningful for `.inet`).
    @inlinable public var ipv4Value: UInt32 { UInt32(truncatingIfNeeded: low) }

    /// The address bytes in network order (4 or 16 of them).
    public var bytes: [UInt8] {
        if family == .inet {
            let v = ipv4Value
            return [UInt8(v >> 24), UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff)]
        }
        var out = [UInt8]()
        out.reserveCapacity(16)
        for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(high >> UInt64(shift) & 0xff)) }
        for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(low >> UInt64(shift) & 0xff)) }
        return out
    }

    /// Whether every bit is zero (`0.0.0.0`, `::`).
    public var isUnspecified: Bool { high == 0 && low == 0 }

    /// The address with every bit after the first `length` bits cleared.
    public func masked(toPrefixLength length: UInt8) -> IPAddress {
        let width = family.bitWidth
        let n = min(length, width)
        if family == .inet {
            let mask: UInt32 = n == 0 ? 0 : ~UInt32(0) << UInt32(32 - n)
            return IPAddress(ipv4: ipv4Value & mask)
        }
        let highMask: UInt64 = n >= 64 ? ~0 : (n == 0 ? 0 : ~UInt64(0) << UInt64(64 - n))
        let lowMask: UInt64 = n <= 64 ? 0 : (n == 128 ? ~0 : ~UInt64(0) << UInt64(128 - n))
        return IPAddress(ipv6High: high & highMask, low: low & lowMask)
    }

    /// Whether the first `length` bits of both addresses are equal (same family required).
    public func matches(_ other: IPAddress, prefixLength length: UInt8) -> Bool {
        family == other.family && masked(toPrefixLength: length) == other.masked(toPrefixLength: length)
    }

    public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        if lhs.family != rhs.family { return lhs.family < rhs.family }
        if lhs.high != rhs.high { return lhs.high < rhs.high }
        return lhs.low < rhs.low
    }

    /// The address as `inet_ntop` prints it: dotted quad, or RFC 5952-style IPv6 with the
    /// longest run (at least two) of zero groups compressed and glibc's IPv4-mapped and
    /// IPv4-compatible forms.
    public var description: String {
        if family == .inet { return Self.dottedQuad(ipv4Value) }
        var words = [UInt16](repeating: 0, count: 8)
        for i in 0..<4 {
            words[i] = UInt16(truncatingIfNeeded: high >> UInt64(48 - 16 * i))
            words[i + 4] = UInt16(truncatingIfNeeded: low >> UInt64(48 - 16 * i))
        }
        var bestBase = -1, bestLen = 0, curBase = -1, curLen = 0
        for i in 0..<8 {
            if words[i] == 0 {
                if curBase == -1 { curBase = i; curLen = 1 } else { curLen += 1 }
            } else if curBase != -1 {
                if bestBase == -1 || curLen > bestLen { bestBase = curBase; bestLen = curLen }
                curBase = -1
            }
        }
        if curBase != -1, bestBase == -1 || curLen > bestLen { bestBase = curBase; bestLen = curLen }
        if bestBase != -1, bestLen < 2 { bestBase = -1 }
        var text = ""
        var i = 0
        while i < 8 {
            if bestBase != -1, i >= bestBase, i < bestBase + bestLen {
                if i == bestBase { text += ":" }
                i += 1
                continue
            }
            if i != 0 { text += ":" }
            if i == 6, bestBase == 0, bestLen == 6 || (bestLen == 5 && words[5] == 0xffff) {
                text += Self.dottedQuad(UInt32(truncatingIfNeeded: low))
                break
            }
            text += String(words[i], radix: 16)
            i += 1
        }
        if bestBase != -1, bestBase + bestLen == 8 { text += ":" }
        return text
    }

    private static func dottedQuad(_ v: UInt32) -> String {
        "\(v >> 24).\(v >> 16 & 0xff).\(v >> 8 & 0xff).\(v & 0xff)"
    }
}
