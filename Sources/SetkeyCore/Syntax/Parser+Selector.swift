/// SP statements: `spdadd`, `spdupdate`, `spddelete` and `spdadd tagged`.
extension Parser {
    /// The selector a tagged policy carries: it has none, and this stands in for it (every
    /// tagged policy has this same one, so statements compare equal).
    static let taggedSelector = PolicySelector(source: IPPrefix(.unspecified(.inet), length: 0),
                                               destination: IPPrefix(.unspecified(.inet), length: 0))

    /// `spdadd|spdupdate|spddelete [aiflags] SRC[/plen][PORT] DST[/plen][PORT] upper [umisc]
    /// [-ctx DOI ALG "ctx"] -P policy`, or `spdadd|spdupdate tagged "NAME" -P policy`.
    /// `spddelete` accepts a bare direction (`-P out`); the others need an action.
    mutating func parsePolicyStatement(command: Token) throws(ParseFailure) -> SecurityPolicy {
        let isDelete = command.is(.spddelete)
        if !isDelete, token.is(.tagged) {
            try advance()
            let tagToken = token
            let tag = try parseText("a tag name")
            if tag.isEmpty { throw fail(.emptyTag(), at: tagToken) }
            if tag.utf8.count > 63 { throw fail(.tagTooLong(tag.utf8.count), at: tagToken) }
            let clause = try parsePolicyClause(requireAction: true)
            return SecurityPolicy(selector: Self.taggedSelector, direction: clause.direction, action: clause.action,
                                  priority: clause.priority, requests: clause.requests, tag: tag)
        }
        let family = try parseResolverFlags()
        let sourceToken = token
        let source = try parseAddress("a source address", family: family)
        let sourceLength = try parseOptionalPrefixLength(family: source.family)
        var sourcePort = try parseOptionalPort()
        let destinationToken = token
        let destination = try parseAddress("a destination address", family: family)
        if source.family != destination.family {
            throw fail(.familyMismatch(), from: sourceToken, to: destinationToken)
        }
        let destinationLength = try parseOptionalPrefixLength(family: destination.family)
        var destinationPort = try parseOptionalPort()
        let upperToken = token
        let upper = try parseUpperLayer()
        let specToken = token
        if let spec = try parseUpperLayerSpec(upper: upper, upperToken: upperToken) {
            if sourcePort != 0 || destinationPort != 0 { throw fail(.portsWithUpperLayerSpec(), at: specToken) }
            (sourcePort, destinationPort) = spec
        }
        var context: SecurityContext?
        if try consume(.optionContext) { context = try parseSecurityContext() }
        let clause = try parsePolicyClause(requireAction: !isDelete)
        let selector = PolicySelector(source: IPPrefix(source, length: sourceLength),
                                      destination: IPPrefix(destination, length: destinationLength),
                                      sourcePort: sourcePort, destinationPort: destinationPort, upperLayer: upper)
        return SecurityPolicy(selector: selector, direction: clause.direction, action: clause.action,
                              priority: clause.priority, requests: clause.requests, securityContext: context)
    }

    /// `upper := DECIMAL | any | tcp | NAME`: a protocol number, `any` (255) or a name
    /// (built in: icmp, ipencap, ip4, udp, gre, ipv6-icmp, icmp6; then the host's protocol
    /// database). The protocol keywords `esp` and `ah` are refused, as ipsec-tools does
    /// (FreeBSD's dialect accepts them).
    mutating func parseUpperLayer() throws(ParseFailure) -> UpperLayerProtocol {
        let upper: UpperLayerProtocol
        switch token.kind {
        case .decimal:
            guard let value = decimalValue(token), value <= 255 else {
                throw fail(.outOfRange(text(token), what: "upper-layer protocol", maximum: 255), at: token)
            }
            upper = UpperLayerProtocol(UInt8(value))
        case .keyword where token.keyword == .any:
            upper = .any
        case .keyword where token.keyword == .tcp:
            upper = .tcp
        case .keyword where token.keyword == .esp || token.keyword == .ah:
            let number: UInt8 = token.keyword == .esp ? 50 : 51
            guard options.personality == .freebsd else { throw fail(.upperLayerKeyword(text(token), number: number), at: token) }
            upper = UpperLayerProtocol(number)
        case .word:
            guard let number = Self.builtInUpperLayer(text(token)) ?? SystemDatabases.protocolNumber(named: slice(token))
            else { throw fail(.unknownUpperLayer(text(token)), at: token) }
            upper = UpperLayerProtocol(number)
        default:
            throw expected("an upper-layer protocol ('any', 'tcp', 'udp', 'icmp', a number ...)")
        }
        try advance()
        return upper
    }

    static func builtInUpperLayer(_ name: String) -> UInt8? {
        switch name {
        case "icmp": return 1
        case "ipencap", "ip4": return 4
        case "udp": return 17
        case "gre": return 47
        case "ipv6-icmp", "icmp6": return 58
        default: return nil
        }
    }

    /// `umisc := TYPE[,CODE]` after icmp, icmp6 or mh (type into the source port, code, 0
    /// when omitted, into the destination port), or `a.b.c.d` / a 32-bit number after gre (the
    /// key split over the two ports). Nil when no such word follows.
    mutating func parseUpperLayerSpec(upper: UpperLayerProtocol, upperToken: Token) throws(ParseFailure)
        -> (UInt16, UInt16)? {
        guard token.kind == .decimal || token.kind == .numberList || token.kind == .word else { return nil }
        let spec: (UInt16, UInt16)?
        if upper.portsAreTypeAndCode {
            spec = typeAndCode(slice(token))
            if spec == nil { throw fail(.invalidICMPTypeCode(text(token)), at: token) }
        } else if upper == .gre {
            spec = greKey(token)
            if spec == nil { throw fail(.invalidGREKey(text(token)), at: token) }
        } else {
            throw fail(.upperLayerSpecNotAllowed(text(upperToken)), at: token)
        }
        try advance()
        return spec
    }

    /// `TYPE` or `TYPE,CODE`, each 0...255.
    private func typeAndCode(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt16, UInt16)? {
        let parts = bytes.split(separator: Byte.comma, maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return nil }
        var values: [UInt16] = []
        for part in parts {
            guard !part.isEmpty, part.allSatisfy(Byte.isDigit),
                  let v = Self.decimal(UnsafeBufferPointer(rebasing: part)), v <= 255 else { return nil }
            values.append(UInt16(v))
        }
        return (values[0], values.count == 2 ? values[1] : 0)
    }

    /// `a.b.c.d` (each 0...255) or a decimal up to 2^32-1.
    private func greKey(_ t: Token) -> (UInt16, UInt16)? {
        if t.kind == .decimal {
            guard let v = decimalValue(t), v <= UInt64(UInt32.max) else { return nil }
            return (UInt16(v >> 16), UInt16(v & 0xffff))
        }
        guard t.kind == .word, let a = IPAddress.parse(utf8: slice(t)), a.family == .inet else { return nil }
        return (UInt16(a.ipv4Value >> 16), UInt16(a.ipv4Value & 0xffff))
    }
}
