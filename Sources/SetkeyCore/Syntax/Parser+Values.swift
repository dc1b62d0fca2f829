/// Numbers, keys and strings: every value is range-checked against the field it goes into
/// (the classic tool truncates silently; see Docs/differences-syntax.md).
extension Parser {
    /// The value of a decimal token, nil when it does not fit in 64 bits.
    func decimalValue(_ t: Token) -> UInt64? {
        Self.decimal(slice(t))
    }

    static func decimal(_ digits: UnsafeBufferPointer<UInt8>) -> UInt64? {
        var value: UInt64 = 0
        for b in digits {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(b &- Byte.zero))
            if o1 || o2 { return nil }
            value = sum
        }
        return value
    }

    /// The value of a hex token (`0x...`), nil when it does not fit in 64 bits.
    func hexValue(_ t: Token) -> UInt64? {
        var value: UInt64 = 0
        for b in slice(t).dropFirst(2) {
            guard value >> 60 == 0, let d = Byte.hexValue(b) else { return nil }
            value = value << 4 | UInt64(d)
        }
        return value
    }

    /// `number := DECIMAL`, at most `maximum`; `what` names it in messages.
    mutating func parseNumber(_ what: String, maximum: UInt64) throws(ParseFailure) -> UInt64 {
        guard token.kind == .decimal else { throw expected("a number for \(what)") }
        guard let value = decimalValue(token), value <= maximum else {
            throw fail(.outOfRange(text(token), what: what, maximum: maximum), at: token)
        }
        try advance()
        return value
    }

    /// `spi := DECIMAL | HEX`, at most 32 bits.
    mutating func parseSPI() throws(ParseFailure) -> SPI {
        let value: UInt64?
        switch token.kind {
        case .decimal: value = decimalValue(token)
        case .hex: value = hexValue(token)
        default: throw expected("an SPI (a number or '0x' and hex digits)")
        }
        guard let value, value <= UInt64(UInt32.max) else {
            throw fail(.outOfRange(text(token), what: "SPI", maximum: UInt64(UInt32.max)), at: token)
        }
        try advance()
        return SPI(UInt32(value))
    }

    /// Whether the current token can be a key.
    var atKey: Bool { token.kind == .quoted || token.kind == .hex }

    /// `key := QUOTED | HEX`: a quoted key is its bytes as written; a hex key is converted
    /// two digits per byte, an odd first digit making a byte of its own (`0xabc` is 0a bc).
    mutating func parseKey() throws(ParseFailure) -> SAKey {
        let key: SAKey
        switch token.kind {
        case .quoted:
            key = SAKey(UnsafeBufferPointer(rebasing: bytes[(token.start + 1)..<(token.end - 1)]))
        case .hex:
            key = Self.hexKey(UnsafeBufferPointer(rebasing: bytes[(token.start + 2)..<token.end]))
        default:
            throw expected("a key (a quoted string or '0x' and hex digits)")
        }
        try advance()
        return key
    }

    /// The key that hex `digits` denote (the lexer guarantees they are hex digits).
    static func hexKey(_ digits: UnsafeBufferPointer<UInt8>) -> SAKey {
        let count = (digits.count + 1) / 2
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { buffer in
            var i = 0
            var o = 0
            if digits.count & 1 == 1 {
                buffer[0] = Byte.hexValue(digits[0]) ?? 0
                i = 1
                o = 1
            }
            while i + 1 < digits.count {
                buffer[o] = (Byte.hexValue(digits[i]) ?? 0) << 4 | (Byte.hexValue(digits[i + 1]) ?? 0)
                i += 2
                o += 1
            }
            let key = SAKey(UnsafeBufferPointer(buffer))
            buffer.initialize(repeating: 0)  // no copy of key material is left behind
            return key
        }
    }

    /// `string := QUOTED` holding text: valid UTF-8 without control characters.
    mutating func parseText(_ what: String) throws(ParseFailure) -> String {
        guard token.kind == .quoted else { throw expected("a quoted string for \(what)") }
        let inner = UnsafeBufferPointer(rebasing: bytes[(token.start + 1)..<(token.end - 1)])
        guard !inner.contains(where: { $0 < 0x20 || $0 == 0x7f }),
              let value = String(validating: inner, as: UTF8.self) else {
            throw fail(.invalidText(what), at: token)
        }
        try advance()
        return value
    }

    /// `context := -ctx DOI ALG QUOTED` (the `-ctx` already read); doi 0 means no context.
    mutating func parseSecurityContext() throws(ParseFailure) -> SecurityContext? {
        let doi = try parseNumber("the context DOI", maximum: 255)
        let algorithm = try parseNumber("the context algorithm", maximum: 255)
        let context = try parseText("a security context")
        guard doi != 0 else { return nil }
        return SecurityContext(doi: UInt8(doi), algorithm: UInt8(algorithm), context: context)
    }
}
