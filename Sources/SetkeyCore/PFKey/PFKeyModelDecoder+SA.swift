extension PFKey.ModelDecoder {
    /// The SA of a GET reply, a DUMP record or an ADD/UPDATE/DELETE/EXPIRE notification.
    ///
    /// Needs SA, ADDRESS_SRC and ADDRESS_DST (IPv4 or IPv6 of one family); SA2 gives mode and
    /// reqid (mode any, reqid 0 without it). An algorithm is set when the SA extension names
    /// one or its key extension is present; without a key extension the key is empty (Linux
    /// sends none for zero-length keys such as `-E null`, and the Linux formatter then prints
    /// no `E:` line, as setkey does). IPComp's compression algorithm is `sadb_sa_encrypt`.
    /// - Throws: `DecodingError` when an extension is missing or a value has no model form.
    public func securityAssociation(_ m: PFKey.Message) throws(PFKey.DecodingError) -> SecurityAssociation {
        guard let type = SAType(rawValue: m.saType), type != .unspecified else {
            throw .invalidField(nil, "SA type \(m.saType)")
        }
        guard let sa = m.sa else { throw .missingExtension(.sa) }
        let (src, sport, _) = try endpoint(m.address(.source), .addressSource)
        let (dst, dport, _) = try endpoint(m.address(.destination), .addressDestination)
        guard src.family == dst.family else { throw .invalidField(.addressDestination, "address family mismatch") }
        guard let state = SAState(rawValue: sa.state) else { throw .invalidField(.sa, "state \(sa.state)") }
        let sa2 = m.sa2
        guard let mode = IPsecMode(rawValue: sa2?.mode ?? 0) else {
            throw .invalidField(.sa2, "mode \(sa2?.mode ?? 0)")
        }
        var out = SecurityAssociation(source: src, destination: dst, type: type, spi: SPI(sa.spi),
                                      sourcePort: sport, destinationPort: dport, mode: mode,
                                      reqid: RequestID(sa2?.reqid ?? 0), replayWindow: UInt32(sa.replay),
                                      flags: SAFlags(rawValue: sa.flags))
        if type == .ipcomp {
            out.compression = KeyedAlgorithm(id: AlgorithmID(.compression, sa.encryption))
        } else if sa.encryption != 0 || m.key(.encryption) != nil {
            out.encryption = KeyedAlgorithm(id: AlgorithmID(.encryption, sa.encryption), key: m.key(.encryption)?.key ?? .empty)
        }
        if sa.authentication != 0 || m.key(.authentication) != nil {
            out.authentication = KeyedAlgorithm(id: AlgorithmID(.authentication, sa.authentication),
                                                key: m.key(.authentication)?.key ?? .empty)
        }
        out.hardLifetime = lifetime(m.lifetime(.hard))
        out.softLifetime = lifetime(m.lifetime(.soft))
        out.natTraversal = natTraversal(m)
        out.securityContext = securityContext(m.securityContext)
        if case .saReplay(let r)? = m.first(.saReplay) { out.replayWindow = r.value / 8 }
        out.reported = ReportedSAState(state: state, current: lifetime(m.lifetime(.current)),
                                       sequence: sa2?.sequence ?? 0, messageSequence: m.sequence,
                                       messagePID: m.pid, referenceCount: UInt32(m.reserved))
        return out
    }

    /// NAT traversal when a NAT_T_TYPE extension with a type other than 0 is present.
    func natTraversal(_ m: PFKey.Message) -> NATTraversal? {
        guard let t = m.natTType, t.type != 0 else { return nil }
        var fragment: UInt16 = 0
        if case .natTFragment(let f)? = m.first(.natTFragment) { fragment = f.fragmentLength(wire: wire) }
        return NATTraversal(type: t.type, sourcePort: m.natTPort(.source)?.port ?? 0,
                            destinationPort: m.natTPort(.destination)?.port ?? 0,
                            originalAddress: m.address(.natTOriginal)?.socketAddress.address,
                            originalResponderAddress: m.address(.natTOriginalResponder)?.socketAddress.address,
                            fragmentSize: fragment)
    }
}
