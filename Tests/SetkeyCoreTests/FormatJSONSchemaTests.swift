import Foundation
import Testing
import SetkeyCore

/// Validates every JSON form the renderer writes (dumps, get replies, events, with and
/// without `--nokeys`, every personality) against Schemas/setkey-output-v1.schema.json with
/// a real JSON Schema validator (Python `jsonschema`, draft 2020-12). Skipped, with the
/// reason, when python3 or its jsonschema module is missing (CI installs it).
@Suite(.enabled(if: PythonJSONSchema.isAvailable, "python3 with the jsonschema module is not installed"))
struct FormatJSONSchemaTests {
    static let schemaPath = FormatFixtures.root + "/../../Schemas/setkey-output-v1.schema.json"

    /// Every document written for `GoldenVariety` and the Linux reference scenario.
    static func documents() -> String {
        var out = ""
        for p in Personality.allCases {
            for keys in [KeyDisplay.show, .redacted] {
                let options = FormatOptions(personality: p, keys: keys, showDead: keys == .redacted,
                                            now: GoldenVariety.now, pid: 1)
                out += FormatFixtures.render(options, make: { JSONRenderer(options: $0, sink: $1) }) { r in
                    GoldenVariety.feed(r)
                    r.beginSADump()
                    LinuxReference.saDump.forEach(r.sa)
                    r.endSADump()
                    r.beginPolicyDump()
                    LinuxReference.policyDump.forEach(r.policy)
                    r.endPolicyDump()
                    r.beginSADump()
                    r.endSADump()
                    r.beginPolicyDump()
                    r.endPolicyDump()
                }
            }
        }
        return out
    }

    @Test func everyDocumentIsValid() throws {
        let text = Self.documents()
        let lines = text.split(separator: "\n")
        #expect(lines.count == 3 * 2 * 12)
        let result = try PythonJSONSchema.validate(lines: text, schema: Self.schemaPath)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("valid \(lines.count)"), "\(result.output)")
    }

    /// Pseudo-random records with extreme values and hostile strings are valid too.
    @Test(arguments: Personality.allCases)
    func randomDocumentsAreValid(personality: Personality) throws {
        var g = FormatRobustnessTests.Generator(state: 7)
        let options = FormatOptions(personality: personality, keys: personality == .kame ? .redacted : .show,
                                    showDead: true, now: 1, pid: 1)
        let text = FormatFixtures.render(options, make: { JSONRenderer(options: $0, sink: $1) }) { r in
            r.beginSADump()
            (0..<200).forEach { _ in r.sa(FormatRobustnessTests.sa(&g)) }
            r.endSADump()
            r.beginPolicyDump()
            (0..<200).forEach { _ in r.policy(FormatRobustnessTests.policy(&g)) }
            r.endPolicyDump()
            (0..<20).forEach { _ in
                r.event(KeyEvent(kind: .policyAdded, policy: FormatRobustnessTests.policy(&g), seconds: Int64(g.next() % 4_000_000_000),
                                 microseconds: Int32(g.next() % 1_000_000), originPID: 9))
            }
        }
        let result = try PythonJSONSchema.validate(lines: text, schema: Self.schemaPath)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("valid 22"), "\(result.output)")
    }

    /// The validator is not vacuous: documents that break the schema are rejected.
    @Test(arguments: [
        #"{"schema":"setkey/2","type":"sa-dump","time":{"epochSeconds":0,"rfc3339":"1970-01-01T00:00:00Z"},"sas":[]}"#,
        #"{"schema":"setkey/1","type":"sa-dump","sas":[]}"#,
        #"{"schema":"setkey/1","type":"policy-dump","time":{"epochSeconds":0,"rfc3339":"1970-01-01T00:00:00Z"},"policies":[{"direction":"out"}]}"#,
        #"{"schema":"setkey/1","type":"event","event":"other","time":{"epochSeconds":0,"microseconds":0,"rfc3339":"1970-01-01T00:00:00.000000Z"},"saType":"esp"}"#,
    ])
    func invalidDocumentIsRejected(document: String) throws {
        let result = try PythonJSONSchema.validate(lines: document + "\n", schema: Self.schemaPath)
        #expect(result.status != 0, "accepted: \(document)")
    }
}

/// Runs Python's `jsonschema` on JSON Lines (written to a temporary file first).
enum PythonJSONSchema {
    static let isAvailable: Bool = (try? run(["-c", "import jsonschema"], input: "").status) == 0

    /// Checks the schema itself, then every line; prints `valid N` when all pass.
    static let script = """
    import json, sys
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match
    schema = json.load(open(sys.argv[1]))
    Draft202012Validator.check_schema(schema)
    v = Draft202012Validator(schema)
    n = 0
    bad = 0
    for i, line in enumerate(sys.stdin):
        if not line.strip():
            continue
        n += 1
        e = best_match(v.iter_errors(json.loads(line)))
        if e is not None:
            bad += 1
            print("line %d: %s at %s" % (i + 1, e.message[-300:], list(e.absolute_path)))
    print("valid %d" % (n - bad))
    sys.exit(1 if bad else 0)
    """

    static func validate(lines: String, schema: String) throws -> (status: Int32, output: String) {
        try run(["-c", script, schema], input: lines)
    }

    static func run(_ arguments: [String], input: String) throws -> (status: Int32, output: String) {
        let inputPath = NSTemporaryDirectory() + "setkey-json-\(UUID().uuidString).jsonl"
        try input.write(toFile: inputPath, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: inputPath) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let stdout = Pipe()
        process.standardInput = FileHandle(forReadingAtPath: inputPath)
        process.standardOutput = stdout
        process.standardError = stdout
        try process.run()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
