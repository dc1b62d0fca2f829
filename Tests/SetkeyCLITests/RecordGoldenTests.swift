// Golden files for the record backend, end to end through the built `setkey`:
// Tests/Fixtures/golden/record/NAME.conf is run with `setkey -B record -f NAME.conf`;
// NAME.log holds every request the record backend wrote (canonical setkey syntax, keys shown
// for NAME.conf, redacted for NAME.redacted.conf; the linux personality for NAME.linux.conf,
// else kame), NAME.results the exit status, the
// `The result of line N` lines of standard output and all of standard error.
//
// To regenerate after a deliberate change:
//     SETKEY_REGENERATE_GOLDEN=1 swift test --filter RecordGolden
// and review the diff before committing.
import Foundation
import Testing

@Suite struct RecordGoldenTests {
    static let folder = CommandRunner.packageRoot.appendingPathComponent("Tests/Fixtures/golden/record")
    static let inputs: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        .filter { $0.hasSuffix(".conf") }.sorted()

    /// Runs one input; returns what the record backend wrote and the results text.
    static func run(_ input: String, in dir: URL) throws -> (log: String, results: String) {
        let log = dir.appendingPathComponent("record.log")
        let conf = dir.appendingPathComponent("setkey.conf")
        let keys = input.hasSuffix(".redacted.conf") ? "redact" : "show"
        let personality = input.hasSuffix(".linux.conf") ? "linux" : "kame"
        try "backend = record\n[record]\noutput = \(log.path)\nkeys = \(keys)\npersonality = \(personality)\n"
            .write(to: conf, atomically: true, encoding: .utf8)
        let r = try CommandRunner.setkey(["--config", conf.path, "-f", input], directory: folder)
        let written = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        var results = "exit status \(r.status)\n"
        for line in r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        where line.hasPrefix("The result of line") {
            results += line + "\n"
        }
        results += r.stderr
        return (written, results)
    }

    @Test func thereAreInputs() {
        #expect(Self.inputs.count >= 5)
    }

    @Test(arguments: inputs)
    func recordedRequests(input: String) throws {
        let dir = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (log, results) = try Self.run(input, in: dir)
        let base = Self.folder.appendingPathComponent(String(input.dropLast(".conf".count)))
        let logFile = base.appendingPathExtension("log"), resultsFile = base.appendingPathExtension("results")
        if ProcessInfo.processInfo.environment["SETKEY_REGENERATE_GOLDEN"] != nil {
            try log.write(to: logFile, atomically: true, encoding: .utf8)
            try results.write(to: resultsFile, atomically: true, encoding: .utf8)
            return
        }
        #expect(log == (try String(contentsOf: logFile, encoding: .utf8)), "\(input): record log")
        #expect(results == (try String(contentsOf: resultsFile, encoding: .utf8)), "\(input): results")
    }

    /// A syntax error on line 40 of a 50-line script: nothing reaches the backend (the record
    /// log stays empty), the error names file:line:column, and the exit status is 1.
    @Test func syntaxErrorOnLine40Of50AppliesNothing() throws {
        let dir = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var script = ""
        for i in 1...50 {
            let spi = String(0x1000 + i, radix: 16)
            script += i == 40
                ? "add 192.0.2.1 192.0.2.2 esp 0x\(spi) -m transprt -E aes-cbc 0x00112233445566778899aabbccddeeff ;\n"
                : "add 192.0.2.1 192.0.2.2 esp 0x\(spi) -m transport -E aes-cbc 0x00112233445566778899aabbccddeeff ;\n"
        }
        let file = dir.appendingPathComponent("fifty.conf")
        try script.write(to: file, atomically: true, encoding: .utf8)
        let log = dir.appendingPathComponent("record.log")
        let conf = try CommandRunner.writeConfiguration("backend = record\n[record]\noutput = \(log.path)\n", in: dir)
        let r = try CommandRunner.setkey(["--config", conf.path, "-f", file.path])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("setkey: \(file.path):40:39: error: "), "\(r.stderr)")
        #expect(r.stderr.hasSuffix("setkey: 1 error in \(file.path); nothing was applied\n"), "\(r.stderr)")
        #expect(((try? String(contentsOf: log, encoding: .utf8)) ?? "") == "")
        #expect(r.stdout == "")
    }

    /// Backend checks (key sizes) are reported together with syntax errors, in source order,
    /// so one run lists every error of the script.
    @Test func keyErrorsAndSyntaxErrorsAreReportedTogether() throws {
        let dir = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("mixed.conf")
        try """
            add 192.0.2.1 192.0.2.2 esp 0x100 -E aes-cbc 0x0011 ;
            add 192.0.2.1 192.0.2.2 esp 0x101 -E no-such-cipher 0x0011 ;
            add 192.0.2.1 192.0.2.2 ah 0x102 -A hmac-sha1 0x00 ;

            """.write(to: file, atomically: true, encoding: .utf8)
        let r = try CommandRunner.setkey(["-B", "record", "-f", file.path])
        #expect(r.status == 1)
        let located = r.stderr.split(separator: "\n").filter { $0.hasPrefix("setkey: \(file.path):") }
        #expect(located.count == 3, "\(r.stderr)")
        #expect(located.first?.contains(":1:1: error: invalid key length for 'aes-cbc'") == true, "\(r.stderr)")
        #expect(located.dropFirst().first?.contains(":2:38: error: unknown encryption algorithm") == true, "\(r.stderr)")
        #expect(located.last?.contains(":3:1: error: invalid key length for 'hmac-sha1'") == true, "\(r.stderr)")
        #expect(r.stderr.hasSuffix("3 errors in \(file.path); nothing was applied\n"))
    }
}
