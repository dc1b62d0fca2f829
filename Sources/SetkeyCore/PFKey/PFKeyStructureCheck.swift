extension PFKey {
    /// libipsec's structure check of a received message, on raw bytes: the extension walk of
    /// `pfkey_align` and the header checks of `pfkey_check`. setkey prints the failure text
    /// (`Invalid extension type`, `Family mismatch` ...) instead of a dump record.
    /// Counterpart: libipsec `pfkey_align`, `pfkey_check`, `ipsec_strerror`.
    public enum StructureCheck {
        /// The libipsec error text for the message at `offset`, nil when it passes.
        public static func failure(_ bytes: [UInt8], offset: Int = 0, wire: Wire = .native) -> String? {
            let v = ByteView(bytes: bytes)
            let o = wire.hostOrder
            let end = offset + Int(v.u16(offset + 4, o)) * 8
            var found = [UInt16: Int]()
            var p = offset + PFKey.headerSize
            while p < end {
                let length = Int(v.u16(p, o)) * 8
                if end < p + 4 || length < 4 || end < p + length { break }
                let type = v.u16(p + 2, o)
                if found[type] != nil || !known(type, wire) { return "Invalid extension type" }
                found[type] = p
                p += length
            }
            if p != end { return "Invalid sadb message" }
            return headerFailure(v, offset: offset, wire: wire) ?? addressFailure(v, found, wire: wire)
        }

        /// The extension types the libipsec of a wire's setkey accepts (Linux: up to
        /// KMADDRESS, 25; the BSDs: their whole range).
        static func known(_ type: UInt16, _ wire: Wire) -> Bool {
            type >= 1 && type <= (wire.flavour == .linux ? 25 : wire.maximumExtensionType)
        }

        static func headerFailure(_ v: ByteView, offset: Int, wire: Wire) -> String? {
            if v.u8(offset) != PFKey.version { return "Invalid version" }
            let type = v.u8(offset + 1), satype = v.u8(offset + 3)
            if type > wire.maximumMessageType { return "Invalid message type" }
            let saTyped: Set<UInt8> = [1, 2, 3, 4, 5, 6, 8, 23]
            let policyTypes: Set<UInt8> = [14, 15, 16, 18, 19]
            switch satype {
            case 0:
                if saTyped.contains(type) { return "Invalid SA type" }
            case 2, 3, 9:
                if policyTypes.contains(type) || (type == 23 && satype != 3) { return "Invalid SA type" }
            case 11 where wire.flavour != .linux:  // TCP-MD5 exists only in BSD headers
                if policyTypes.contains(type) || type == 23 { return "Invalid SA type" }
            case 5, 6, 7, 8:
                return "Not supported"
            case 1 where type == MessageType.promisc.rawValue:
                break
            default:
                return "Invalid SA type"
            }
            return nil
        }

        static func addressFailure(_ v: ByteView, _ found: [UInt16: Int], wire: Wire) -> String? {
            guard let s = found[5], let d = found[6] else { return nil }
            if v.u8(s + 4) != v.u8(d + 4) { return "Protocol mismatch" }
            func family(_ a: Int) -> UInt16 {
                wire.hasSocketAddressLength ? UInt16(v.u8(a + 9)) : v.u16(a + 8, wire.hostOrder)
            }
            if family(s) != family(d) { return "Family mismatch" }
            if wire.addressFamily(family(s)) == nil { return "Invalid address family" }
            return nil
        }
    }
}
