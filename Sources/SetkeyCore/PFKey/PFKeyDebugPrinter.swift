extension PFKey {
    /// The `-v`/`-x` debug decoding of a message, byte for byte what ipsec-tools 0.9.1's
    /// `kdebug_sadb` prints when built for the wire's kernel (Linux: policy priorities,
    /// NAT-T and KMADDRESS known; security context and filter reported as invalid types).
    ///
    /// It reads raw bytes, never trusts a length and never traps: bytes past the end of what
    /// it is given read as 0 (the C code reads on into its receive buffer; give the whole
    /// buffer with `bytes`/`offset` to reproduce that). Where the C code would `exit(1)`
    /// (`panic` on a short KMADDRESS) the text is printed and the decoding stops.
    /// Key bytes are printed from after the `sadb_key` header, as 0.9.1 does (0.8.2 read them
    /// from 64 bytes further on and printed garbage).
    /// Counterpart: `kdebug_sadb` in ipsec-tools `libipsec/key_debug.c`.
    public struct DebugPrinter {
        let view: ByteView
        let wire: Wire
        /// `--nokeys`: key bytes are printed as `<redacted N bytes>`.
        var hideKeys = false
        var out: String = ""

        /// The text for the message that starts at `offset` in `bytes`.
        public static func text(_ bytes: [UInt8], offset: Int = 0, wire: Wire = .native,
                                hideKeys: Bool = false) -> String {
            var p = DebugPrinter(view: ByteView(bytes: bytes), wire: wire, hideKeys: hideKeys)
            p.message(at: offset)
            return p.out
        }

        /// What setkey prints for `-v` (and `-x`) per message: the decoding and an empty line.
        public static func record(_ bytes: [UInt8], offset: Int = 0, wire: Wire = .native,
                                  hideKeys: Bool = false) -> String {
            text(bytes, offset: offset, wire: wire, hideKeys: hideKeys) + "\n"
        }

        mutating func message(at base: Int) {
            let o = wire.hostOrder
            out += "sadb_msg{ version=\(view.u8(base)) type=\(view.u8(base + 1)) errno=\(view.u8(base + 2)) "
                + "satype=\(view.u8(base + 3))\n"
            let len = view.u16(base + 4, o)
            out += "  len=\(len) reserved=\(view.u16(base + 6, o)) seq=\(view.u32(base + 8, o)) pid=\(view.u32(base + 12, o))\n"
            var remaining = Int(len) * 8 - PFKey.headerSize
            var ext = base + PFKey.headerSize
            while remaining > 0 {
                let extLen = Int(view.u16(ext, o)), extType = view.u16(ext + 2, o)
                out += "sadb_ext{ len=\(extLen) type=\(extType) }\n"
                if extLen == 0 { out += "kdebug_sadb: invalid ext_len=0 was passed.\n"; return }
                // The C code compares the length in words with the bytes left.
                if extLen > remaining { out += "kdebug_sadb: ext_len exceeds end of buffer.\n"; return }
                guard printExtension(extType, at: ext) else { return }
                remaining -= extLen * 8
                ext += extLen * 8
            }
        }

        /// Prints one extension; false when the C code stops (unknown type, panic).
        mutating func printExtension(_ type: UInt16, at e: Int) -> Bool {
            switch type {
            case 1: sa(e)
            case 2, 3, 4: lifetime(e)
            case 5, 6, 7, 23: address(e)
            case 8, 9: key(e)
            case 10, 11: identity(e)
            case 12, 16, 17: break
            case 13: proposal(e)
            case 14, 15: supported(e)
            case 18: return policy(e)
            case 19: sa2(e)
            case 20: out += "sadb_x_nat_t_type{ type=\(view.u8(e + 4)) }\n"
            case 21, 22: out += "sadb_x_nat_t_port{ port=\(view.u16(e + 4, .network)) }\n"
            case 25 where wire.flavour == .linux: return kmAddress(e)
            default:
                out += "kdebug_sadb: invalid ext_type \(type) was passed.\n"
                return false
            }
            return true
        }
    }

    /// Bytes read with zero extension: any offset outside the array reads as 0.
    struct ByteView {
        let bytes: [UInt8]

        func u8(_ i: Int) -> UInt8 { i >= 0 && i < bytes.count ? bytes[i] : 0 }

        func u16(_ i: Int, _ order: PFKeyEndianness) -> UInt16 {
            let a = UInt16(u8(i)), b = UInt16(u8(i + 1))
            return order == .big ? a << 8 | b : b << 8 | a
        }

        func u32(_ i: Int, _ order: PFKeyEndianness) -> UInt32 {
            var v: UInt32 = 0
            for k in 0..<4 { v = v << 8 | UInt32(u8(i + (order == .big ? k : 3 - k))) }
            return v
        }

        func u64(_ i: Int, _ order: PFKeyEndianness) -> UInt64 {
            var v: UInt64 = 0
            for k in 0..<8 { v = v << 8 | UInt64(u8(i + (order == .big ? k : 7 - k))) }
            return v
        }
    }
}
