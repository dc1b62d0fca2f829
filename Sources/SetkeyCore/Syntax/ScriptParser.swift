#if canImport(Glibc)
import Glibc
#endif

/// Parses a whole setkey script into statements.
///
/// The entire input is read: every statement that parses is returned with its location, and
/// every problem becomes a diagnostic (the parser resynchronises at `;` and goes on), so a
/// script with several mistakes reports them all in one run. Statements after `exit;`
/// (`quit;`, `bye;`) are not read, as setkey stops there. Addresses must be numeric.
/// Counterpart: ipsec-tools' `parse.y` + `token.l` + libipsec's `policy_parse.y`, run over
/// the whole file before anything is sent.
public enum ScriptParser {
    /// Parses `source`.
    /// - Parameters:
    ///   - source: the script's bytes (any encoding that is ASCII-compatible).
    ///   - options: the file name for diagnostics, where the text starts, the dialect.
    /// - Returns: the statements that parsed, in order, and every diagnostic.
    public static func parse(_ source: [UInt8], options: ParseOptions) -> ParseResult {
        source.withUnsafeBufferPointer { buffer in
            var parser = Parser(bytes: buffer, options: options)
            parser.parseScript()
            return ParseResult(statements: parser.statements, diagnostics: parser.diagnostics)
        }
    }
}

/// A parse error that ends the statement it occurred in.
struct ParseFailure: Error {
    var diagnostic: Diagnostic
}

/// The recursive-descent parser over one input. Each `parse...` function starts at the
/// current `token` and leaves `token` at the first token after what it read.
struct Parser {
    var lexer: Lexer
    /// The current token.
    var token: Token
    let options: ParseOptions
    var statements: [LocatedStatement] = []
    var diagnostics: [Diagnostic] = []
    /// Where the token before the current one ended (errors at the end of the input point
    /// there, just after the last word, rather than at an empty line).
    var previousEnd = 0

    init(bytes: UnsafeBufferPointer<UInt8>, options: ParseOptions) {
        lexer = Lexer(bytes: bytes, firstLine: options.firstLine, firstColumn: options.firstColumn)
        token = Token(kind: .endOfInput, start: 0, end: 0, line: options.firstLine, column: options.firstColumn)
        self.options = options
    }

    var bytes: UnsafeBufferPointer<UInt8> { lexer.bytes }

    /// `script := statement*`, reading until the end of the input or `exit;`.
    mutating func parseScript() {
        // at most one statement per `;`: reserving that avoids copying large statements
        statements.reserveCapacity(Self.count(Byte.semicolon, in: bytes))
        while true {
            lexer.mode = .statement
            let before = lexer.position
            previousEnd = token.end
            token = lexer.next()
            if token.kind == .endOfInput { break }
            // every token consumes at least one byte, so each round makes progress
            precondition(lexer.position > before, "parser made no progress")
            do throws(ParseFailure) {
                if token.isError { throw lexicalFailure(token) }
                if try parseStatement() { break }
            } catch {
                diagnostics.append(error.diagnostic)
                recover()
            }
        }
    }

    /// How many times `byte` occurs in `bytes` (with `memchr`, which is vectorised).
    static func count(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard var p = UnsafeRawPointer(bytes.baseAddress) else { return 0 }
        let end = p + bytes.count
        var n = 0
        while p < end, let found = memchr(p, Int32(byte), end - p) {
            n += 1
            p = UnsafeRawPointer(found) + 1
        }
        return n
    }

    /// Skips to the `;` that ends the broken statement (or the end of the input), following
    /// setkey's switch into policy text after `-P`. Errors in the skipped text are not reported.
    mutating func recover() {
        while token.kind != .semicolon && token.kind != .endOfInput {
            if token.is(.optionPolicy) { lexer.mode = .policy }
            token = lexer.next()
        }
    }

    /// `statement := command operands ';'`; returns true for `exit`.
    mutating func parseStatement() throws(ParseFailure) -> Bool {
        let first = token
        guard token.kind == .keyword, let command = token.keyword, command.rawValue <= Keyword.bye.rawValue,
              command != .tagged else {
            if token.kind == .word { throw fail(.unknownCommand(text(token)), at: token) }
            throw fail(.expectedCommand(found: describe(token)), at: token)
        }
        try advance()
        let statement: Statement
        switch command {
        case .add: statement = .add(try parseSecurityAssociation(command: first))
        case .update: statement = .update(try parseSecurityAssociation(command: first))
        case .get: statement = .get(try parseSAIdentity(command: first))
        case .delete: statement = .delete(try parseSAIdentity(command: first))
        case .deleteall: statement = try parseDeleteAll()
        case .flush: statement = .flush(try parseOptionalSAType())
        case .dump: statement = .dump(try parseOptionalSAType())
        case .spdadd: statement = .spdAdd(try parsePolicyStatement(command: first))
        case .spdupdate: statement = .spdUpdate(try parsePolicyStatement(command: first))
        case .spddelete: statement = .spdDelete(try parsePolicyStatement(command: first))
        case .spdflush: statement = .spdFlush
        case .spddump: statement = .spdDump
        default: statement = .exit
        }
        try expectSemicolon()
        statements.append(LocatedStatement(statement: consume statement, range: range(from: first, to: token),
                                           resultLine: token.line))
        return command.rawValue >= Keyword.exit.rawValue
    }

    // MARK: - Tokens

    /// Moves to the next token; a lexical error ends the statement.
    mutating func advance() throws(ParseFailure) {
        previousEnd = token.end
        token = lexer.next()
        if token.isError { throw lexicalFailure(token) }
    }

    /// The current token must be `;` (it stays current: the statement ends there).
    mutating func expectSemicolon() throws(ParseFailure) {
        guard token.kind == .semicolon else {
            if token.kind == .endOfInput { throw fail(.unterminatedStatement(), at: token) }
            throw fail(.expectedSemicolon(found: describe(token)), at: token)
        }
    }

    /// The current token must be `kind`; moves past it.
    mutating func expect(_ kind: TokenKind, _ what: String) throws(ParseFailure) {
        guard token.kind == kind else { throw expected(what) }
        try advance()
    }

    /// Whether the current token is `keyword`; moves past it when it is.
    mutating func consume(_ keyword: Keyword) throws(ParseFailure) -> Bool {
        guard token.is(keyword) else { return false }
        try advance()
        return true
    }

    /// The text of a token.
    func text(_ t: Token) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[t.start..<t.end]), as: UTF8.self)
    }

    /// The bytes of a token.
    func slice(_ t: Token) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[t.start..<t.end])
    }

    /// A token for messages: `'text'` (shortened, control bytes escaped) or `end of input`.
    func describe(_ t: Token) -> String {
        if t.kind == .endOfInput { return "end of input" }
        var shown = ""
        var count = 0
        for b in slice(t) {
            if count == 32 { shown += "..."; break }
            if b < 0x20 || b == 0x7f { shown += b == Byte.newline ? "\\n" : "\\x" + String(b, radix: 16) }
            else { shown.unicodeScalars.append(Unicode.Scalar(b)) }
            count += 1
        }
        return "'" + shown + "'"
    }

    // MARK: - Locations and diagnostics

    func location(_ t: Token) -> SourceLocation {
        SourceLocation(file: options.fileName, line: t.line, column: t.column, offset: t.start)
    }

    /// The location just after a token (a quoted string may span lines).
    func endLocation(_ t: Token) -> SourceLocation {
        var line = t.line
        var column = t.column + (t.end - t.start)
        var offset = t.start
        while offset < t.end {
            if bytes[offset] == Byte.newline {
                line += 1
                column = t.end - offset
            }
            offset += 1
        }
        return SourceLocation(file: options.fileName, line: line, column: column, offset: t.end)
    }

    func range(_ t: Token) -> SourceRange {
        SourceRange(start: location(t), end: endLocation(t))
    }

    func range(from a: Token, to b: Token) -> SourceRange {
        SourceRange(start: location(a), end: endLocation(b))
    }

    func fail(_ message: DiagnosticMessage, at t: Token) -> ParseFailure {
        if t.kind == .endOfInput && previousEnd > 0 {
            let end = location(atOffset: previousEnd)
            return ParseFailure(diagnostic: Diagnostic(.error, id: message.id, message.text, at: SourceRange(end)))
        }
        return ParseFailure(diagnostic: Diagnostic(.error, id: message.id, message.text, at: range(t)))
    }

    /// The location of a byte offset, counted from the start of the input (error path only).
    func location(atOffset offset: Int) -> SourceLocation {
        var line = options.firstLine
        var column = options.firstColumn
        for b in UnsafeBufferPointer(rebasing: bytes[0..<min(offset, bytes.count)]) {
            if b == Byte.newline {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return SourceLocation(file: options.fileName, line: line, column: column, offset: offset)
    }

    func fail(_ message: DiagnosticMessage, from a: Token, to b: Token) -> ParseFailure {
        ParseFailure(diagnostic: Diagnostic(.error, id: message.id, message.text, at: range(from: a, to: b)))
    }

    /// "expected WHAT, found TOKEN" at the current token (or the lexical error it is).
    func expected(_ what: String) -> ParseFailure {
        if token.isError { return lexicalFailure(token) }
        return fail(.expected(what, found: describe(token)), at: token)
    }

    mutating func warn(_ message: DiagnosticMessage, at t: Token) {
        diagnostics.append(Diagnostic(.warning, id: message.id, message.text, at: range(t)))
    }

    func lexicalFailure(_ t: Token) -> ParseFailure {
        switch t.kind {
        case .lineContinuation: return fail(.lineContinuation(), at: t)
        case .unterminatedString: return fail(.unterminatedString(), at: t)
        default:
            let b = bytes[t.start]
            if b >= 0x21 && b < 0x7f { return fail(.illegalCharacter("'" + text(t) + "'"), at: t) }
            return fail(.unexpectedByte(b), at: t)
        }
    }
}
