import Testing
import SetkeyCore

/// Renders the reference scenario's SAs and SPs as a Linux kernel reports them and compares
/// with what ipsec-tools 0.9.1's setkey printed in the kernel lab, after normalising dates,
/// `diff:` and `pid=` (Fixtures/reference/README.md).
@Suite struct FormatLinuxReferenceTests {
    typealias L = LinuxReference
    static let out = "reference/setkey-ipsec-tools-0.9.1/out/"
    let linux = FormatOptions(personality: .linux, now: Int64(LinuxReference.created) + 1, pid: 487)

    func expectMatches(_ rendered: String, capture file: String, dropFirstLines: Int = 0) throws {
        var captured = try FormatFixtures.read(Self.out + file)
        if dropFirstLines > 0 {
            captured = captured.split(separator: "\n", omittingEmptySubsequences: false)
                .dropFirst(dropFirstLines).joined(separator: "\n")
        }
        let got = DumpNormaliser.reference(rendered)
        let expected = DumpNormaliser.reference(captured)
        let same = got == expected
        #expect(same, "\(file): \(firstDifference(got, expected))")
    }

    @Test(arguments: ["empty.D.stdout", "final.D.stdout"])
    func emptySADumps(file: String) throws {
        try expectMatches(FormatFixtures.dumpSAs([], linux), capture: file)
    }

    @Test(arguments: ["empty.DP.stdout", "final.DP.stdout", "after-flush.DP.stdout"])
    func emptyPolicyDumps(file: String) throws {
        try expectMatches(FormatFixtures.dumpPolicies([], linux), capture: file)
    }

    @Test(arguments: ["sa-variety.D.stdout", "sa-variety.Da.stdout", "sa-variety.D-after-spd.stdout"])
    func saVarietyDump(file: String) throws {
        try expectMatches(FormatFixtures.dumpSAs(L.saDump, linux), capture: file)
    }

    /// `-D -H`: the first line is the hex of the DUMP request (the PF_KEY layer's); the rest
    /// is the plain dump.
    @Test func saVarietyDumpAfterHexLine() throws {
        try expectMatches(FormatFixtures.dumpSAs(L.saDump, linux), capture: "sa-variety.DH.stdout", dropFirstLines: 1)
    }

    @Test func afterDeleteDump() throws {
        let remaining = L.saDump.filter { !($0.type == .esp && $0.spi.rawValue == 0x1001) }
        try expectMatches(FormatFixtures.dumpSAs(remaining, linux), capture: "after-delete.D.stdout")
    }

    @Test func afterFlushEspDump() throws {
        let remaining = L.saDump.filter { $0.type != .esp }
        try expectMatches(FormatFixtures.dumpSAs(remaining, linux), capture: "after-flush.D.stdout")
    }

    @Test(arguments: ["get.stdout", "get-stdin-c.stdout"])
    func getReplies(file: String) throws {
        let text = FormatFixtures.render(linux) { r in
            r.getReply(L.sa(0x1002, type: .esp))
            r.getReply(L.sa(0x2001, type: .ah))
        }
        try expectMatches(text, capture: file)
    }

    /// `deleteall` on Linux dumps the matching SAs first; the capture kept one dump record.
    @Test func deleteallDumpRecord() throws {
        try expectMatches(FormatFixtures.dumpSAs([L.sa(0x2001, type: .ah)], linux), capture: "delete.stdout")
    }

    @Test(arguments: ["spd-variety.DP.stdout", "spd-variety.DPN.stdout", "spd-variety.kernel-sem.DP.stdout"])
    func spdVarietyDump(file: String) throws {
        try expectMatches(FormatFixtures.dumpPolicies(L.policyDump, linux), capture: file)
    }

    @Test func afterDeletePolicyDump() throws {
        try expectMatches(FormatFixtures.dumpPolicies(L.policyDumpAfterDelete, linux), capture: "after-delete.DP.stdout")
    }

    /// `-v` output wraps the dump in PF_KEY decodes (the PF_KEY layer's); the record between
    /// them is the plain dump record.
    @Test func verboseDumpRecords() throws {
        let saCapture = try recordLines(of: "verbose.D.stdout", from: "10.1.0.1 10.1.0.2 ", through: "\tsadb_seq=")
        let sa = DumpNormaliser.reference(FormatFixtures.dumpSAs([L.verboseSA], linux))
        #expect(sa == DumpNormaliser.reference(saCapture), "\(firstDifference(sa, saCapture))")

        let spCapture = try recordLines(of: "verbose.DP.stdout", from: "10.1.0.1[any]", through: "\trefcnt=")
        let sp = DumpNormaliser.reference(FormatFixtures.dumpPolicies([L.verbosePolicy], linux))
        #expect(sp == DumpNormaliser.reference(spCapture), "\(firstDifference(sp, spCapture))")
    }

    /// `-DP -v`: every policy record sits between PF_KEY decodes; together they are the dump.
    @Test func verbosePolicyDumpRecords() throws {
        let lines = try FormatFixtures.read(Self.out + "spd-variety.DPv.stdout").split(separator: "\n")
        let plain = lines.filter { line in
            guard let c = line.first else { return false }
            return c == "\t" || c == "(" || c.isNumber || ("a"..."f").contains(c)
        }
        let captured = DumpNormaliser.reference(plain.joined(separator: "\n") + "\n")
        let ours = DumpNormaliser.reference(FormatFixtures.dumpPolicies(L.policyDump, linux))
        let same = ours == captured
        #expect(same, "spd-variety.DPv.stdout: \(firstDifference(ours, captured))")
    }

    private func recordLines(of file: String, from first: String, through last: String) throws -> String {
        let lines = try FormatFixtures.read(Self.out + file).split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.hasPrefix(first) }),
              let end = lines[start...].firstIndex(where: { $0.hasPrefix(last) }) else { return "<not found>" }
        return lines[start...end].joined(separator: "\n") + "\n"
    }
}
