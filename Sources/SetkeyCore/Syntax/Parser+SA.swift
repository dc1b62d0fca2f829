/// The SA protocol word of a statement and what it implies.
struct SAProtocolChoice {
    var type: SAType
    /// `ah-old` / `esp-old`.
    var old = false
    /// `esp-udp`.
    var natTraversal = false
    /// `esp-udp ADDR`: the NAT original address.
    var originalAddress: IPAddress?
    var token: Token
}

/// SA statements: `add`, `update`, `get`, `delete`, `deleteall`, `flush`, `dump`.
extension Parser {
    /// `add|update [aiflags] ADDR [PORT] ADDR [PORT] proto SPI option* algorithm+`
    mutating func parseSecurityAssociation(command: Token) throws(ParseFailure) -> SecurityAssociation {
        let family = try parseResolverFlags()
        let (source, sourcePort, destination, destinationPort) = try parseSAAddresses(family: family)
        let proto = try parseSAProtocol()
        let spi = try parseSPI()
        var options = SAOptions()
        try parseSAOptions(&options, command: command, algorithmsAllowed: true)
        try checkAlgorithms(options, proto: proto, command: command)

        var flags = options.flags
        if proto.old { flags.insert(.old) }
        var nat: NATTraversal?
        if proto.natTraversal {
            nat = NATTraversal(type: NATTraversal.espInUDP,
                               sourcePort: sourcePort == 0 ? NATTraversal.defaultPort : sourcePort,
                               destinationPort: destinationPort == 0 ? NATTraversal.defaultPort : destinationPort,
                               originalAddress: proto.originalAddress)
        }
        return SecurityAssociation(
            source: source, destination: destination, type: proto.type, spi: spi,
            sourcePort: sourcePort, destinationPort: destinationPort, mode: options.mode,
            reqid: RequestID(options.reqid), replayWindow: options.replay, flags: flags,
            encryption: options.encryption, authentication: options.authentication,
            compression: options.compression, hardLifetime: options.hardLifetime,
            softLifetime: options.softLifetime, natTraversal: nat, securityContext: options.securityContext)
    }

    /// `get|delete [aiflags] ADDR [PORT] ADDR [PORT] proto SPI option*` (no algorithms; `-m`
    /// only warns that the mode is obsolete, other options are ignored with a warning).
    mutating func parseSAIdentity(command: Token) throws(ParseFailure) -> SAIdentity {
        let family = try parseResolverFlags()
        let (source, sourcePort, destination, destinationPort) = try parseSAAddresses(family: family)
        let proto = try parseSAProtocol()
        let spi = try parseSPI()
        var options = SAOptions()
        try parseSAOptions(&options, command: command, algorithmsAllowed: false)
        return SAIdentity(source: source, destination: destination, type: proto.type, spi: spi,
                          sourcePort: sourcePort, destinationPort: destinationPort)
    }

    /// `deleteall [aiflags] ADDR ADDR [proto]` (bare addresses, no ports).
    mutating func parseDeleteAll() throws(ParseFailure) -> Statement {
        let family = try parseResolverFlags()
        let sourceToken = token
        let source = try parseAddress("a source address", family: family)
        let destination = try parseAddress("a destination address", family: family)
        if source.family != destination.family {
            throw fail(.familyMismatch(), from: sourceToken, to: token)
        }
        let type = try parseOptionalSAType()
        return .deleteAll(source: source, destination: destination, type: type)
    }

    /// `flush|dump [proto]`: `.unspecified` when no protocol is written.
    mutating func parseOptionalSAType() throws(ParseFailure) -> SAType {
        guard token.kind != .semicolon && token.kind != .endOfInput else { return .unspecified }
        return try parseSAProtocol().type
    }

    /// `ADDR [PORT] ADDR [PORT]` of one family.
    mutating func parseSAAddresses(family: (family: AddressFamily, flag: Token)?) throws(ParseFailure)
        -> (IPAddress, UInt16, IPAddress, UInt16) {
        let sourceToken = token
        let source = try parseAddress("a source address", family: family)
        let sourcePort = try parseOptionalPort()
        let destinationToken = token
        let destination = try parseAddress("a destination address", family: family)
        let destinationPort = try parseOptionalPort()
        if source.family != destination.family {
            throw fail(.familyMismatch(), from: sourceToken, to: destinationToken)
        }
        return (source, sourcePort, destination, destinationPort)
    }

    /// `proto := esp | esp-old | ah | ah-old | ipcomp | tcp | esp-udp [ADDR]`
    mutating func parseSAProtocol() throws(ParseFailure) -> SAProtocolChoice {
        let t = token
        var choice: SAProtocolChoice
        switch token.keyword {
        case .esp?: choice = SAProtocolChoice(type: .esp, token: t)
        case .espOld?: choice = SAProtocolChoice(type: .esp, old: true, token: t)
        case .ah?: choice = SAProtocolChoice(type: .ah, token: t)
        case .ahOld?: choice = SAProtocolChoice(type: .ah, old: true, token: t)
        case .ipcomp?: choice = SAProtocolChoice(type: .ipcomp, token: t)
        case .tcp?: choice = SAProtocolChoice(type: .tcpSignature, token: t)
        case .espUDP?: choice = SAProtocolChoice(type: .esp, natTraversal: true, token: t)
        default:
            throw expected("an SA protocol ('esp', 'ah', 'ipcomp', 'esp-udp', 'esp-old', 'ah-old', 'tcp')")
        }
        try advance()
        if choice.natTraversal, token.kind == .word {
            choice.originalAddress = try parseAddress("a NAT original address", family: nil)
        }
        return choice
    }

    /// The checks setkey's grammar makes on the algorithms of an `add`.
    func checkAlgorithms(_ options: SAOptions, proto: SAProtocolChoice, command: Token) throws(ParseFailure) {
        guard options.encryption != nil || options.authentication != nil || options.compression != nil else {
            throw fail(.missingAlgorithm(text(command)), at: token)
        }
        if let c = options.compressionToken, options.encryption != nil || options.authentication != nil {
            throw fail(.compressionWithCipher(), at: c)
        }
        if let r = options.rawCPIToken, options.compression == nil {
            throw fail(.rawCPIWithoutCompression(), at: r)
        }
        if let r = options.replayToken, proto.old {
            throw fail(.replayWithOld(), at: r)
        }
        if let alias = options.encryptionAlias, let required = alias.requiresOldFormat, required != proto.old,
           let t = options.encryptionName {
            throw fail(required ? .algorithmRequiresOld(alias.name) : .algorithmForbidsOld(alias.name), at: t)
        }
    }
}
