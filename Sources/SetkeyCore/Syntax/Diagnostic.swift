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
    /// the offending line and a caret under the column, then the notes.
    public func rendered(source: [UInt8]?, program: String = "setkey") -> String {
        var text = "\(program): \(description)\n"
        if let source, let line = Self.line(containing: range.start.offset, in: source) {
            text += line + "\n"
            var caret = ""
            // keep tabs so the caret lines up under tab-indented text
            for (i, ch) in line.utf8.enumerated() where i < range.start.column - 1 {
                caret.append(ch == UInt8(ascii: "\t") ? "\t" : " ")
            }
            let width = max(1, min(range.end.offset - range.start.offset, line.utf8.count - (range.start.column - 1)))
            text += caret + "^" + String(repeating: "~", count: width - 1) + "\n"
        }
        for note in notes { text += "\(program): note: \(note)\n" }
        return text
    }

    static func line(containing offset: Int, in source: [UInt8]) -> String? {
        guard offset >= 0, offset <= source.count else { return nil }
        var start = min(offset, source.count)
        while start > 0, source[start - 1] != UInt8(ascii: "\n") { start -= 1 }
        var end = min(offset, source.count)
        while end < source.count, source[end] != UInt8(ascii: "\n") { end += 1 }
        return String(decoding: source[start..<end], as: UTF8.self)
    }
}
