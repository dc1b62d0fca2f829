extension PFKey {
    /// The `-H` hex dump of a message: 16 bytes a line, each line `%08x: ` followed by
    /// `%02x ` per byte (so every line ends with a blank), a final newline after a partial line.
    /// Counterpart: the hex loop of ipsec-tools `sendkeymsg` and `promisc`.
    public enum HexDump {
        /// The dump of `bytes`; empty for no bytes.
        public static func text<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
            var out = [UInt8]()
            out.reserveCapacity(bytes.count * 3 + (bytes.count / 16 + 1) * 11)
            var i = 0
            for b in bytes {
                if i % 16 == 0 { appendHex(UInt32(truncatingIfNeeded: i), digits: 8, to: &out); out += [0x3a, 0x20] }
                appendHex(UInt32(b), digits: 2, to: &out)
                out.append(0x20)
                if i % 16 == 15 { out.append(0x0a) }
                i += 1
            }
            if i % 16 != 0 { out.append(0x0a) }
            return String(decoding: out, as: UTF8.self)
        }

        static func appendHex(_ v: UInt32, digits: Int, to out: inout [UInt8]) {
            let table = Array("0123456789abcdef".utf8)
            for shift in stride(from: (digits - 1) * 4, through: 0, by: -4) {
                out.append(table[Int((v >> UInt32(shift)) & 0xf)])
            }
        }
    }
}
