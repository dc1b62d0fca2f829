import Testing
@testable import SetkeyCore

/// Source text with inline location markers `1️⃣` ... `9️⃣`, removed before parsing; each
/// marks the byte where a diagnostic is expected (the style of swift-syntax's parser tests).
struct MarkedSource {
    var bytes: [UInt8] = []
    /// Marker number → byte offset in `bytes`.
    var offsets: [Int: Int] = [:]

    init(_ text: String) {
        var rest = Substring(text)
        while !rest.isEmpty {
            if let (number, length) = Self.marker(at: rest) {
                offsets[number] = bytes.count
                rest = rest.dropFirst(length)
            } else {
                bytes += Array(String(rest.first!).utf8)
                rest = rest.dropFirst()
            }
        }
    }

    private static let markers = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]

    private static func marker(at text: Substring) -> (Int, Int)? {
        for (i, m) in markers.enumerated() where text.hasPrefix(m) { return (i + 1, 1) }
        return nil
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Helpers shared by the syntax tests.
enum Syntax {
    static func parse(_ text: String, personality: Personality? = nil) -> ParseResult {
        ScriptParser.parse(Array(text.utf8), options: ParseOptions(fileName: "test.conf", personality: personality))
    }

    /// The single statement `text` holds; fails the test on any diagnostic.
    static func statement(_ text: String, personality: Personality? = nil,
                          sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Statement {
        let result = parse(text, personality: personality)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))", sourceLocation: sourceLocation)
        try #require(result.statements.count == 1, sourceLocation: sourceLocation)
        return result.statements[0].statement
    }

    static func securityAssociation(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws
        -> SecurityAssociation {
        switch try statement(text, sourceLocation: sourceLocation) {
        case .add(let sa), .update(let sa): return sa
        default:
            Issue.record("not an SA statement", sourceLocation: sourceLocation)
            throw CancellationError()
        }
    }

    static func policy(_ text: String, personality: Personality? = nil,
                       sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> SecurityPolicy {
        switch try statement(text, personality: personality, sourceLocation: sourceLocation) {
        case .spdAdd(let p), .spdUpdate(let p), .spdDelete(let p): return p
        default:
            Issue.record("not an SP statement", sourceLocation: sourceLocation)
            throw CancellationError()
        }
    }

    /// Parses `marked` and checks that its first diagnostic has `id` (and `message`, when
    /// given), `severity`, and points at marker 1️⃣.
    @discardableResult
    static func expectDiagnostic(_ marked: String, id: String, message: String? = nil,
                                 severity: DiagnosticSeverity = .error, personality: Personality? = nil,
                                 sourceLocation: Testing.SourceLocation = #_sourceLocation) -> ParseResult {
        let source = MarkedSource(marked)
        let result = ScriptParser.parse(source.bytes, options: ParseOptions(fileName: "test.conf", personality: personality))
        guard let first = result.diagnostics.first else {
            Issue.record("no diagnostic for: \(source.text)", sourceLocation: sourceLocation)
            return result
        }
        #expect(first.id == id, "\(first.description)", sourceLocation: sourceLocation)
        if let message { #expect(first.message == message, sourceLocation: sourceLocation) }
        #expect(first.severity == severity, sourceLocation: sourceLocation)
        #expect(first.location.offset == source.offsets[1], "at \(first.location) for: \(source.text)",
                sourceLocation: sourceLocation)
        return result
    }
}

func ip(_ text: String) -> IPAddress {
    guard let a = IPAddress(text) else { fatalError("bad test address \(text)") }
    return a
}

func prefix(_ text: String, _ length: UInt8? = nil) -> IPPrefix {
    IPPrefix(ip(text), length: length)
}
