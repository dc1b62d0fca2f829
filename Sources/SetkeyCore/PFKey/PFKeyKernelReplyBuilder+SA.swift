extension PFKey.KernelReplyBuilder {
    func saExtension(_ sa: SecurityAssociation, _ r: ReportedSAState) -> PFKey.Extension {
        let encrypt = sa.type == .ipcomp ? sa.compression?.id.number : sa.encryption?.id.number
        return .sa(PFKey.SAExtension(spi: sa.spi.rawValue, replay: UInt8(truncatingIfNeeded: sa.replayWindow),
                                     state: r.state.rawValue, authentication: sa.authentication?.id.number ?? 0,
                                     encryption: encrypt ?? 0, flags: sa.flags.rawValue))
    }

    func keyExtensions(_ sa: SecurityAssociation) -> [PFKey.Extension] {
        var exts = [PFKey.Extension]()
        if let a = sa.authentication, !a.key.isEmpty { exts.append(.key(.authentication, PFKey.KeyExtension(key: a.key))) }
        if sa.type != .ipcomp, let e = sa.encryption, !e.key.isEmpty {
            exts.append(.key(.encryption, PFKey.KeyExtension(key: e.key)))
        }
        return exts
    }

    func natExtensions(_ sa: SecurityAssociation, originalAddresses: Bool) -> [PFKey.Extension] {
        guard let n = sa.natTraversal, n.type != 0 else { return [] }
        var exts: [PFKey.Extension] = [
            .natTType(PFKey.NATTTypeExtension(type: n.type)),
            .natTPort(.source, PFKey.NATTPortExtension(port: n.sourcePort)),
            .natTPort(.destination, PFKey.NATTPortExtension(port: n.destinationPort)),
        ]
        guard originalAddresses else { return exts }
        if let oa = n.originalAddress {
            exts.append(.address(.natTOriginal, PFKey.AddressExtension(oa, proto: 255, wire: wire)))
        }
        if let oar = n.originalResponderAddress {
            exts.append(.address(.natTOriginalResponder, PFKey.AddressExtension(oar, proto: 255, wire: wire)))
        }
        if n.fragmentSize != 0 { exts.append(.natTFragment(.fragment(n.fragmentSize, wire: wire))) }
        return exts
    }

    func linuxSAExtensions(_ sa: SecurityAssociation, _ r: ReportedSAState, includeKeys: Bool) -> [PFKey.Extension] {
        var exts: [PFKey.Extension] = [
            saExtension(sa, r),
            .lifetime(.hard, limit(sa.hardLifetime)),
            .lifetime(.soft, limit(sa.softLifetime)),
            .lifetime(.current, limit(r.current)),
            .address(.source, PFKey.AddressExtension(sa.source, proto: 0, wire: wire)),
            .address(.destination, PFKey.AddressExtension(sa.destination, proto: 0, wire: wire)),
            .address(.proxy, PFKey.AddressExtension(.unspecified(sa.source.family), proto: 255, prefixLength: 0,
                                                    wire: wire)),
        ]
        if includeKeys { exts += keyExtensions(sa) }
        let mode = sa.mode == .any ? IPsecMode.transport : sa.mode
        exts.append(.sa2(PFKey.SA2Extension(mode: mode.rawValue, reqid: sa.reqid.rawValue)))
        exts += natExtensions(sa, originalAddresses: false)
        if let ctx = sa.securityContext, ctx.doi != 0 {
            exts.append(.securityContext(PFKey.SecurityContextExtension(doi: ctx.doi, algorithm: ctx.algorithm,
                                                                        context: ctx.context)))
        }
        return exts
    }

    func bsdSAExtensions(_ sa: SecurityAssociation, _ r: ReportedSAState, includeKeys: Bool) -> [PFKey.Extension] {
        var exts: [PFKey.Extension] = [
            saExtension(sa, r),
            .sa2(PFKey.SA2Extension(mode: sa.mode.rawValue, reqid: sa.reqid.rawValue, sequence: r.sequence)),
        ]
        if wire.flavour == .freeBSD, sa.replayWindow > 255 {
            exts.append(.saReplay(PFKey.WordExtension(value: sa.replayWindow &* 8)))
        }
        if !sa.hardLifetime.isZero { exts.append(.lifetime(.hard, limit(sa.hardLifetime))) }
        if !sa.softLifetime.isZero { exts.append(.lifetime(.soft, limit(sa.softLifetime))) }
        exts.append(.lifetime(.current, limit(r.current)))
        exts.append(.address(.source, PFKey.AddressExtension(sa.source, port: sa.sourcePort, proto: 255, wire: wire)))
        exts.append(.address(.destination, PFKey.AddressExtension(sa.destination, port: sa.destinationPort,
                                                                  proto: 255, wire: wire)))
        if includeKeys { exts += keyExtensions(sa) }
        exts += natExtensions(sa, originalAddresses: true)
        return exts
    }
}
