/// Which token rules apply: the statement grammar, or the policy text after `-P` (which has
/// its own words, `-` and `+`, and ends at `;`).
enum LexerMode: Sendable {
    case statement
    case policy
}

/// Splits setkey input into tokens, over bytes, allocating nothing.
///
/// Longest match wins and, on a tie, keywords beat numbers, numbers beat words (so `0x10` is
/// hex, `10` decimal, `10.0.0.1` and `3des-cbc` words, `135,0` a number list, `address` a
/// word and `esp-old` a keyword). `#` starts a comment running to the end of the line wherever
/// a token may start. Quoted strings may span lines, and their newlines are counted.
/// Counterpart: ipsec-tools' `token.l` (statement mode) and libipsec's `policy_token.l`
/// (policy mode).
struct Lexer {
    let bytes: UnsafeBufferPointer<UInt8>
    /// The next byte to read.
    private(set) var position: Int = 0
    /// The current line number.
    private(set) var line: Int
    /// The offset the current line starts at (negative on the first line when the input
    /// starts in the middle of a line), so that column = position - lineStart + 1.
    private var lineStart: Int
    /// Which rules apply to the next token.
    var mode: LexerMode = .statement

    init(bytes: UnsafeBufferPointer<UInt8>, firstLine: Int = 1, firstColumn: Int = 1) {
        self.bytes = bytes
        line = firstLine
        lineStart = 1 - max(1, firstColumn)
    }

    /// The column of `position`.
    var column: Int { position - lineStart + 1 }

    /// The next token.
    mutating func next() -> Token {
        skipBlanksAndComments()
        let start = position
        let startLine = line
        let startColumn = column
        guard position < bytes.count else {
            return token(.endOfInput, start: start, line: startLine, column: startColumn)
        }
        let kind: TokenKind
        var keyword: Keyword?
        switch mode {
        case .statement: (kind, keyword) = scanStatementToken()
        case .policy: (kind, keyword) = scanPolicyToken()
        }
        var t = token(kind, start: start, line: startLine, column: startColumn)
        t.keyword = keyword
        return t
    }

    private func token(_ kind: TokenKind, start: Int, line startLine: Int, column startColumn: Int) -> Token {
        Token(kind: kind, start: start, end: position, line: startLine, column: startColumn)
    }

    // MARK: - Blanks and comments

    private mutating func skipBlanksAndComments() {
        while position < bytes.count {
            let b = bytes[position]
            if b == Byte.space || b == Byte.tab {
                position += 1
            } else if b == Byte.newline {
                newline(at: position)
                position += 1
            } else if b == Byte.carriageReturn, position + 1 < bytes.count, bytes[position + 1] == Byte.newline {
                position += 1
            } else if b == Byte.hash {
                while position < bytes.count, bytes[position] != Byte.newline { position += 1 }
            } else {
                return
            }
        }
    }

    @inline(__always) private mutating func newline(at offset: Int) {
        line += 1
        lineStart = offset + 1
    }

    // MARK: - Statement mode

    private mutating func scanStatementToken() -> (TokenKind, Keyword?) {
        let b = bytes[position]
        switch b {
        case Byte.semicolon: position += 1; return (.semicolon, nil)
        case Byte.slash: position += 1; return (.slash, nil)
        case Byte.leftBracket: position += 1; return (.leftBracket, nil)
        case Byte.rightBracket: position += 1; return (.rightBracket, nil)
        case Byte.quote: return (scanQuoted(), nil)
        case Byte.hyphen: return scanOption()
        case Byte.backslash: return (scanBackslash(), nil)
        case Byte.comma: position = scanNumberList(from: position); return (.numberList, nil)
        default:
            if Byte.isDigit(b) { return (scanNumberOrWord(), nil) }
            if Byte.isLetter(b) || b == Byte.colon { return scanStatementWord() }
            position += 1
            return (.illegalCharacter, nil)
        }
    }

    /// `[A-Za-z0-9:][A-Za-z0-9:%.-]*`, then the keyword table.
    private mutating func scanStatementWord() -> (TokenKind, Keyword?) {
        let start = position
        position = scanWordRun(from: position)
        if Byte.isLetter(bytes[start]),
           let k = Keyword.lookup(bytes, start, position, mode: .statement) {
            return (.keyword, k)
        }
        return (.word, nil)
    }

    /// The end of the word run whose first byte is at `offset`.
    private func scanWordRun(from offset: Int) -> Int {
        var p = offset + 1
        while p < bytes.count, Byte.isStatementWordByte(bytes[p]) { p += 1 }
        return p
    }

    private func scanNumberList(from offset: Int) -> Int {
        var p = offset
        while p < bytes.count, Byte.isDigit(bytes[p]) || bytes[p] == Byte.comma { p += 1 }
        return p
    }

    /// A token starting with a digit: the longest of decimal, hex, word and number list.
    /// Digits (or `0x` and hex digits) not followed by a word byte are a number; digits
    /// followed by a comma a number list; anything longer a word.
    private mutating func scanNumberOrWord() -> TokenKind {
        let start = position
        var p = start
        while p < bytes.count, Byte.isDigit(bytes[p]) { p += 1 }
        if p == bytes.count || !Byte.isStatementWordByte(bytes[p]) {
            position = p
            guard p < bytes.count, bytes[p] == Byte.comma else { return .decimal }
            position = scanNumberList(from: p)
            return .numberList
        }
        if p == start + 1, bytes[start] == Byte.zero, bytes[p] | 0x20 == Byte.lowerX {
            var q = p + 1
            while q < bytes.count, Byte.isHexDigit(bytes[q]) { q += 1 }
            if q > p + 1, q == bytes.count || !Byte.isStatementWordByte(bytes[q]) {
                position = q
                return .hex
            }
        }
        position = scanWordRun(from: p - 1)
        return .word
    }

    /// `-` followed by option letters: an option keyword (longest match: `-lh`, `-ctx`,
    /// `-E` ...), or resolver flags `-[n46]+`. Anything else is an illegal `-`.
    private mutating func scanOption() -> (TokenKind, Keyword?) {
        let start = position
        func byte(_ i: Int) -> UInt8 { start + i < bytes.count ? bytes[start + i] : 0 }
        var option: Keyword?
        var length = 2
        switch byte(1) {
        case UInt8(ascii: "m"): option = .optionMode
        case UInt8(ascii: "u"): option = .optionReqid
        case UInt8(ascii: "f"): option = .optionExtension
        case UInt8(ascii: "r"): option = .optionReplay
        case UInt8(ascii: "E"): option = .optionEncryption
        case UInt8(ascii: "A"): option = .optionAuthentication
        case UInt8(ascii: "C"): option = .optionCompression
        case UInt8(ascii: "R"): option = .optionRawCPI
        case UInt8(ascii: "P"): option = .optionPolicy
        case UInt8(ascii: "l"), UInt8(ascii: "b"):
            let hard = byte(2) == UInt8(ascii: "h")
            if hard || byte(2) == UInt8(ascii: "s") {
                length = 3
                if byte(1) == UInt8(ascii: "l") {
                    option = hard ? .optionHardLifetime : .optionSoftLifetime
                } else {
                    option = hard ? .optionHardBytes : .optionSoftBytes
                }
            }
        case UInt8(ascii: "c"):
            if byte(2) == UInt8(ascii: "t") && byte(3) == UInt8(ascii: "x") {
                option = .optionContext
                length = 4
            }
        default:
            break
        }
        if let option {
            position = start + length
            return (.keyword, option)
        }
        var end = start + 1
        while end < bytes.count, bytes[end] == Byte.lowerN || bytes[end] == Byte.four || bytes[end] == Byte.six {
            end += 1
        }
        position = end > start + 1 ? end : start + 1
        return (end > start + 1 ? .resolverFlags : .illegalCharacter, nil)
    }

    private mutating func scanQuoted() -> TokenKind {
        position += 1
        while position < bytes.count {
            let b = bytes[position]
            if b == Byte.quote {
                position += 1
                return .quoted
            }
            if b == Byte.newline { newline(at: position) }
            position += 1
        }
        return .unterminatedString
    }

    /// A backslash followed by blanks and the end of a line is a line continuation (a
    /// common mistake worth naming); any other backslash is just illegal.
    private mutating func scanBackslash() -> TokenKind {
        position += 1
        var p = position
        while p < bytes.count, bytes[p] == Byte.space || bytes[p] == Byte.tab || bytes[p] == Byte.carriageReturn { p += 1 }
        return p == bytes.count || bytes[p] == Byte.newline ? .lineContinuation : .illegalCharacter
    }

    // MARK: - Policy mode

    private mutating func scanPolicyToken() -> (TokenKind, Keyword?) {
        let b = bytes[position]
        switch b {
        case Byte.semicolon: position += 1; return (.semicolon, nil)
        case Byte.slash: position += 1; return (.slash, nil)
        case Byte.leftBracket: position += 1; return (.leftBracket, nil)
        case Byte.rightBracket: position += 1; return (.rightBracket, nil)
        case Byte.hyphen: position += 1; return (.hyphen, nil)
        case Byte.plus: position += 1; return (.plus, nil)
        case Byte.backslash: return (scanBackslash(), nil)
        default:
            if Byte.isPolicyWordByte(b) { return scanPolicyWord() }
            position += 1
            return (.illegalCharacter, nil)
        }
    }

    /// `[A-Za-z0-9:._]+(%[A-Za-z0-9]+)?`; all digits is a decimal.
    private mutating func scanPolicyWord() -> (TokenKind, Keyword?) {
        let start = position
        var allDigits = true
        while position < bytes.count, Byte.isPolicyWordByte(bytes[position]) {
            if !Byte.isDigit(bytes[position]) { allDigits = false }
            position += 1
        }
        if position + 1 < bytes.count, bytes[position] == Byte.percent,
           Byte.isLetter(bytes[position + 1]) || Byte.isDigit(bytes[position + 1]) {
            position += 1
            while position < bytes.count, Byte.isLetter(bytes[position]) || Byte.isDigit(bytes[position]) { position += 1 }
            return (.word, nil)
        }
        if allDigits { return (.decimal, nil) }
        if Byte.isLetter(bytes[start]),
           let k = Keyword.lookup(bytes, start, position, mode: .policy) {
            return (.keyword, k)
        }
        return (.word, nil)
    }
}

/// ASCII bytes the lexers look at.
enum Byte {
    static let tab = UInt8(ascii: "\t")
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let quote = UInt8(ascii: "\"")
    static let hash = UInt8(ascii: "#")
    static let percent = UInt8(ascii: "%")
    static let plus = UInt8(ascii: "+")
    static let comma = UInt8(ascii: ",")
    static let hyphen = UInt8(ascii: "-")
    static let dot = UInt8(ascii: ".")
    static let slash = UInt8(ascii: "/")
    static let zero = UInt8(ascii: "0")
    static let four = UInt8(ascii: "4")
    static let six = UInt8(ascii: "6")
    static let colon = UInt8(ascii: ":")
    static let semicolon = UInt8(ascii: ";")
    static let leftBracket = UInt8(ascii: "[")
    static let backslash = UInt8(ascii: "\\")
    static let rightBracket = UInt8(ascii: "]")
    static let underscore = UInt8(ascii: "_")
    static let lowerN = UInt8(ascii: "n")
    static let lowerX = UInt8(ascii: "x")

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- zero < 10 }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- UInt8(ascii: "a") < 26 }
    /// `[A-Za-z0-9:%.-]`
    @inline(__always) static func isStatementWordByte(_ b: UInt8) -> Bool {
        inSet(b, low: 0x07ff_6020_0000_0000, high: 0x07ff_fffe_07ff_fffe)
    }
    /// `[A-Za-z0-9:._]`
    @inline(__always) static func isPolicyWordByte(_ b: UInt8) -> Bool {
        inSet(b, low: 0x07ff_4000_0000_0000, high: 0x07ff_fffe_87ff_fffe)
    }
    /// `[0-9A-Fa-f]`
    @inline(__always) static func isHexDigit(_ b: UInt8) -> Bool {
        inSet(b, low: 0x03ff_0000_0000_0000, high: 0x0000_007e_0000_007e)
    }
    /// Whether ASCII byte `b` is in the set whose bits are `low` (bytes 0-63) and `high` (64-127).
    @inline(__always) static func inSet(_ b: UInt8, low: UInt64, high: UInt64) -> Bool {
        b < 64 ? (low >> UInt64(b)) & 1 != 0 : b < 128 && (high >> UInt64(b & 63)) & 1 != 0
    }
    @inline(__always) static func hexValue(_ b: UInt8) -> UInt8? {
        if isDigit(b) { return b - zero }
        let lower = b | 0x20
        if lower >= UInt8(ascii: "a"), lower <= UInt8(ascii: "f") { return lower - UInt8(ascii: "a") + 10 }
        return nil
    }
}
