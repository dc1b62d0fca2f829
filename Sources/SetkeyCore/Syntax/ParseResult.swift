/// A parsed statement with where it came from.
public struct LocatedStatement: Sendable, Hashable {
    /// The statement.
    public var statement: Statement
    /// From the command word up to and including the `;`.
    public var range: SourceRange
    /// The line setkey names in `The result of line N:` (the line of the `;`).
    public var resultLine: Int

    public init(statement: Statement, range: SourceRange, resultLine: Int) {
        self.statement = statement
        self.range = range
        self.resultLine = resultLine
    }
}

/// How to parse a script.
public struct ParseOptions: Sendable, Hashable {
    /// The name diagnostics print (`-f FILE`'s argument, `(stdin)` for `-c`).
    public var fileName: String
    /// The line number of the first line of the input (line mode feeds chunks).
    public var firstLine: Int
    /// The column the input starts at on its first line (a line-mode chunk may start after
    /// the `;` of the statement before it on the same line).
    public var firstColumn: Int
    /// The personality whose dialect to accept (`fwd` and priorities are Linux-only on the
    /// classic tool; nil accepts the union).
    public var personality: Personality?

    public init(fileName: String, firstLine: Int = 1, firstColumn: Int = 1, personality: Personality? = nil) {
        self.fileName = fileName
        self.firstLine = firstLine
        self.firstColumn = firstColumn
        self.personality = personality
    }
}

/// The outcome of parsing a whole input: every statement that parsed and every diagnostic.
/// When `hasErrors` is true nothing may be applied.
public struct ParseResult: Sendable {
    public var statements: [LocatedStatement]
    public var diagnostics: [Diagnostic]

    public init(statements: [LocatedStatement] = [], diagnostics: [Diagnostic] = []) {
        self.statements = statements
        self.diagnostics = diagnostics
    }

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    /// The number of errors.
    public var errorCount: Int { diagnostics.reduce(0) { $0 + ($1.severity == .error ? 1 : 0) } }
}
