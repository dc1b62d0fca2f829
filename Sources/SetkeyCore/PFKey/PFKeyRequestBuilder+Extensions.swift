extension PFKey.RequestBuilder {
    /// The extensions of `add`/`update`, in ipsec-tools order: KEY_ENCRYPT, KEY_AUTH,
    /// LIFETIME_HARD, LIFETIME_SOFT, SEC_CTX, SA, SA2, NAT_T_TYPE, NAT_T_OA, ADDRESS_SRC,
    /// ADDRESS_DST, NAT_T_SPORT, NAT_T_DPORT.
    func saMessage(_ type: PFKey.MessageType, _ sa: SecurityAssociation) -> PFKey.Message {
        var exts = [PFKey.Extension]()
        if sa.type != .ipcomp, let e = sa.encryption {
            exts.append(.key(.encryption, PFKey.KeyExtension(key: e.key)))  // `-E null`: a 0-bit key
        }
        if let a = sa.authentication, !a.key.isEmpty {
            exts.append(.key(.authentication, PFKey.KeyExtension(key: a.key)))
        }
        if sa.hardLifetime.addTime != 0 || sa.hardLifetime.bytes != 0 {
            exts.append(.lifetime(.hard, limit(sa.hardLifetime)))
        }
        if sa.softLifetime.addTime != 0 || sa.softLifetime.bytes != 0 {
            exts.append(.lifetime(.soft, limit(sa.softLifetime)))
        }
        if let ctx = sa.securityContext, ctx.doi != 0 {
            exts.append(.securityContext(PFKey.SecurityContextExtension(doi: ctx.doi, algorithm: ctx.algorithm,
                                                                        context: ctx.context)))
        }
        let encrypt = sa.type == .ipcomp ? sa.compression?.id.number : sa.encryption?.id.number
        exts.append(.sa(PFKey.SAExtension(spi: sa.spi.rawValue, replay: UInt8(truncatingIfNeeded: sa.replayWindow),
                                          state: 0, authentication: sa.authentication?.id.number ?? 0,
                                          encryption: encrypt ?? 0, flags: sa.flags.rawValue)))
        exts.append(.sa2(PFKey.SA2Extension(mode: sa.mode.rawValue, reqid: sa.reqid.rawValue)))
        if let natt = sa.natTraversal {
            exts.append(.natTType(PFKey.NATTTypeExtension(type: natt.type)))
            if let oa = natt.originalAddress {
                exts.append(.address(.natTOriginal, PFKey.AddressExtension(oa, proto: 255, wire: wire)))
            }
        }
        exts.append(.address(.source, PFKey.AddressExtension(sa.source, port: sa.sourcePort, proto: 255, wire: wire)))
        exts.append(.address(.destination, PFKey.AddressExtension(sa.destination, port: sa.destinationPort,
                                                                  proto: 255, wire: wire)))
        if let natt = sa.natTraversal {
            let sport = natt.sourcePort != 0 ? natt.sourcePort : NATTraversal.defaultPort
            let dport = natt.destinationPort != 0 ? natt.destinationPort : NATTraversal.defaultPort
            exts.append(.natTPort(.source, PFKey.NATTPortExtension(port: sport)))
            exts.append(.natTPort(.destination, PFKey.NATTPortExtension(port: dport)))
        }
        return header(type, sa.type.rawValue, exts)
    }

    /// A hard or soft limit as setkey sends it: bytes and add time, nothing else.
    private func limit(_ l: Lifetime) -> PFKey.LifetimeExtension {
        PFKey.LifetimeExtension(allocations: 0, bytes: l.bytes, addTime: l.addTime, useTime: 0)
    }

    /// `get`/`delete`: SA (flags 0x40 as setkey's default, no algorithms), SA2 (mode any,
    /// reqid 0), ADDRESS_SRC, ADDRESS_DST with proto 255 and full prefixes.
    func identityMessage(_ type: PFKey.MessageType, _ id: SAIdentity) -> PFKey.Message {
        header(type, id.type.rawValue, [
            .sa(PFKey.SAExtension(spi: id.spi.rawValue, flags: SAFlags.setkeyDefault.rawValue)),
            .sa2(PFKey.SA2Extension(mode: IPsecMode.any.rawValue, reqid: 0)),
            .address(.source, PFKey.AddressExtension(id.source, port: id.sourcePort, proto: 255, wire: wire)),
            .address(.destination, PFKey.AddressExtension(id.destination, port: id.destinationPort, proto: 255, wire: wire)),
        ])
    }

    /// `spdadd`/`spdupdate`: X_POLICY with its requests, ADDRESS_SRC, ADDRESS_DST, SEC_CTX.
    func policyMessage(_ type: PFKey.MessageType, _ p: SecurityPolicy) -> PFKey.Message {
        header(type, 0, [.policy(policyExtension(p))] + selectorExtensions(p.selector, p.securityContext))
    }

    /// The X_POLICY of a policy: action, direction, id 0, the priority (nil: 0x80000000 on
    /// Linux, 0 elsewhere) and the requests.
    func policyExtension(_ p: SecurityPolicy) -> PFKey.PolicyExtension {
        let priority = p.priority?.rawValue ?? (wire.flavour == .linux ? PolicyPriority.default.rawValue : 0)
        let requests = p.action == .ipsec ? p.requests.map(request) : []
        return PFKey.PolicyExtension(type: UInt16(p.action.rawValue), direction: p.direction.rawValue,
                                     priority: priority, requests: requests)
    }

    func request(_ r: IPsecRequest) -> PFKey.PolicyRequest {
        var endpoints: PFKey.RequestEndpoints?
        if let e = r.endpoints {
            endpoints = PFKey.RequestEndpoints(
                source: PFKey.SocketAddress(e.source, port: e.sourcePort, wire: wire),
                destination: PFKey.SocketAddress(e.destination, port: e.destinationPort, wire: wire))
        }
        let reqid = wire.flavour == .linux ? r.reqid.rawValue : r.reqid.rawValue & 0xffff
        return PFKey.PolicyRequest(proto: UInt16(r.proto.rawValue), mode: r.mode.rawValue, level: r.level.rawValue,
                                   reqid: reqid, endpoints: endpoints)
    }

    /// ADDRESS_SRC and ADDRESS_DST of a selector (proto = upper layer, prefix lengths and
    /// ports as written) and the SEC_CTX when the context's doi is not 0.
    func selectorExtensions(_ s: PolicySelector, _ ctx: SecurityContext?) -> [PFKey.Extension] {
        var exts: [PFKey.Extension] = [
            .address(.source, PFKey.AddressExtension(s.source.address, port: s.sourcePort, proto: s.upperLayer.rawValue,
                                                     prefixLength: s.source.length, wire: wire)),
            .address(.destination, PFKey.AddressExtension(s.destination.address, port: s.destinationPort,
                                                          proto: s.upperLayer.rawValue,
                                                          prefixLength: s.destination.length, wire: wire)),
        ]
        if let ctx, ctx.doi != 0 {
            exts.append(.securityContext(PFKey.SecurityContextExtension(doi: ctx.doi, algorithm: ctx.algorithm,
                                                                        context: ctx.context)))
        }
        return exts
    }
}
