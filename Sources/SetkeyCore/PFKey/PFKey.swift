/// The PF_KEY v2 message codec: wire types, the base header and every extension, both wire
/// personalities (Linux and BSD), encoding from and decoding into the model, and the printers
/// of raw messages (`-H` hex, `-v` debug decode, `-x` monitor records).
///
/// Every field is read and written with an explicit byte order: PF_KEY fields are in host
/// order except the SPI, ports and addresses (network order). Lengths count 64-bit words.
/// Counterpart: RFC 2367 and `<net/pfkeyv2.h>` / `<linux/pfkeyv2.h>`.
public enum PFKey {
    /// The protocol version every message carries: `PF_KEY_V2`.
    public static let version: UInt8 = 2
    /// The size of the base header `sadb_msg` in bytes.
    public static let headerSize = 16
    /// The size of the generic extension header `sadb_ext` in bytes.
    public static let extensionHeaderSize = 4
    /// The largest message a `u16` length in 64-bit words can describe.
    public static let maximumMessageSize = Int(UInt16.max) * 8
    /// The receive buffer setkey uses (32 KiB): longer replies and positional files are cut.
    public static let setkeyReceiveBufferSize = 32 * 1024

    /// `PFKEY_ALIGN8`: `n` rounded up to a multiple of 8.
    @inlinable public static func align8(_ n: Int) -> Int { (n + 7) & ~7 }

    /// `PFKEY_UNIT64`: a byte count as 64-bit words.
    @inlinable public static func words(_ bytes: Int) -> Int { bytes / 8 }
}
