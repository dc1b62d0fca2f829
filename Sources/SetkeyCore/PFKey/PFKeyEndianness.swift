/// The byte order of one wire field. PF_KEY mixes host-order fields (lengths, reqids,
/// lifetimes) with network-order ones (SPI, ports, addresses), so every read and write names
/// its order.
public enum PFKeyEndianness: Sendable, Hashable {
    case little
    case big

    /// The order of the machine this code runs on.
    public static var host: PFKeyEndianness {
        UInt16(1).littleEndian == 1 ? .little : .big
    }

    /// Network byte order.
    public static let network: PFKeyEndianness = .big
}
