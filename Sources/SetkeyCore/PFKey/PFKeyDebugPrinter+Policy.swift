extension PFKey.DebugPrinter {
    /// `kdebug_sadb_x_policy`: the header (with `priority=` on Linux) and, for `ipsec`, each
    /// request with its endpoint sockaddrs. False when the C code stops.
    mutating func policy(_ e: Int) -> Bool {
        let o = wire.hostOrder
        let type = view.u16(e + 4, o)
        out += "sadb_x_policy{ type=\(type) dir=\(view.u8(e + 6)) id=\(String(view.u32(e + 8, o), radix: 16))"
        out += wire.flavour == .linux ? " priority=\(view.u32(e + 12, o)) }\n" : " }\n"
        guard type == PFKey.PolicyExtension.ipsecType else { return true }
        var remaining = Int(view.u16(e, o)) * 8 - 16
        var r = e + 16
        let header = wire.policyRequestHeaderSize
        while remaining > 0 {
            let length = Int(view.u16(r, o))
            let reqid = wire.flavour == .linux ? view.u32(r + 8, o) : UInt32(view.u16(r + 6, o))
            out += " { len=\(length) proto=\(view.u16(r + 2, o)) mode=\(view.u8(r + 4)) level=\(view.u8(r + 5)) reqid=\(reqid)\n"
            if length > header {
                let first = r + header
                socketAddress(first)
                socketAddress(first + socketAddressLength(first))
            }
            out += " }\n"
            if length == 0 { out += "kdebug_sadb_x_policy: wrong policy struct.\n"; return false }
            if length > remaining { out += "invalid ipsec policy length\n"; return false }
            remaining -= length
            r += length
        }
        return true
    }

    /// `kdebug_sadb_x_kmaddress` (Linux): reserved bytes and the two sockaddrs. False after
    /// the C code's `panic` text (it would exit there).
    mutating func kmAddress(_ e: Int) -> Bool {
        var length = Int(view.u16(e, wire.hostOrder)) * 8 - 8
        out += "sadb_x_kmaddress{ reserved=0x"
        for i in 4..<8 { out += Self.hex(UInt32(view.u8(e + i)), digits: 2) }
        out += " }\n"
        var a = e + 8
        var saLength = socketAddressLength(a)
        if length < 16 || saLength > length {
            out += "kdebug_sadb_x_kmaddress: not enough data to read first sockaddr.\n"
            return false
        }
        socketAddress(a)
        let firstFamily = family(a)
        length -= saLength
        a += saLength
        saLength = socketAddressLength(a)
        if length < 16 || saLength > length {
            out += "kdebug_sadb_x_kmaddress: not enough data to read second sockaddr.\n"
            return false
        }
        socketAddress(a)
        if firstFamily != family(a) {
            out += "kdebug_sadb_x_kmaddress:  !!!! Please, note the unexpected mismatch in address family.\n"
        }
        return true
    }
}
