import Testing
import SetkeyCore

/// The `-l` form (reference 4.6) with a fixed clock.
@Suite struct FormatShortFormatTests {
    typealias B = FormatBuilder
    static let now: Int64 = 1_733_250_071 // minute 21, second 11 of the hour
    static let created = UInt64(now - 70)

    func render(_ sas: [SecurityAssociation], _ p: Personality = .linux, dumps: Int = 1) -> String {
        FormatFixtures.render(FormatOptions(personality: p, now: Self.now, pid: 1),
                              make: { ShortFormatRenderer(options: $0, sink: $1) }) { r in
            for _ in 0..<dumps {
                r.beginSADump()
                sas.forEach(r.sa)
                r.endSADump()
            }
        }
    }

    static func reported(_ state: SAState = .mature, age: Int64 = 70) -> ReportedSAState {
        ReportedSAState(state: state, current: Lifetime(addTime: UInt64(now - age)))
    }

    @Test func headerMatchesTheFormatString() {
        #expect(ShortFormatRenderer.header == "time p   s spi      ltime   src -> dst\n")
    }

    @Test func emptyDump() {
        #expect(render([]) == ShortFormatRenderer.header + "No SAD entries.\n")
    }

    @Test func referenceExample() {
        let sa = B.sa("192.0.2.1", "192.0.2.2", .esp, 0x1000, reported: Self.reported())
        #expect(render([sa]) == ShortFormatRenderer.header + "2111 esp M 00001000  70/0   192.0.2.1 -> 192.0.2.2\n")
    }

    @Test func headerOnceAcrossRepeatedDumps() {
        let sa = B.sa("192.0.2.1", "192.0.2.2", .ah, 0x1, reported: Self.reported())
        let line = "2111 ah  M 00000001  70/0   192.0.2.1 -> 192.0.2.2\n"
        #expect(render([sa], dumps: 3) == ShortFormatRenderer.header + line + line + line)
    }

    @Test(arguments: [(Int64(0), UInt64(0), "   0/0  "), (999, 999, " 999/999"), (1000, 1000, " big/big"),
                      (5, 3600, "   5/big"), (-1, 0, " big/0  ")])
    func lifetimeColumn(age: Int64, hard: UInt64, column: String) {
        let sa = B.sa("1.1.1.1", "2.2.2.2", .esp, 1, hard: Lifetime(addTime: hard), reported: Self.reported(age: age))
        #expect(render([sa]).split(separator: "\n")[1] == "2111 esp M 00000001\(column) 1.1.1.1 -> 2.2.2.2")
    }

    @Test func ageIsZeroWhenCreationIsUnknown() {
        let sa = B.sa("1.1.1.1", "2.2.2.2", .esp, 1, reported: ReportedSAState(current: Lifetime(addTime: 0)))
        #expect(render([sa]).split(separator: "\n")[1] == "2111 esp M 00000001   0/0   1.1.1.1 -> 2.2.2.2")
    }

    @Test func typesStatesPortsAndBSDProtocols() {
        var ported = B.sa("fec0::1", "fec0::2", .ipcomp, 0xabcdef, reported: Self.reported(.larval))
        ported.destinationPort = 4500
        let dying = B.sa("1.1.1.1", "2.2.2.2", .esp, 2, reported: Self.reported(.dying))
        #expect(render([ported, dying]) == ShortFormatRenderer.header
            + "2111 #9  L 00abcdef  70/0   fec0::1 -> fec0::2[4500]\n"
            + "2111 esp D 00000002  70/0   1.1.1.1 -> 2.2.2.2\n")
        let limited = B.sa("1.1.1.1", "2.2.2.2", .esp, 3, hard: Lifetime(addTime: 60), soft: Lifetime(addTime: 50),
                           reported: Self.reported())
        #expect(render([dying, limited], .kame) == ShortFormatRenderer.header
            + "2111 esp D 00000002 ???/??? #255 1.1.1.1 -> #255 2.2.2.2\n"
            + "2111 esp M 00000003  70/60  #255 1.1.1.1 -> #255 2.2.2.2\n")
    }

    @Test func deadSkippedWithoutAll() {
        let dead = B.sa("1.1.1.1", "2.2.2.2", .esp, 1, reported: Self.reported(.dead))
        #expect(render([dead]) == ShortFormatRenderer.header)
    }
}
