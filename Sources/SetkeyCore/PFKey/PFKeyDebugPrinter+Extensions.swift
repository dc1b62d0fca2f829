extension PFKey.DebugPrinter {
    /// `ipsec_hexdump`: a blank before every 4 bytes, a newline before every 32 after the first.
    mutating func hexdump(_ start: Int, _ count: Int) {
        guard count > 0 else { return }
        var bytes = [UInt8]()
        for i in 0..<count {
            if i != 0 && i % 32 == 0 { bytes.append(0x0a) }
            if i % 4 == 0 { bytes.append(0x20) }
            PFKey.HexDump.appendHex(UInt32(view.u8(start + i)), digits: 2, to: &bytes)
        }
        out += String(decoding: bytes, as: UTF8.self)
    }

    static func hex8(_ v: UInt32) -> String { SetkeyCore.hex8(v) }

    static func hex(_ v: UInt32, digits: Int) -> String {
        var bytes = [UInt8]()
        PFKey.HexDump.appendHex(v, digits: digits, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    mutating func sa(_ e: Int) {
        out += "sadb_sa{ spi=\(view.u32(e + 4, .network)) replay=\(view.u8(e + 8)) state=\(view.u8(e + 9))\n"
        out += "  auth=\(view.u8(e + 10)) encrypt=\(view.u8(e + 11)) flags=0x\(Self.hex8(view.u32(e + 12, wire.hostOrder))) }\n"
    }

    mutating func lifetime(_ e: Int) {
        let o = wire.hostOrder
        out += "sadb_lifetime{ alloc=\(view.u32(e + 4, o)), bytes=\(UInt32(truncatingIfNeeded: view.u64(e + 8, o)))\n"
        out += "  addtime=\(UInt32(truncatingIfNeeded: view.u64(e + 16, o))), "
            + "usetime=\(UInt32(truncatingIfNeeded: view.u64(e + 24, o))) }\n"
    }

    mutating func address(_ e: Int) {
        out += "sadb_address{ proto=\(view.u8(e + 4)) prefixlen=\(view.u8(e + 5)) "
            + "reserved=0x\(Self.hex(UInt32(view.u8(e + 6)), digits: 2))\(Self.hex(UInt32(view.u8(e + 7)), digits: 2)) }\n"
        socketAddress(e + 8)
    }

    /// `sysdep_sa_len`: Linux derives it from the family (16 for unknown ones), BSD reads it.
    func socketAddressLength(_ a: Int) -> Int {
        guard wire.flavour == .linux else { return Int(view.u8(a)) }
        return UInt16(view.u16(a, wire.hostOrder)) == wire.inet6Family ? 28 : 16
    }

    func family(_ a: Int) -> UInt16 {
        wire.hasSocketAddressLength ? UInt16(view.u8(a + 1)) : view.u16(a, wire.hostOrder)
    }

    /// `kdebug_sockaddr`.
    mutating func socketAddress(_ a: Int) {
        let f = family(a)
        out += "sockaddr{ len=\(socketAddressLength(a)) family=\(f)"
        if f == wire.inetFamily {
            out += " port=\(view.u16(a + 2, .network))\n"
            hexdump(a + 4, 4)
        } else if f == wire.inet6Family {
            out += " port=\(view.u16(a + 2, .network))\n"
            out += "  flowinfo=0x\(Self.hex8(view.u32(a + 4, wire.hostOrder))), "
                + "scope_id=0x\(Self.hex8(view.u32(a + 24, wire.hostOrder)))\n"
            hexdump(a + 8, 16)
        }
        out += "  }\n"
    }

    mutating func key(_ e: Int) {
        let o = wire.hostOrder
        let bits = view.u16(e + 4, o)
        out += "sadb_key{ bits=\(bits) reserved=\(view.u16(e + 6, o))\n"
        out += "  key="
        let room = Int(view.u16(e, o)) * 8 - 8
        if Int(bits >> 3) > room {
            out += "kdebug_sadb_key: key length mismatch, bit:\(bits >> 3) len:\(room).\n"
        }
        if hideKeys {
            out += " <redacted \(bits >> 3) bytes>"
        } else {
            hexdump(e + 8, Int(bits >> 3))
        }
        out += " }\n"
    }

    mutating func sa2(_ e: Int) {
        let o = wire.hostOrder
        out += "sadb_x_sa2{ mode=\(view.u8(e + 4)) reqid=\(view.u32(e + 12, o))\n"
        out += "  reserved1=\(view.u8(e + 5)) reserved2=\(view.u16(e + 6, o)) sequence=\(view.u32(e + 8, o)) }\n"
    }

    mutating func identity(_ e: Int) {
        let o = wire.hostOrder
        let length = Int(view.u16(e, o)) * 8 - 16
        out += "sadb_ident_\(view.u16(e + 2, o) == 10 ? "src" : "dst"){"
        out += " type=\(view.u16(e + 4, o)) id=\(view.u64(e + 8, o))"
        if length != 0 {
            out += "\n  str=\""
            var p = e + 16
            let end = p + length
            var text = [UInt8]()
            while view.u8(p) != 0 && p < end {
                let c = view.u8(p)
                if c >= 0x20 && c < 0x7f {
                    text.append(c)
                } else {
                    text += Array("\\\(String(c, radix: 8).leftPadded(to: 3))".utf8)
                }
                p += 1
            }
            out += String(decoding: text, as: UTF8.self) + "\""
        }
        out += " }\n"
    }

    mutating func supported(_ e: Int) {
        let o = wire.hostOrder
        let count = (Int(view.u16(e, o)) * 8 - 8) / 8
        out += "sadb_sup{\n"
        for i in 0..<max(0, count) {
            let a = e + 8 + 8 * i
            out += "  { id=\(view.u8(a)) ivlen=\(view.u8(a + 1)) min=\(view.u16(a + 2, o)) max=\(view.u16(a + 4, o)) }\n"
        }
        out += "}\n"
    }

    mutating func proposal(_ e: Int) {
        let o = wire.hostOrder
        let count = (Int(view.u16(e, o)) * 8 - 8) / 72
        out += "sadb_prop{ replay=\(view.u8(e + 4))\n"
        for i in 0..<max(0, count) {
            let c = e + 8 + 72 * i
            out += "sadb_comb{ auth=\(view.u8(c)) encrypt=\(view.u8(c + 1)) "
                + "flags=0x\(Self.hex(UInt32(view.u16(c + 2, o)), digits: 4)) reserved=0x\(Self.hex8(view.u32(c + 12, o)))\n"
            out += "  auth_minbits=\(view.u16(c + 4, o)) auth_maxbits=\(view.u16(c + 6, o)) "
                + "encrypt_minbits=\(view.u16(c + 8, o)) encrypt_maxbits=\(view.u16(c + 10, o))\n"
            out += "  soft_alloc=\(view.u32(c + 16, o)) hard_alloc=\(view.u32(c + 20, o)) "
                + "soft_bytes=\(view.u64(c + 24, o)) hard_bytes=\(view.u64(c + 32, o))\n"
            // The C code labels the time fields with the allocation/byte names.
            out += "  soft_alloc=\(view.u64(c + 40, o)) hard_alloc=\(view.u64(c + 48, o)) "
                + "soft_bytes=\(view.u64(c + 56, o)) hard_bytes=\(view.u64(c + 64, o)) }\n"
        }
        out += "}\n"
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
