// Golden files for the parser: Tests/SetkeyCoreTests/Golden/NNN-topic.conf is parsed (file
// name as given, no personality); NNN-topic.out holds the statements that parsed, one per line,
// exactly as CanonicalSyntax prints them with keys shown; NNN-topic.err holds every
// diagnostic as Diagnostic.rendered(source:) prints it, and is absent when there is none.
//
// To regenerate the expected files after a deliberate change, run
//     SETKEY_REGENERATE_GOLDEN=1 swift test --filter Golden
// and review the diff before committing.
import Testing
@testable import SetkeyCore

@Suite struct GoldenTests {
    static let directory = TestFiles.directory(of: #filePath) + "/Golden"
    static let inputs = TestFiles.names(in: directory, endingWith: ".conf")

    static func expected(for input: String) -> (out: [UInt8], err: [UInt8]?) {
        let source = TestFiles.read(directory + "/" + input) ?? []
        let result = ScriptParser.parse(source, options: ParseOptions(fileName: input))
        var out = ""
        for located in result.statements { out += CanonicalSyntax.text(of: located.statement) + "\n" }
        let err = result.diagnostics.map { $0.rendered(source: source) }.joined()
        return (Array(out.utf8), err.isEmpty ? nil : Array(err.utf8))
    }

    @Test func theGoldenFolderHasInputs() {
        #expect(Self.inputs.count >= 15)
    }

    @Test(arguments: inputs)
    func golden(input: String) {
        let base = Self.directory + "/" + input.dropLast(".conf".count)
        let (out, err) = Self.expected(for: input)
        if TestFiles.environmentFlag("SETKEY_REGENERATE_GOLDEN") {
            TestFiles.write(out, to: base + ".out")
            TestFiles.write(err, to: base + ".err")
            return
        }
        let expectedOut = TestFiles.read(base + ".out")
        let expectedErr = TestFiles.read(base + ".err")
        #expect(expectedOut != nil, "\(input): no .out file (regenerate with SETKEY_REGENERATE_GOLDEN=1)")
        #expect(String(decoding: out, as: UTF8.self) == String(decoding: expectedOut ?? [], as: UTF8.self), "\(input).out")
        #expect(err.map { String(decoding: $0, as: UTF8.self) } == expectedErr.map { String(decoding: $0, as: UTF8.self) },
                "\(input).err")
    }

    /// parse(CanonicalSyntax.text(s)) == s for every statement of every golden input.
    @Test(arguments: inputs)
    func canonicalTextParsesBackToTheSameStatement(input: String) {
        let source = TestFiles.read(Self.directory + "/" + input) ?? []
        for located in ScriptParser.parse(source, options: ParseOptions(fileName: input)).statements {
            let text = CanonicalSyntax.text(of: located.statement)
            let again = ScriptParser.parse(Array(text.utf8), options: ParseOptions(fileName: "canonical"))
            #expect(!again.hasErrors, "\(text): \(again.diagnostics.map(\.description))")
            #expect(again.statements.map(\.statement) == [located.statement], "\(input):\(located.resultLine): \(text)")
        }
    }
}
