/// Addresses, prefixes, ports and resolver flags. Addresses are numeric only.
extension Parser {
    /// `aiflags := ('-' [n46]+)*` right after the command word. `-4`/`-6` make every address
    /// of the statement be of that family (the last letter wins, as in setkey); `n` changes
    /// nothing, addresses being numeric anyway.
    mutating func parseResolverFlags() throws(ParseFailure) -> (family: AddressFamily, flag: Token)? {
        var result: (family: AddressFamily, flag: Token)?
        while token.kind == .resolverFlags {
            for b in slice(token).dropFirst() {
                if b == Byte.four { result = (.inet, token) } else if b == Byte.six { result = (.inet6, token) }
            }
            try advance()
        }
        return result
    }

    /// `address := WORD` holding a numeric IPv4 or IPv6 address.
    mutating func parseAddress(_ what: String, family: (family: AddressFamily, flag: Token)?) throws(ParseFailure)
        -> IPAddress {
        let address = try addressValue(of: token, what)
        if let family, address.family != family.family {
            throw fail(.familyFlagMismatch(text(token), flag: text(family.flag)), at: token)
        }
        try advance()
        return address
    }

    /// The address a token holds, or the reason it holds none.
    func addressValue(of t: Token, _ what: String) throws(ParseFailure) -> IPAddress {
        switch t.kind {
        case .word:
            let bytes = slice(t)
            if let address = IPAddress.parse(utf8: bytes) { return address }
            if bytes.contains(Byte.percent) { throw fail(.scopedAddress(text(t)), at: t) }
            throw fail(.notNumericAddress(text(t)), at: t)
        case .decimal, .hex, .numberList:
            throw fail(.notNumericAddress(text(t)), at: t)
        case .keyword where t.keyword == .any:
            throw fail(.anyIsNotAnAddress(), at: t)
        default:
            if t.isError { throw lexicalFailure(t) }
            throw fail(.expected(what, found: describe(t)), at: t)
        }
    }

    /// `port := '[' (any | DECIMAL | SERVICE) ']'`, 0 when absent or `any`. A service name is
    /// looked up as a UDP service, as setkey does.
    mutating func parseOptionalPort() throws(ParseFailure) -> UInt16 {
        guard token.kind == .leftBracket else { return 0 }
        try advance()
        let port: UInt16
        switch token.kind {
        case .keyword where token.keyword == .any:
            port = 0
        case .decimal:
            guard let value = decimalValue(token), value <= UInt64(UInt16.max) else {
                throw fail(.outOfRange(text(token), what: "port", maximum: UInt64(UInt16.max)), at: token)
            }
            port = UInt16(value)
        case .word, .keyword:
            guard let value = SystemDatabases.udpServicePort(named: slice(token)) else {
                throw fail(.unknownService(text(token)), at: token)
            }
            port = value
        default:
            throw expected("a port number, a service name or 'any'")
        }
        try advance()
        try expect(.rightBracket, "']'")
        return port
    }

    /// `prefix := '/' DECIMAL`, at most the width of `family`; the full width when absent.
    mutating func parseOptionalPrefixLength(family: AddressFamily) throws(ParseFailure) -> UInt8 {
        guard token.kind == .slash else { return family.bitWidth }
        try advance()
        guard token.kind == .decimal else { throw expected("a prefix length") }
        let value = decimalValue(token)
        guard let value, value <= UInt64(family.bitWidth) else {
            throw fail(.prefixTooLong(value ?? UInt64.max, maximum: family.bitWidth), at: token)
        }
        try advance()
        return UInt8(value)
    }
}
