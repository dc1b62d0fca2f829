import SetkeyCore

/// Expectations on one request of a reported policy.
public struct RequestExpectation: Sendable {
    public var proto: RequestProtocol
    public var mode: IPsecMode
    /// "src-dst" as written, nil for none.
    public var endpoints: (String, String)?
    public var level: IPsecLevel
    public var reqid: UInt32?

    public init(_ proto: RequestProtocol, _ mode: IPsecMode, endpoints: (String, String)? = nil,
                level: IPsecLevel = .require, reqid: UInt32? = nil) {
        self.proto = proto
        self.mode = mode
        self.endpoints = endpoints
        self.level = level
        self.reqid = reqid
    }
}

/// Expectations on a reported policy, found in a dump by selector and direction; unset
/// fields are not checked. Linux kernels report the level `default` as `require`.
public struct PolicyExpectation: Sendable {
    public var source: String
    public var destination: String
    public var sourcePort: UInt16 = 0
    public var destinationPort: UInt16 = 0
    public var upperLayer: UInt8 = 255
    public var direction: PolicyDirection
    public var action: PolicyAction?
    public var requests: [RequestExpectation]?
    public var priority: UInt32?

    public init(_ source: String, _ destination: String, sourcePort: UInt16 = 0, destinationPort: UInt16 = 0,
                upper: UInt8 = 255, direction: PolicyDirection, action: PolicyAction? = nil,
                requests: [RequestExpectation]? = nil, priority: UInt32? = nil) {
        self.source = source
        self.destination = destination
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
        self.upperLayer = upper
        self.direction = direction
        self.action = action
        self.requests = requests
        self.priority = priority
    }

    /// Whether `p` has this expectation's selector and direction.
    func identifies(_ p: SecurityPolicy) -> Bool {
        p.direction == direction && p.selector.source.description == normalized(source)
            && p.selector.destination.description == normalized(destination)
            && p.selector.sourcePort == sourcePort && p.selector.destinationPort == destinationPort
            && p.selector.upperLayer.rawValue == upperLayer
    }

    var selectorText: String {
        "\(source)[\(sourcePort)] \(destination)[\(destinationPort)] \(upperLayer) \(direction)"
    }

    func normalized(_ prefix: String) -> String {
        let parts = prefix.split(separator: "/", maxSplits: 1)
        guard let a = IPAddress(parts[0]) else { return prefix }
        if parts.count == 2, let len = UInt8(parts[1]) { return IPPrefix(a, length: len).description }
        return IPPrefix(a).description
    }

    /// Finds the policy in `dump` and checks it.
    public func check(in dump: [SecurityPolicy], _ ctx: ScenarioContext) throws(CheckFailure) {
        let matching = dump.filter(identifies)
        guard let p = matching.first else {
            throw CheckFailure("no policy \(selectorText) in a dump of \(dump.count)")
        }
        try Check.that(matching.count == 1, "\(matching.count) policies \(selectorText), expected one")
        if let action { try Check.equal("action", p.action, action) }
        if let priority { try Check.equal("priority", p.priority?.rawValue, priority) }
        if let requests {
            try Check.equal("number of requests", p.requests.count, requests.count)
            for (i, (got, want)) in zip(p.requests, requests).enumerated() {
                try Check.equal("request \(i + 1) protocol", got.proto, want.proto)
                try Check.equal("request \(i + 1) mode", got.mode, want.mode)
                let level = (ctx.personality == .linux && want.level == .default) ? IPsecLevel.require : want.level
                try Check.equal("request \(i + 1) level", got.level, level)
                if let reqid = want.reqid { try Check.equal("request \(i + 1) reqid", got.reqid.rawValue, reqid) }
                if let (s, d) = want.endpoints {
                    guard let e = got.endpoints else {
                        throw CheckFailure("request \(i + 1): expected endpoints \(s)-\(d), got none")
                    }
                    try Check.equal("request \(i + 1) endpoints", "\(e.source)-\(e.destination)",
                                    "\(IPAddress(s)?.description ?? s)-\(IPAddress(d)?.description ?? d)")
                } else if let e = got.endpoints, want.mode == .transport {
                    throw CheckFailure("request \(i + 1): expected no endpoints, got \(e.source)-\(e.destination)")
                }
            }
        }
    }
}
