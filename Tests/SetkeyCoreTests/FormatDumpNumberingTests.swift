import Testing
import SetkeyCore

/// `sadb_seq=` / `seq=` numbering of dump records when the backend did not report it:
/// Linux 1, 2, ..., 0; BSD N-1 ... 0 (reference 4, general rules).
@Suite struct FormatDumpNumberingTests {
    typealias B = FormatBuilder

    static func sas(_ n: Int, dead: Set<Int> = [], reported: [Int: UInt32] = [:]) -> [SecurityAssociation] {
        (0..<n).map { i in
            var state = ReportedSAState(state: dead.contains(i) ? .dead : .mature)
            state.messageSequence = reported[i]
            return B.sa("1.1.1.1", "2.2.2.2", .esp, UInt32(0x100 + i), reported: state)
        }
    }

    func sequences(_ sas: [SecurityAssociation], _ p: Personality, all: Bool = false) -> [String] {
        FormatFixtures.dumpSAs(sas, FormatOptions(personality: p, showDead: all, now: 0, pid: 1))
            .split(separator: "\n").filter { $0.hasPrefix("\tsadb_seq=") }
            .map { String($0.dropFirst("\tsadb_seq=".count).prefix { $0 != " " }) }
    }

    @Test(arguments: [(0, [String]()), (1, ["0"]), (2, ["1", "0"]), (5, ["1", "2", "3", "4", "0"])])
    func linux(count: Int, expected: [String]) {
        #expect(sequences(Self.sas(count), .linux) == expected)
    }

    @Test(arguments: [(0, [String]()), (1, ["0"]), (2, ["1", "0"]), (5, ["4", "3", "2", "1", "0"])])
    func bsd(count: Int, expected: [String]) {
        #expect(sequences(Self.sas(count), .kame) == expected)
        #expect(sequences(Self.sas(count), .freebsd) == expected)
    }

    @Test func deadRecordsKeepTheirNumberButAreNotPrinted() {
        #expect(sequences(Self.sas(3, dead: [2]), .linux) == ["1", "2"])
        #expect(sequences(Self.sas(3, dead: [2]), .linux, all: true) == ["1", "2", "0"])
        #expect(sequences(Self.sas(3, dead: [0]), .kame) == ["1", "0"])
    }

    @Test func reportedNumbersWin() {
        #expect(sequences(Self.sas(3, reported: [0: 7, 1: 8, 2: 9]), .linux) == ["7", "8", "9"])
        #expect(sequences(Self.sas(3, reported: [0: 7, 1: 8, 2: 9]), .kame) == ["7", "8", "9"])
        #expect(sequences(Self.sas(3, reported: [1: 40]), .linux) == ["1", "40", "0"])
    }

    @Test func onlyDeadSAsPrintNothingNotNoEntries() {
        let text = FormatFixtures.dumpSAs(Self.sas(2, dead: [0, 1]), FormatOptions(now: 0, pid: 1))
        #expect(text == "")
    }

    @Test func policiesAreNumberedLikeSAs() {
        let policies = (0..<3).map { B.policy("1.1.1.1", "2.2.2.2", .outbound, .none,
                                              reported: ReportedPolicyState(id: UInt32($0))) }
        func seqs(_ p: Personality) -> [String] {
            FormatFixtures.dumpPolicies(policies, FormatOptions(personality: p, now: 0, pid: 1))
                .split(separator: "\n").filter { $0.hasPrefix("\tspid=") }.map { String($0.split(separator: " ")[1]) }
        }
        #expect(seqs(.linux) == ["seq=1", "seq=2", "seq=0"])
        #expect(seqs(.kame) == ["seq=2", "seq=1", "seq=0"])
    }

    @Test func consecutiveDumpsStartOver() {
        let text = FormatFixtures.render(FormatOptions(now: 0, pid: 1)) { r in
            for _ in 0..<2 {
                r.beginSADump()
                Self.sas(2).forEach(r.sa)
                r.endSADump()
            }
        }
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("\tsadb_seq=") }.map { $0.prefix(11) }
            == ["\tsadb_seq=1", "\tsadb_seq=0", "\tsadb_seq=1", "\tsadb_seq=0"])
    }
}
