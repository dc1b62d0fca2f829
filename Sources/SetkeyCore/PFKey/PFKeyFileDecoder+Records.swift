extension PFKey.FileDecoder {
    static func saRecord(_ bytes: [UInt8], wire: PFKey.Wire, withPorts: Bool, trailer: String?) -> PFKey.FileRecord {
        if let failure = PFKey.StructureCheck.failure(bytes, wire: wire) { return .text(failure + "\n") }
        guard let m = try? PFKey.Message(decoding: bytes, wire: wire) else { return .text("Invalid sadb message\n") }
        guard let src = m.address(.source) else { return .text("no ADDRESS_SRC extension.\n") }
        let natPorts = (m.natTType?.type ?? 0) != 0
        var text = address(src, natPort: natPorts ? m.natTPort(.source) : nil, withPorts: withPorts) + " "
        guard let dst = m.address(.destination) else { return .text(text + " no ADDRESS_DST extension.\n") }
        text += address(dst, natPort: natPorts ? m.natTPort(.destination) : nil, withPorts: withPorts) + " "
        guard m.sa != nil else { return .text(text + "no SA extension.\n") }
        guard m.sa2 != nil else { return .text(text + "no SA2 extension.\n") }
        guard let sa = try? PFKey.ModelDecoder(wire: wire).securityAssociation(m) else {
            return .text("Invalid sadb message\n")
        }
        return .sa(sa, verboseTrailer: trailer)
    }

    static func policyRecord(_ bytes: [UInt8], wire: PFKey.Wire) -> PFKey.FileRecord {
        if let failure = PFKey.StructureCheck.failure(bytes, wire: wire) { return .text(failure + "\n") }
        guard let m = try? PFKey.Message(decoding: bytes, wire: wire) else { return .text("Invalid sadb message\n") }
        guard m.policy != nil else { return .text("no X_POLICY extension.\n") }
        guard let p = try? PFKey.ModelDecoder(wire: wire).securityPolicy(m) else {
            return .text("Invalid sadb message\n")
        }
        return .policy(p)
    }

    /// `str_ipaddr` (numeric), `[port]` with `-p`, then `[natport]` for NAT-T SAs.
    static func address(_ e: PFKey.AddressExtension, natPort: PFKey.NATTPortExtension?, withPorts: Bool) -> String {
        var text = e.socketAddress.address?.description ?? "?"
        if withPorts { text += "[\(e.socketAddress.port)]" }
        if let natPort { text += "[\(natPort.port)]" }
        return text
    }
}
