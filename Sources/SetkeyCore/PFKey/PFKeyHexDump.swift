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

        /// `bytes` with the key material of every KEY_AUTH and KEY_ENCRYPT extension zeroed
        /// (`--nokeys` for `-H` dumps). Extensions are walked as far as their lengths stay
        /// inside the message; nothing else changes.
        public static func redactingKeys(_ bytes: [UInt8], wire: Wire = .native) -> [UInt8] {
            // A BSD SADB_X_PROMISC envelope: the copied message follows its header.
            if bytes.count > PFKey.headerSize, bytes[1] == MessageType.promisc.rawValue {
                return Array(bytes[..<PFKey.headerSize]) + redactingKeys(Array(bytes[PFKey.headerSize...]), wire: wire)
            }
            var out = bytes
            let view = ByteView(bytes: bytes)
            let end = min(bytes.count, Int(view.u16(4, wire.hostOrder)) * 8)
            var e = PFKey.headerSize
            while e + 4 <= end {
                let length = Int(view.u16(e, wire.hostOrder)) * 8
                guard length > 0, e + length <= end else { break }
                let type = view.u16(e + 2, wire.hostOrder)
                if type == 8 || type == 9 {  // SADB_EXT_KEY_AUTH, SADB_EXT_KEY_ENCRYPT on every wire
                    for i in min(e + 8, e + length)..<(e + length) { out[i] = 0 }
                }
                e += length
            }
            return out
        }

        static func appendHex(_ v: UInt32, digits: Int, to out: inout [UInt8]) {
            let table = Array("0123456789abcdef".utf8)
            for shift in stride(from: (digits - 1) * 4, through: 0, by: -4) {
                out.append(table[Int((v >> UInt32(shift)) & 0xf)])
            }
        }
    }
}
