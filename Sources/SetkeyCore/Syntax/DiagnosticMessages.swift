/// The stable id and the text of one diagnostic.
///
/// Every text of the parser and the validator is here, sorted by name: lower-case,
/// no trailing period, tokens and values in single quotes. Ids never change once released
/// (tests, JSON output and users' scripts match on them).
/// Counterpart: the `yyerror` strings of ipsec-tools' `parse.y`/`token.l` and libipsec's
/// `ipsec_strerror` table (section 6.1 of the reference), reworded.
struct DiagnosticMessage: Sendable, Hashable {
    let id: String
    let text: String

    init(_ id: String, _ text: String) {
        self.id = id
        self.text = text
    }
}

extension DiagnosticMessage {
    static func algorithmForbidsOld(_ name: String) -> Self {
        .init("algorithm-mismatch", "'\(name)' cannot be used with 'esp-old'")
    }
    static func algorithmNeedsKey(_ name: String) -> Self {
        .init("algorithm-needs-key", "algorithm '\(name)' needs a key (a quoted string or '0x' and hex digits)")
    }
    static func algorithmRequiresOld(_ name: String) -> Self {
        .init("algorithm-mismatch", "'\(name)' can only be used with 'esp-old'")
    }
    static func algorithmTakesNoKey(_ name: String) -> Self {
        .init("algorithm-takes-no-key", "algorithm '\(name)' takes no key")
    }
    static func anyIsNotAnAddress() -> Self {
        .init("any-is-not-an-address", "'any' is not an address; write '0.0.0.0/0' or '::/0'")
    }
    static func compressionWithCipher() -> Self {
        .init("compression-with-cipher", "'-C' cannot be combined with '-E' or '-A'")
    }
    static func duplicateAlgorithm(_ option: String) -> Self {
        .init("duplicate-algorithm", "'\(option)' is given twice")
    }
    static func duplicateOption(_ option: String) -> Self {
        .init("duplicate-option", "'\(option)' is given twice; the last one wins")
    }
    static func emptyTag() -> Self {
        .init("invalid-tag", "the tag name is empty")
    }
    static func endpointFamilyMismatch() -> Self {
        .init("endpoint-family-mismatch", "tunnel endpoints are of different address families")
    }
    static func expected(_ what: String, found: String) -> Self {
        .init("expected", "expected \(what), found \(found)")
    }
    static func expectedCommand(found: String) -> Self {
        .init("expected-command", "expected a command ('add', 'spdadd', 'flush' ...), found \(found)")
    }
    static func expectedSemicolon(found: String) -> Self {
        .init("expected-semicolon", "expected ';' at the end of the statement, found \(found)")
    }
    static func familyFlagMismatch(_ address: String, flag: String) -> Self {
        .init("family-flag-mismatch", "'\(address)' is not an \(flag == "-4" ? "IPv4" : "IPv6") address, as '\(flag)' requires")
    }
    static func familyMismatch() -> Self {
        .init("family-mismatch", "source and destination are of different address families")
    }
    static func fwdTreatedAsIn(_ whose: String) -> Self {
        .init("fwd-treated-as-in", "'fwd' is treated as 'in' by \(whose), as the classic BSD setkey does")
    }
    static func illegalCharacter(_ shown: String) -> Self {
        .init("illegal-character", "unexpected character \(shown)")
    }
    static func invalidDirectionForEndpoints(_ word: String, direction: String) -> Self {
        .init("invalid-endpoint-direction", "'\(word)' can only be used in an '\(direction)' policy")
    }
    static func invalidGREKey(_ text: String) -> Self {
        .init("invalid-upper-layer-spec", "invalid GRE key '\(text)': write 'a.b.c.d' or a number up to 4294967295")
    }
    static func invalidICMPTypeCode(_ text: String) -> Self {
        .init("invalid-upper-layer-spec", "invalid type,code '\(text)': write 'TYPE' or 'TYPE,CODE', each 0-255")
    }
    static func invalidKeyLength(_ name: String, bits: Int, range: KeyBitsRange, backend: String) -> Self {
        .init("invalid-key-length",
              "invalid key length for '\(name)': \(bits) bits, backend '\(backend)' accepts \(range) bits")
    }
    static func invalidText(_ what: String) -> Self {
        .init("invalid-text", "\(what) must be valid UTF-8 without control characters")
    }
    static func lineContinuation() -> Self {
        .init("line-continuation", "line continuation with '\\' is not supported by setkey")
    }
    static func missingAlgorithm(_ command: String) -> Self {
        .init("missing-algorithm", "'\(command)' needs an algorithm: '-E', '-A' or '-C'")
    }
    static func missingPolicy(found: String) -> Self {
        .init("missing-policy", "expected '-P' and a policy, found \(found)")
    }
    static func modeObsolete() -> Self {
        .init("mode-obsolete", "mode is obsolete")
    }
    static func notNumericAddress(_ text: String) -> Self {
        .init("not-numeric-address", "'\(text)' is not a numeric address; setkey does not resolve names")
    }
    static func obsoleteAlgorithm(_ name: String) -> Self {
        .init("obsolete-algorithm", "'\(name)' is obsolete; it means 'null'")
    }
    static func optionIgnored(_ option: String, command: String) -> Self {
        .init("option-ignored", "'\(option)' has no effect in '\(command)'")
    }
    static func optionNotAllowed(_ option: String, command: String) -> Self {
        .init("option-not-allowed", "'\(option)' is not allowed in '\(command)'")
    }
    static func outOfRange(_ text: String, what: String, maximum: UInt64) -> Self {
        .init("out-of-range", "\(what) '\(text)' is out of range 0-\(maximum)")
    }
    static func policyNeedsAction() -> Self {
        .init("policy-needs-action", "policy needs an action ('ipsec', 'none', 'discard' ...)")
    }
    static func portsWithUpperLayerSpec() -> Self {
        .init("ports-with-upper-layer-spec", "ports cannot be combined with an ICMP type,code or a GRE key")
    }
    static func prefixTooLong(_ length: UInt64, maximum: UInt8) -> Self {
        .init("prefix-too-long", "prefix length '\(length)' is longer than \(maximum)")
    }
    static func priorityBaseOffsetOutOfRange(_ text: String, sign: String, maximum: UInt32) -> Self {
        .init("priority-offset-out-of-range",
              "priority offset '\(sign) \(text)' from a base is out of range 0-\(maximum)")
    }
    static func priorityNotInDialect(_ personality: String) -> Self {
        .init("priority-not-supported", "policy priority is not part of the '\(personality)' dialect")
    }
    static func priorityOffsetOutOfRange(_ text: String) -> Self {
        .init("priority-offset-out-of-range", "priority offset '\(text)' is out of range -2147483647 to 2147483648")
    }
    static func rawCPIWithoutCompression() -> Self {
        .init("raw-cpi-without-compression", "'-R' needs '-C'")
    }
    static func replayWithOld() -> Self {
        .init("replay-with-old", "'-r' (replay prevention) cannot be used with 'ah-old' or 'esp-old'")
    }
    static func requestNeedsMode(_ proto: String) -> Self {
        .init("request-needs-mode", "request needs a mode: '\(proto)/transport' or '\(proto)/tunnel'")
    }
    static func requestProtocolNotInDialect(_ proto: String, personality: String) -> Self {
        .init("request-protocol-not-supported", "request protocol '\(proto)' is not part of the '\(personality)' dialect")
    }
    static func requestsNeedIPsec(_ action: String) -> Self {
        .init("requests-need-ipsec", "requests are only allowed after 'ipsec', not after '\(action)'")
    }
    static func scopedAddress(_ text: String) -> Self {
        .init("scoped-address", "scoped address '\(text)' is not supported")
    }
    static func tagTooLong(_ count: Int) -> Self {
        .init("invalid-tag", "the tag name has \(count) bytes; at most 63 fit")
    }
    static func tcpMD5KeyLength(_ count: Int) -> Self {
        .init("invalid-key-length", "'tcp-md5' key has \(count) bytes; it must have 1 to 80")
    }
    static func tooManyRequests(_ count: Int, maximum: Int, backend: String) -> Self {
        .init("too-many-requests", "policy has \(count) requests; backend '\(backend)' accepts at most \(maximum)")
    }
    static func tunnelNeedsEndpoints(_ proto: String) -> Self {
        .init("tunnel-needs-endpoints", "tunnel mode needs endpoints: '\(proto)/tunnel/SRC-DST'")
    }
    static func unexpectedByte(_ value: UInt8) -> Self {
        .init("illegal-character", "unexpected byte 0x\(String(value, radix: 16))")
    }
    static func unknownAlgorithm(_ name: String, kind: AlgorithmKind) -> Self {
        .init("unknown-algorithm", "unknown \(kind) algorithm '\(name)'")
    }
    static func unknownCommand(_ word: String) -> Self {
        .init("unknown-command", "unknown command '\(word)'")
    }
    static func unknownService(_ name: String) -> Self {
        .init("unknown-service", "unknown UDP service '\(name)'")
    }
    static func unknownUpperLayer(_ name: String) -> Self {
        .init("unknown-upper-layer", "unknown upper-layer protocol '\(name)'")
    }
    static func unsupportedAlgorithm(_ name: String, backend: String) -> Self {
        .init("unsupported-algorithm", "algorithm '\(name)' is not supported by backend '\(backend)'")
    }
    static func unsupportedEndpointPorts(backend: String) -> Self {
        .init("unsupported-endpoint-ports", "ports in tunnel endpoints are not supported by backend '\(backend)'")
    }
    static func unsupportedEntrustBypass(_ action: String, backend: String) -> Self {
        .init("unsupported-action", "action '\(action)' is not supported by backend '\(backend)'")
    }
    static func unsupportedNATTraversal(backend: String) -> Self {
        .init("unsupported-nat-traversal", "'esp-udp' (NAT traversal) is not supported by backend '\(backend)'")
    }
    static func unsupportedPriority(backend: String) -> Self {
        .init("unsupported-priority", "policy priority is not supported by backend '\(backend)'")
    }
    static func unsupportedSAType(_ type: String, backend: String) -> Self {
        .init("unsupported-sa-type", "SA type '\(type)' is not supported by backend '\(backend)'")
    }
    static func unsupportedSecurityContext(backend: String) -> Self {
        .init("unsupported-security-context", "security contexts ('-ctx') are not supported by backend '\(backend)'")
    }
    static func unsupportedTaggedPolicy(backend: String) -> Self {
        .init("unsupported-tagged-policy", "tagged policies are not supported by backend '\(backend)'")
    }
    static func unterminatedStatement() -> Self {
        .init("unterminated-statement", "the statement is not terminated by ';'")
    }
    static func unterminatedString() -> Self {
        .init("unterminated-string", "quoted string has no closing '\"'")
    }
    static func upperLayerKeyword(_ word: String, number: UInt8) -> Self {
        .init("upper-layer-keyword", "'\(word)' cannot be an upper-layer protocol; write '\(number)'")
    }
    static func upperLayerSpecNotAllowed(_ upper: String) -> Self {
        .init("upper-layer-spec-not-allowed",
              "upper-layer protocol '\(upper)' takes no type,code or key (only icmp, icmp6, mh and gre do)")
    }
}
