extension PFKey.ModelDecoder {
    /// The policy of an SPDDUMP record, an SPDGET reply or an SPDADD/SPDDELETE notification.
    ///
    /// Needs X_POLICY. Linux reports per-socket policies with directions 4-6 (in, out, fwd +
    /// 3) and ids whose value mod 8 is 3 or more: they come back with the plain direction and
    /// `isPerSocket`. BSD per-socket policies have no addresses: they get `0.0.0.0/0` twice.
    /// - Throws: `DecodingError` when X_POLICY is missing or a value has no model form.
    public func securityPolicy(_ m: PFKey.Message) throws(PFKey.DecodingError) -> SecurityPolicy {
        guard let x = m.policy else { throw .missingExtension(.policy) }
        var perSocket = false
        var dir = x.direction
        if wire.flavour == .linux {
            if dir > 3 { dir -= 3; perSocket = true }
            if x.id % 8 >= 3 { perSocket = true }
        }
        guard let direction = PolicyDirection(rawValue: dir) else { throw .invalidField(.policy, "direction \(x.direction)") }
        guard x.type <= UInt16(UInt8.max), let action = PolicyAction(rawValue: UInt8(x.type)) else {
            throw .invalidField(.policy, "policy type \(x.type)")
        }
        let selector: PolicySelector
        if m.address(.source) == nil && m.address(.destination) == nil {
            let any = IPPrefix(.unspecified(.inet), length: 0)
            selector = PolicySelector(source: any, destination: any)
            perSocket = true
        } else {
            let (src, sport, s) = try endpoint(m.address(.source), .addressSource)
            let (dst, dport, d) = try endpoint(m.address(.destination), .addressDestination)
            guard src.family == dst.family else { throw .invalidField(.addressDestination, "address family mismatch") }
            selector = PolicySelector(source: IPPrefix(src, length: s.prefixLength),
                                      destination: IPPrefix(dst, length: d.prefixLength), sourcePort: sport,
                                      destinationPort: dport, upperLayer: UpperLayerProtocol(s.proto))
        }
        var requests = [IPsecRequest]()
        for r in x.requests { requests.append(try request(r)) }
        let priority: PolicyPriority? = wire.flavour == .linux || x.priority != 0 ? PolicyPriority(x.priority) : nil
        let current = m.lifetime(.current), hard = m.lifetime(.hard)
        let reported = ReportedPolicyState(
            id: x.id, created: current?.addTime ?? 0, lastUsed: current?.useTime ?? 0, hardLifetime: lifetime(hard),
            hasLifetimes: current != nil || hard != nil, isPerSocket: perSocket, messageSequence: m.sequence,
            messagePID: m.pid, referenceCount: UInt32(m.reserved))
        return SecurityPolicy(selector: selector, direction: direction, action: action, priority: priority,
                              requests: requests, securityContext: securityContext(m.securityContext),
                              reported: reported)
    }

    func request(_ r: PFKey.PolicyRequest) throws(PFKey.DecodingError) -> IPsecRequest {
        guard r.proto <= UInt16(UInt8.max), let proto = RequestProtocol(rawValue: UInt8(r.proto)) else {
            throw .invalidField(.policy, "request protocol \(r.proto)")
        }
        guard let mode = IPsecMode(rawValue: r.mode) else { throw .invalidField(.policy, "request mode \(r.mode)") }
        guard let level = IPsecLevel(rawValue: r.level) else { throw .invalidField(.policy, "request level \(r.level)") }
        var endpoints: TunnelEndpoints?
        if let e = r.endpoints {
            guard let s = e.source.address, let d = e.destination.address, s.family == d.family else {
                throw .invalidField(.policy, "request endpoints of different families")
            }
            endpoints = TunnelEndpoints(source: s, destination: d, sourcePort: e.source.port,
                                        destinationPort: e.destination.port)
        }
        return IPsecRequest(proto: proto, mode: mode, endpoints: endpoints, level: level, reqid: RequestID(r.reqid))
    }
}
