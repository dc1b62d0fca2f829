/// How serious a diagnostic is.
public enum DiagnosticSeverity: String, Sendable, Hashable {
    /// Nothing is applied when any error is present.
    case error
    /// Printed; the statement is still applied (setkey's `WARNING:` lines).
    case warning
    /// Extra information attached to another diagnostic.
    case note
}

/// A problem found in a script or configuration file: where, how serious, a stable id and a
/// message. Prints compiler-style:
/// `setkey: file:line:col: error: message`, then the source line and a caret.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public var severity: DiagnosticSeverity
    /// A stable identifier (`unknown-algorithm`, `spi-too-large`), for tests and JSON.
    public var id: String
    /// Lower-case text, no trailing period, tokens in single quotes.
    public var message: String
    /// Where.
    public var range: SourceRange
    /// Further notes (a suggestion, the other location of a duplicate ...).
    public var notes: [String]

    public init(_ severity: DiagnosticSeverity, id: String, _ message: String, at range: SourceRange,
                notes: [String] = []) {
        self.severity = severity
        self.id = id
        self.message = message
        self.range = range
        self.notes = notes
    }

    /// The location it points at.
    public var location: SourceLocation { range.start }

    /// `file:line:col: error: message` (without the `setkey: ` prefix and source excerpt).
    public var description: String { "\(range.start): \(severity.rawValue): \(message)" }

    /// The full compiler-style text: `setkey: ` + description, then, when `source` is given,
    /// the offending line and a caret under the location, then the notes. The caret is placed
    /// by the byte offset into `source` (so a line-mode chunk that starts in the middle of a
    /// line still lines up) and counts characters, not bytes; tabs are kept.
    public func rendered(source: [UInt8]?, program: String = "setkey") -> String {
        var text = "\(program): \(description)\n"
        if let source, let (lineStart, lineEnd) = Self.lineBounds(containing: range.start.offset, in: source) {
            let offset = range.start.offset
            text += String(decoding: source[lineStart..<lineEnd], as: UTF8.self) + "\n"
            var caret = ""
            for scalar in String(decoding: source[lineStart..<offset], as: UTF8.self).unicodeScalars {
                caret.append(scalar == "\t" ? "\t" : " ")
            }
            let underlined = String(decoding: source[offset..<max(offset, min(range.end.offset, lineEnd))], as: UTF8.self)
            let width = max(1, underlined.unicodeScalars.count)
            text += caret + "^" + String(repeating: "~", count: width - 1) + "\n"
        }
        for note in notes { text += "\(program): note: \(note)\n" }
        return text
    }

    /// The bounds of the line holding byte `offset` (its newline excluded).
    static func lineBounds(containing offset: Int, in source: [UInt8]) -> (start: Int, end: Int)? {
        guard offset >= 0, offset <= source.count else { return nil }
        var start = offset
        while start > 0, source[start - 1] != UInt8(ascii: "\n") { start -= 1 }
        var end = offset
        while end < source.count, source[end] != UInt8(ascii: "\n") { end += 1 }
        return (start, end)
    }
}
