/// What the text after `-P` said.
struct PolicyClause {
    var direction: PolicyDirection
    var action: PolicyAction
    var priority: PolicyPriority?
    var requests: [IPsecRequest]
}

/// The policy text after `-P`, with libipsec's grammar (reference 2.7). Blanks and newlines
/// may separate every part, also around `/` and `-`; it ends at `;`.
extension Parser {
    /// `'-P' policy`, lexed in policy mode up to the `;` (which stays current).
    mutating func parsePolicyClause(requireAction: Bool) throws(ParseFailure) -> PolicyClause {
        guard token.is(.optionPolicy) else { throw fail(.missingPolicy(found: describe(token)), at: token) }
        lexer.mode = .policy
        try advance()
        let clause = try parsePolicy(requireAction: requireAction)
        lexer.mode = .statement
        return clause
    }

    /// `policy := DIR [priority] ACTION request* | DIR` (the bare direction only when
    /// `requireAction` is false, i.e. for `spddelete`; its action is then `discard`, as
    /// libipsec leaves it).
    mutating func parsePolicy(requireAction: Bool) throws(ParseFailure) -> PolicyClause {
        let directionToken = token
        var direction: PolicyDirection
        switch token.keyword {
        case .in?: direction = .inbound
        case .out?: direction = .outbound
        case .fwd?: direction = .forward
        default: throw expected("a policy direction ('in', 'out' or 'fwd')")
        }
        try advance()
        if direction == .forward, let p = options.personality, !p.hasForwardPolicies {
            warn(.fwdTreatedAsIn("the '\(p)' dialect"), at: directionToken)
            direction = .inbound
        }
        if token.kind == .semicolon || token.kind == .endOfInput {
            if requireAction { throw fail(.policyNeedsAction(), at: token) }
            return PolicyClause(direction: direction, action: .discard, priority: nil, requests: [])
        }
        var priority: PolicyPriority?
        if token.is(.prio) || token.is(.priority) {
            let priorityToken = token
            let value = try parsePriority()
            if let p = options.personality, !p.hasPolicyPriority, value.rawValue != 0 {
                throw fail(.priorityNotInDialect(p.rawValue), from: priorityToken, to: priorityToken)
            }
            priority = value
        }
        let action: PolicyAction
        switch token.keyword {
        case .discard?: action = .discard
        case .none?: action = .none
        case .ipsec?: action = .ipsec
        case .entrust?: action = .entrust
        case .bypass?: action = .bypass
        default: throw expected("a policy action ('ipsec', 'none', 'discard', 'entrust' or 'bypass')")
        }
        try advance()
        var requests: [IPsecRequest] = []
        while let proto = requestProtocol(token) {
            if action != .ipsec { throw fail(.requestsNeedIPsec(action.keyword), at: token) }
            requests.append(try parseRequest(proto, direction: direction))
        }
        guard token.kind == .semicolon || token.kind == .endOfInput else {
            throw expected(action == .ipsec ? "a request ('esp/transport//require' ...) or ';'" : "';'")
        }
        return PolicyClause(direction: direction, action: action, priority: priority, requests: requests)
    }

    /// `priority := (prio|priority) (N | - N | BASE [(+|-) N])`, BASE one of `high`
    /// (0x40000000), `def` (0x80000000), `low` (0xC0000000). A plain N is def − N; `+`
    /// raises the priority (a lower value), `-` lowers it.
    mutating func parsePriority() throws(ParseFailure) -> PolicyPriority {
        try advance()
        let middle: UInt64 = 0x8000_0000
        if token.kind == .decimal {
            guard let n = decimalValue(token), n <= middle else { throw fail(.priorityOffsetOutOfRange(text(token)), at: token) }
            try advance()
            return PolicyPriority(UInt32(middle - n))
        }
        if token.kind == .hyphen {
            try advance()
            guard token.kind == .decimal else { throw expected("a number after 'prio -'") }
            guard let n = decimalValue(token), n < middle else {
                throw fail(.priorityOffsetOutOfRange("-" + text(token)), at: token)
            }
            try advance()
            return PolicyPriority(UInt32(middle + n))
        }
        let base: UInt64
        switch token.keyword {
        case .high?: base = UInt64(PolicyPriority.high.rawValue)
        case .def?: base = UInt64(PolicyPriority.default.rawValue)
        case .low?: base = UInt64(PolicyPriority.low.rawValue)
        default: throw expected("a priority ('high', 'def', 'low' or a number)")
        }
        try advance()
        let raising = token.kind == .plus
        guard raising || token.kind == .hyphen else { return PolicyPriority(UInt32(base)) }
        try advance()
        guard token.kind == .decimal else { throw expected("a number") }
        let maximum: UInt64 = raising ? 0x4000_0000 : 0x3fff_ffff
        guard let n = decimalValue(token), n <= maximum else {
            throw fail(.priorityBaseOffsetOutOfRange(text(token), sign: raising ? "+" : "-", maximum: UInt32(maximum)),
                       at: token)
        }
        try advance()
        return PolicyPriority(UInt32(raising ? base - n : base + n))
    }

    /// The request protocol a token starts, if any. `tcp` (FreeBSD's TCP-MD5 requests) is
    /// refused by the Linux and KAME dialects.
    func requestProtocol(_ t: Token) -> RequestProtocol? {
        switch t.keyword {
        case .esp?: return .esp
        case .ah?: return .ah
        case .ipcomp?: return .ipcomp
        case .tcp?: return .tcp
        default: return nil
        }
    }

    /// `request := PROTO / MODE [/ [ENDPOINTS] [/ [LEVEL]]] | PROTO / MODE // LEVEL`.
    /// Tunnel mode needs endpoints; transport mode may have them.
    mutating func parseRequest(_ proto: RequestProtocol, direction: PolicyDirection) throws(ParseFailure)
        -> IPsecRequest {
        let protoToken = token
        if proto == .tcp, let p = options.personality, p != .freebsd {
            throw fail(.requestProtocolNotInDialect("tcp", personality: p.rawValue), at: protoToken)
        }
        try advance()
        guard token.kind == .slash else { throw fail(.requestNeedsMode(proto.keyword), at: protoToken) }
        try advance()
        let mode: IPsecMode
        switch token.keyword {
        case .transport?: mode = .transport
        case .tunnel?: mode = .tunnel
        default:
            if token.kind == .word || token.kind == .keyword && requestProtocol(token) == nil {
                throw expected("a mode ('transport' or 'tunnel')")
            }
            throw fail(.requestNeedsMode(proto.keyword), at: protoToken)
        }
        try advance()
        var endpoints: TunnelEndpoints?
        var level = (level: IPsecLevel.default, reqid: RequestID.none)
        if token.kind == .slash {
            try advance()
            if token.kind == .slash {
                try advance()
                guard atLevel else { throw expected("a level ('default', 'use', 'require', 'unique' or 'unique:N')") }
                level = try parseLevel()
            } else if token.kind == .word || token.kind == .decimal || token.is(.me) || token.is(.any) {
                endpoints = try parseEndpoints(direction: direction)
                if token.kind == .slash {
                    try advance()
                    if atLevel { level = try parseLevel() }
                }
            }
        }
        if mode == .tunnel && endpoints == nil {
            throw fail(.tunnelNeedsEndpoints(proto.keyword), at: protoToken)
        }
        return IPsecRequest(proto: proto, mode: mode, endpoints: endpoints, level: level.level, reqid: level.reqid)
    }

    /// `ENDPOINTS := ADDR [PORT] - ADDR [PORT] | me - any | any - me`; nil for the last two
    /// (`me-any` only in `out` policies, `any-me` only in `in` policies).
    mutating func parseEndpoints(direction: PolicyDirection) throws(ParseFailure) -> TunnelEndpoints? {
        let first = token
        if token.is(.me) || token.is(.any) {
            let meFirst = token.is(.me)
            try advance()
            try expect(.hyphen, "'-'")
            guard token.is(meFirst ? .any : .me) else { throw expected(meFirst ? "'any'" : "'me'") }
            let word = meFirst ? "me-any" : "any-me"
            let required: PolicyDirection = meFirst ? .outbound : .inbound
            if direction != required {
                throw fail(.invalidDirectionForEndpoints(word, direction: required.keyword), from: first, to: token)
            }
            try advance()
            return nil
        }
        let source = try addressValue(of: token, "a tunnel source address")
        try advance()
        let sourcePort = try parseEndpointPort()
        try expect(.hyphen, "'-' between the tunnel endpoints")
        let destinationToken = token
        let destination = try addressValue(of: token, "a tunnel destination address")
        if source.family != destination.family {
            throw fail(.endpointFamilyMismatch(), from: first, to: destinationToken)
        }
        try advance()
        let destinationPort = try parseEndpointPort()
        return TunnelEndpoints(source: source, destination: destination, sourcePort: sourcePort,
                               destinationPort: destinationPort)
    }

    /// `[DECIMAL]` after an endpoint address, 0 when absent.
    mutating func parseEndpointPort() throws(ParseFailure) -> UInt16 {
        guard token.kind == .leftBracket else { return 0 }
        try advance()
        guard token.kind == .decimal else { throw expected("a port number") }
        guard let value = decimalValue(token), value <= UInt64(UInt16.max) else {
            throw fail(.outOfRange(text(token), what: "port", maximum: UInt64(UInt16.max)), at: token)
        }
        try advance()
        try expect(.rightBracket, "']'")
        return UInt16(value)
    }

    /// Whether the current token is a level.
    var atLevel: Bool {
        switch token.keyword {
        case .default?, .use?, .require?, .unique?: return true
        default: return token.kind == .word && slice(token).starts(with: Self.uniqueColon)
        }
    }

    private static let uniqueColon: [UInt8] = Array("unique:".utf8)

    /// `LEVEL := default | use | require | unique | unique:N` (N, the reqid, up to 2^32-1).
    mutating func parseLevel() throws(ParseFailure) -> (level: IPsecLevel, reqid: RequestID) {
        let result: (level: IPsecLevel, reqid: RequestID)
        switch token.keyword {
        case .default?: result = (.default, .none)
        case .use?: result = (.use, .none)
        case .require?: result = (.require, .none)
        case .unique?: result = (.unique, .none)
        default:
            let digits = UnsafeBufferPointer(rebasing: slice(token).dropFirst(Self.uniqueColon.count))
            guard !digits.isEmpty, digits.allSatisfy(Byte.isDigit) else {
                throw expected("a level ('default', 'use', 'require', 'unique' or 'unique:N')")
            }
            guard let n = Self.decimal(digits), n <= UInt64(UInt32.max) else {
                throw fail(.outOfRange(String(decoding: digits, as: UTF8.self), what: "reqid",
                                       maximum: UInt64(UInt32.max)), at: token)
            }
            result = (.unique, RequestID(UInt32(n)))
        }
        try advance()
        return result
    }
}
