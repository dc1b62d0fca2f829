import Foundation
import Testing
import SetkeyCore

/// Pins the classic text, `-l` and JSON output of `GoldenVariety` in
/// Fixtures/golden/format. To regenerate after an intended change:
///
///     SETKEY_UPDATE_GOLDEN=1 swift test --filter FormatGoldenTests
///
/// then review the diff of the golden files.
@Suite struct FormatGoldenTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let file: String
        let options: FormatOptions
        let kind: Kind
        enum Kind: Sendable { case classic, short, json }
        var testDescription: String { file }

        func render() -> String {
            FormatFixtures.render(options, make: { o, s in
                switch kind {
                case .classic: return ClassicTextRenderer(options: o, sink: s)
                case .short: return ShortFormatRenderer(options: o, sink: s)
                case .json: return JSONRenderer(options: o, sink: s)
                }
            }) { r in
                GoldenVariety.feed(r)
                if kind == .short { GoldenVariety.feed(r) }
            }
        }
    }

    static func options(_ p: Personality, ports: Bool = false, keys: KeyDisplay = .show, dead: Bool = false,
                        epoch: Bool = false) -> FormatOptions {
        FormatOptions(personality: p, showPorts: ports, keys: keys, showDead: dead, now: GoldenVariety.now, pid: 4242,
                      monitorTimestamps: epoch ? .epoch : .timeOfDay)
    }

    static let cases: [Case] = [
        Case(file: "classic.linux.txt", options: options(.linux), kind: .classic),
        Case(file: "classic.kame.txt", options: options(.kame), kind: .classic),
        Case(file: "classic.freebsd.txt", options: options(.freebsd), kind: .classic),
        Case(file: "classic.linux.ports-nokeys-all.txt",
             options: options(.linux, ports: true, keys: .redacted, dead: true, epoch: true), kind: .classic),
        Case(file: "classic.freebsd.ports-nokeys-all.txt",
             options: options(.freebsd, ports: true, keys: .redacted, dead: true), kind: .classic),
        Case(file: "short.linux.txt", options: options(.linux), kind: .short),
        Case(file: "short.kame.all.txt", options: options(.kame, dead: true), kind: .short),
        Case(file: "json.linux.jsonl", options: options(.linux), kind: .json),
        Case(file: "json.freebsd.jsonl", options: options(.freebsd), kind: .json),
        Case(file: "json.linux.nokeys-all.jsonl", options: options(.linux, keys: .redacted, dead: true), kind: .json),
    ]

    static let directory = FormatFixtures.root + "/golden/format/"

    @Test(arguments: cases)
    func golden(_ c: Case) throws {
        let text = c.render()
        let path = Self.directory + c.file
        if ProcessInfo.processInfo.environment["SETKEY_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(atPath: Self.directory, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        let same = text == expected
        #expect(same, "\(c.file): \(firstDifference(text, expected))")
    }
}
