import SetkeyCore

// Stored policies in the journal and snapshot.

private enum PolicyParts {
    static let securityContext: UInt8 = 1 << 0
    static let tag: UInt8 = 1 << 1
    static let priority: UInt8 = 1 << 2
    static let all: UInt8 = 0x07
}

extension ByteWriter {
    mutating func storedPolicy(_ e: StoredPolicy) {
        varint(e.serial)
        varint(e.id)
        varint(e.position)
        varint(e.created)
        securityPolicy(e.policy)
    }

    mutating func securityPolicy(_ p: SecurityPolicy) {
        var parts: UInt8 = 0
        if p.securityContext != nil { parts |= PolicyParts.securityContext }
        if p.tag != nil { parts |= PolicyParts.tag }
        if p.priority != nil { parts |= PolicyParts.priority }
        u8(parts)
        policySelector(p.selector)
        u8(p.direction.rawValue)
        u8(p.action.rawValue)
        if let prio = p.priority { varint(prio.rawValue) }
        varint(UInt64(p.requests.count))
        for r in p.requests { request(r) }
        if let c = p.securityContext { securityContext(c) }
        if let t = p.tag { string(t) }
    }

    mutating func policySelector(_ s: PolicySelector) {
        prefix(s.source)
        prefix(s.destination)
        varint(s.sourcePort)
        varint(s.destinationPort)
        u8(s.upperLayer.rawValue)
    }

    private mutating func request(_ r: IPsecRequest) {
        u8(r.proto.rawValue)
        u8(r.mode.rawValue)
        u8(r.level.rawValue)
        varint(r.reqid.rawValue)
        bool(r.endpoints != nil)
        if let e = r.endpoints {
            address(e.source)
            address(e.destination)
            varint(e.sourcePort)
            varint(e.destinationPort)
        }
    }
}

extension ByteReader {
    mutating func storedPolicy() throws(DecodeFailure) -> StoredPolicy {
        let serial = try varint("serial")
        let id = try varint32("policy id")
        let position = try varint("policy position")
        let created = try varint("creation time")
        return StoredPolicy(serial: serial, policy: try securityPolicy(), id: id, position: position, created: created)
    }

    mutating func securityPolicy() throws(DecodeFailure) -> SecurityPolicy {
        let partsAt = position
        let parts = try u8("policy parts")
        guard parts & ~PolicyParts.all == 0 else {
            throw DecodeFailure(offset: partsAt, reason: "unknown policy parts \(parts)")
        }
        let selector = try policySelector()
        var p = SecurityPolicy(selector: selector, direction: try enumeration(PolicyDirection.self, "direction"),
                               action: try enumeration(PolicyAction.self, "policy action"))
        if parts & PolicyParts.priority != 0 { p.priority = PolicyPriority(try varint32("priority")) }
        let countAt = position
        let count = try varint("request count")
        guard count <= 64 else { throw DecodeFailure(offset: countAt, reason: "\(count) requests in one policy") }
        for _ in 0..<count { p.requests.append(try request()) }
        if parts & PolicyParts.securityContext != 0 { p.securityContext = try securityContext() }
        if parts & PolicyParts.tag != 0 { p.tag = try string("policy tag") }
        return p
    }

    mutating func policySelector() throws(DecodeFailure) -> PolicySelector {
        let source = try prefix()
        let destination = try prefix()
        return PolicySelector(source: source, destination: destination, sourcePort: try varint16("port"),
                              destinationPort: try varint16("port"),
                              upperLayer: UpperLayerProtocol(try u8("upper-layer protocol")))
    }

    private mutating func request() throws(DecodeFailure) -> IPsecRequest {
        var r = IPsecRequest(proto: try enumeration(RequestProtocol.self, "request protocol"),
                             mode: try enumeration(IPsecMode.self, "request mode"),
                             level: try enumeration(IPsecLevel.self, "request level"))
        r.reqid = RequestID(try varint32("request reqid"))
        if try bool("endpoints flag") {
            let s = try address()
            let d = try address()
            r.endpoints = TunnelEndpoints(source: s, destination: d, sourcePort: try varint16("port"),
                                          destinationPort: try varint16("port"))
        }
        return r
    }
}
