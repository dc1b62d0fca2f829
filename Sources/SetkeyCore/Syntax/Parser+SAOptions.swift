/// What the options of one SA statement said.
struct SAOptions {
    var mode: IPsecMode = .any
    var reqid: UInt32 = 0
    var replay: UInt32 = 0
    var flags: SAFlags = .setkeyDefault
    var hardLifetime = Lifetime.unlimited
    var softLifetime = Lifetime.unlimited
    var securityContext: SecurityContext?
    var encryption: KeyedAlgorithm?
    /// `des-deriv`, `des-32iv` or `simple`, when one of them was written.
    var encryptionAlias: AlgorithmAlias?
    var encryptionName: Token?
    var authentication: KeyedAlgorithm?
    var compression: KeyedAlgorithm?
    var compressionToken: Token?
    var rawCPIToken: Token?
    var replayToken: Token?
    /// One bit per option keyword already seen, for the "given twice" warning.
    var seen: UInt64 = 0
}

/// SA options, in any order: `-m -u -r -f -lh -ls -bh -bs -ctx -E -A -C -R`.
extension Parser {
    /// `option* ` until something that is not an SA option. Without `algorithmsAllowed`
    /// (`get`, `delete`) `-E -A -C -R` are errors and the other options are ignored with a
    /// warning (`-m` with a mode other than `any` warns "mode is obsolete", as setkey does).
    mutating func parseSAOptions(_ options: inout SAOptions, command: Token, algorithmsAllowed: Bool)
        throws(ParseFailure) {
        while token.kind == .keyword, let option = token.keyword, option.isOption, option != .optionPolicy {
            let optionToken = token
            let isAlgorithm = option == .optionEncryption || option == .optionAuthentication
                || option == .optionCompression || option == .optionRawCPI
            if isAlgorithm && !algorithmsAllowed {
                throw fail(.optionNotAllowed(option.spelling, command: text(command)), at: optionToken)
            }
            let bit: UInt64 = 1 << UInt64(option.rawValue - Keyword.optionMode.rawValue)
            if !isAlgorithm && option != .optionExtension && options.seen & bit != 0 {
                warn(.duplicateOption(option.spelling), at: optionToken)
            }
            options.seen |= bit
            try advance()
            try parseSAOption(option, optionToken, into: &options)
            if !algorithmsAllowed {
                if option != .optionMode {
                    warn(.optionIgnored(option.spelling, command: text(command)), at: optionToken)
                } else if options.mode != .any {
                    warn(.modeObsolete(), at: optionToken)
                }
            }
        }
    }

    /// The argument of one option (the option word already read).
    private mutating func parseSAOption(_ option: Keyword, _ optionToken: Token, into options: inout SAOptions)
        throws(ParseFailure) {
        switch option {
        case .optionMode:
            switch token.keyword {
            case .transport?: options.mode = .transport
            case .tunnel?: options.mode = .tunnel
            case .any?: options.mode = .any
            default: throw expected("a mode ('transport', 'tunnel' or 'any') after '-m'")
            }
            try advance()
        case .optionReqid:
            options.reqid = UInt32(try parseNumber("the '-u' value", maximum: UInt64(UInt32.max)))
        case .optionReplay:
            options.replay = UInt32(try parseNumber("the '-r' value", maximum: UInt64(UInt32.max)))
            options.replayToken = optionToken
        case .optionExtension:
            switch token.keyword {
            case .randomPad?: options.flags.insert(.randomPadding)
            case .zeroPad?: options.flags.insert(.zeroPadding)
            case .seqPad?: break
            case .nocyclicSeq?: options.flags.remove(.cyclicSequence)
            default: throw expected("'random-pad', 'seq-pad', 'zero-pad' or 'nocyclic-seq' after '-f'")
            }
            try advance()
        case .optionHardLifetime: options.hardLifetime.addTime = try parseNumber("the '-lh' value", maximum: UInt64.max)
        case .optionSoftLifetime: options.softLifetime.addTime = try parseNumber("the '-ls' value", maximum: UInt64.max)
        case .optionHardBytes: options.hardLifetime.bytes = try parseNumber("the '-bh' value", maximum: UInt64.max)
        case .optionSoftBytes: options.softLifetime.bytes = try parseNumber("the '-bs' value", maximum: UInt64.max)
        case .optionContext: options.securityContext = try parseSecurityContext()
        case .optionEncryption:
            if options.encryption != nil { throw fail(.duplicateAlgorithm("-E"), at: optionToken) }
            options.encryptionName = token
            let (algorithm, alias) = try parseAlgorithm(.encryption)
            options.encryption = algorithm
            options.encryptionAlias = alias
            if let alias { options.flags.formUnion(alias.flags) }
        case .optionAuthentication:
            if options.authentication != nil { throw fail(.duplicateAlgorithm("-A"), at: optionToken) }
            options.authentication = try parseAlgorithm(.authentication).algorithm
        case .optionCompression:
            if options.compression != nil { throw fail(.duplicateAlgorithm("-C"), at: optionToken) }
            options.compressionToken = optionToken
            options.compression = try parseAlgorithm(.compression).algorithm
        default:  // -R
            options.rawCPIToken = optionToken
            options.flags.insert(.rawCPI)
        }
    }

    /// `algorithm := NAME [key]`: the name as the catalogue knows it (or one of the aliases
    /// `des-deriv`, `des-32iv`, `simple`), and a key exactly when the algorithm takes one.
    mutating func parseAlgorithm(_ kind: AlgorithmKind) throws(ParseFailure)
        -> (algorithm: KeyedAlgorithm, alias: AlgorithmAlias?) {
        guard token.kind == .word || token.kind == .keyword || token.kind == .decimal else {
            throw expected("an \(kind) algorithm name")
        }
        let nameToken = token
        guard let entry = AlgorithmNames.lookup(bytes, token.start, token.end, kind: kind) else {
            throw fail(.unknownAlgorithm(text(token), kind: kind), at: nameToken)
        }
        if let alias = entry.alias, alias.isObsolete { warn(.obsoleteAlgorithm(alias.name), at: nameToken) }
        let (id, keyless, alias) = (entry.id, entry.keyless, entry.alias)
        try advance()
        if keyless {
            if atKey { throw fail(.algorithmTakesNoKey(text(nameToken)), at: token) }
            return (KeyedAlgorithm(id: id), alias)
        }
        guard atKey else { throw fail(.algorithmNeedsKey(text(nameToken)), at: nameToken) }
        let keyToken = token
        let key = try parseKey()
        if id == AlgorithmNames.tcpMD5, key.count < 1 || key.count > 80 {
            throw fail(.tcpMD5KeyLength(key.count), at: keyToken)
        }
        return (KeyedAlgorithm(id: id, key: key), alias)
    }
}

/// The algorithm names setkey accepts after `-E`, `-A` and `-C`, looked up on bytes.
/// Counterpart: the `S_ENCALG`/`S_AUTHALG` rules of ipsec-tools' `token.l`.
enum AlgorithmNames {
    struct Entry: Sendable {
        var id: AlgorithmID
        var keyless: Bool
        /// `des-deriv`, `des-32iv` or `simple`.
        var alias: AlgorithmAlias?
    }

    /// `-A tcp-md5`, whose key setkey checks itself (1 to 80 bytes).
    static let tcpMD5 = AlgorithmID(.authentication, 252)

    private static let tables: [PackedWordTable<Entry>] = AlgorithmKind.allCases.map { kind in
        var pairs: [(String, Entry)] = []
        for d in AlgorithmCatalogue.descriptors where d.kind == kind {
            for name in d.names { pairs.append((name, Entry(id: d.id, keyless: d.isKeyless))) }
        }
        for a in AlgorithmCatalogue.aliases where a.id.kind == kind {
            let keyless = AlgorithmCatalogue.descriptor(for: a.id)?.isKeyless ?? false
            pairs.append((a.name, Entry(id: a.id, keyless: keyless, alias: a)))
        }
        return PackedWordTable(pairs)
    }

    /// The algorithm called `name` (exactly), if any.
    static func lookup(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, kind: AlgorithmKind) -> Entry? {
        if end - start <= 16 { return tables[Int(kind.rawValue)].value(buffer, start, end) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
        if let alias = AlgorithmCatalogue.alias(named: text, kind: kind) {
            return Entry(id: alias.id, keyless: AlgorithmCatalogue.descriptor(for: alias.id)?.isKeyless ?? false, alias: alias)
        }
        guard let d = AlgorithmCatalogue.descriptor(named: text, kind: kind) else { return nil }
        return Entry(id: d.id, keyless: d.isKeyless)
    }
}
