#if canImport(Glibc)
import Glibc
#endif
import Testing
import SetkeyCore
@testable import SetkeyXFRM

/// The whole chain on captured kernel replies: kernel (XFRM netlink) → decoder → model →
/// the classic text renderer, compared with what ipsec-tools 0.9.1's setkey printed for the
/// same tables through PF_KEY (Tests/Fixtures/reference), after normalising dates, `diff:`
/// and `pid=`.
@Suite struct XFRMReferenceOutputTests {
    static let reference: String = {
        var path = #filePath
        for _ in 0..<2 { path = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)]) }
        return path + "/Fixtures/reference/setkey-ipsec-tools-0.9.1/out/"
    }()

    private static func render(_ options: FormatOptions, _ body: (ClassicTextRenderer) -> Void) -> String {
        setenv("TZ", "UTC", 1)
        tzset()
        let sink = StringSink()
        let r = ClassicTextRenderer(options: options, sink: sink)
        body(r)
        r.flush()
        return sink.text
    }

    /// Dates, `diff:` seconds and `pid=` numbers replaced by placeholders, line by line.
    static func normalised(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var l = String(line)
            if l.hasPrefix("\tcreated: ") {
                let rest = l.dropFirst("\tcreated: ".count).dropFirst(20)  // a date is 20 characters
                l = "\tcreated: DATE" + (rest.hasPrefix("\tcurrent: ") ? "\tcurrent: DATE" : String(rest))
            }
            if l.hasPrefix("\tdiff: "), let end = l.firstIndex(of: "(") { l = "\tdiff: N" + l[end...] }
            let parts = l.split(separator: " ", omittingEmptySubsequences: false)
            if parts.contains(where: { $0.hasPrefix("pid=") }) {
                l = parts.map { $0.hasPrefix("pid=") ? "pid=PID" : String($0) }.joined(separator: " ")
            }
            return l
        }
    }

    /// Splits a dump into records (each starts with a line that does not start with a tab).
    static func records(_ lines: [String]) -> [[String]] {
        var out = [[String]]()
        for l in lines where !l.isEmpty {
            if !l.hasPrefix("\t") && !l.hasPrefix(" ") { out.append([]) }
            out[out.count - 1].append(l)
        }
        return out
    }

    @Test func saDumpPrintsWhatIpsecToolsPrintedOnLinux() throws {
        let datagrams = try #require(Fixtures.datagrams("sa-dump-sa-variety"))
        var sas = [SecurityAssociation]()
        let c = ReplyCollector()
        c.decode = { (m) throws(BackendError) in if let sa = try XFRMBackend.decodeSA(m, now: 0) { sas.append(sa) } }
        try c.replay(datagrams)
        let created = Int64(sas.first?.reported?.current.addTime ?? 0)
        let text = Self.render(FormatOptions(personality: .linux, now: created, pid: 487)) { r in
            r.beginSADump()
            for sa in sas { r.sa(sa) }
            r.endSADump()
        }
        // XFRM refuses the IPComp SA with CPI 0x10003 that PF_KEY took: drop its record and
        // renumber sadb_seq as the kernel would have (1, 2, ..., last 0).
        let captured = try #require(Fixtures.read(Self.reference + "sa-variety.D.stdout"))
        var expected = Self.records(Self.normalised(captured)).filter { !$0.joined().contains("spi=65539(") }
        for i in expected.indices {
            let seq = i == expected.count - 1 ? 0 : i + 1
            let last = expected[i].count - 1
            expected[i][last] = "\tsadb_seq=\(seq) pid=PID refcnt=0"
        }
        let got = Self.records(Self.normalised(text))
        #expect(got.count == expected.count)
        for (g, e) in zip(got, expected) { #expect(g == e) }
    }

    @Test func policyDumpPrintsWhatIpsecToolsPrintedOnLinux() throws {
        let datagrams = try #require(Fixtures.datagrams("policy-dump-spd-variety"))
        var policies = [SecurityPolicy]()
        let c = ReplyCollector()
        c.decode = { (m) throws(BackendError) in if let p = try XFRMBackend.decodePolicy(m, now: 0) { policies.append(p) } }
        try c.replay(datagrams)
        let text = Self.render(FormatOptions(personality: .linux, pid: 506)) { r in
            r.beginPolicyDump()
            for p in policies { r.policy(p) }
            r.endPolicyDump()
        }
        let captured = try #require(Fixtures.read(Self.reference + "spd-variety.DP.stdout"))
        let got = Self.records(Self.normalised(text))
        let expected = Self.records(Self.normalised(captured))
        #expect(got.count == expected.count)
        for (g, e) in zip(got, expected) { #expect(g == e) }
    }
}
