/// What a token is.
enum TokenKind: UInt8, Sendable {
    /// The end of the input.
    case endOfInput
    /// `;`: ends a statement (and the policy text).
    case semicolon
    /// `/`: prefix lengths, request parts.
    case slash
    /// `[` and `]`: ports.
    case leftBracket
    case rightBracket
    /// `-` inside a policy (endpoint separator, negative priority offset).
    case hyphen
    /// `+` inside a policy (priority offset).
    case plus
    /// A reserved word of the current mode; `Token.keyword` says which.
    case keyword
    /// Letters, digits and `: % . -` (an address, a name, an algorithm ...).
    case word
    /// `[0-9]+`.
    case decimal
    /// `0x` followed by hex digits.
    case hex
    /// `"..."`, possibly spanning lines, without escapes.
    case quoted
    /// Digits and commas with at least one comma (`135,0`).
    case numberList
    /// `-` followed by `n`, `4`, `6` (`-4`, `-n6`): resolver flags after a command word.
    case resolverFlags
    /// A byte that cannot start a token here.
    case illegalCharacter
    /// A backslash at the end of a line: a line continuation, which setkey does not have.
    case lineContinuation
    /// A `"` without its closing `"`.
    case unterminatedString
}

/// One token: its kind and where it is. The text is read from the input when needed, so
/// lexing allocates nothing; the token is kept small because it is copied at every step.
struct Token: Sendable {
    /// Byte offsets into the input: `start..<end`.
    var start: Int
    var end: Int
    /// Line and column (1-based, columns count bytes) of the first byte, clamped to 2^31-1.
    var line32: Int32
    var column32: Int32
    var kind: TokenKind
    /// The keyword when `kind == .keyword`.
    var keyword: Keyword?

    init(kind: TokenKind, keyword: Keyword? = nil, start: Int, end: Int, line: Int, column: Int) {
        self.start = start
        self.end = end
        line32 = Int32(clamping: line)
        column32 = Int32(clamping: column)
        self.kind = kind
        self.keyword = keyword
    }

    var line: Int { Int(line32) }
    var column: Int { Int(column32) }

    /// Whether it is `keyword`.
    @inline(__always) func `is`(_ keyword: Keyword) -> Bool {
        kind == .keyword && self.keyword == keyword
    }

    /// Whether it is a lexical error.
    @inline(__always) var isError: Bool {
        kind.rawValue >= TokenKind.illegalCharacter.rawValue  // the last three kinds
    }
}
