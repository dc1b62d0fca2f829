#if canImport(Glibc)
import Glibc
#endif
import CXFRM
import SetkeyCore

/// Conversions between the model's addresses and the kernel's `xfrm_address_t` (16 bytes,
/// network order, an IPv4 address in the first four) and address family numbers.
/// Counterpart: `xfrm_address_t`, `AF_INET`/`AF_INET6`.
enum XFRMAddress {
    static let inet = UInt16(AF_INET)
    static let inet6 = UInt16(AF_INET6)

    /// `AF_INET` or `AF_INET6` for a family.
    static func family(_ family: AddressFamily) -> UInt16 {
        family == .inet ? inet : inet6
    }

    /// The model family for `AF_INET`/`AF_INET6`, nil for anything else.
    static func family(kernel value: UInt16) -> AddressFamily? {
        switch value {
        case inet: return .inet
        case inet6: return .inet6
        default: return nil
        }
    }

    /// The kernel form of `address`: network-order bytes, zero padded.
    static func kernel(_ address: IPAddress) -> xfrm_address_t {
        var out = xfrm_address_t()
        withUnsafeMutableBytes(of: &out) { raw in
            if address.family == .inet {
                raw.storeBytes(of: address.ipv4Value.bigEndian, toByteOffset: 0, as: UInt32.self)
            } else {
                raw.storeBytes(of: address.high.bigEndian, toByteOffset: 0, as: UInt64.self)
                raw.storeBytes(of: address.low.bigEndian, toByteOffset: 8, as: UInt64.self)
            }
        }
        return out
    }

    /// The model address held in `value` for `family`.
    static func model(_ value: xfrm_address_t, family: AddressFamily) -> IPAddress {
        withUnsafeBytes(of: value) { raw in
            if family == .inet {
                return IPAddress(ipv4: UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt32.self)))
            }
            return IPAddress(ipv6High: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                             low: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        }
    }

    /// Whether every byte of `value` is zero.
    static func isZero(_ value: xfrm_address_t) -> Bool {
        withUnsafeBytes(of: value) { raw in
            raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self) == 0
                && raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self) == 0
        }
    }
}
