import Testing
import SetkeyCore

/// Renders SAs and SPs as FreeBSD and NetBSD kernels report them and compares with the
/// real (libreswan-sanitised) `setkey -D`/`-DP` output in Fixtures/corpus/outputs, after
/// sanitising our text the same way (SPIs, key bytes, dates, `diff:`, pids).
@Suite struct FormatBSDCorpusTests {
    typealias B = FormatBuilder
    static let now: Int64 = 1_700_000_100
    static let t0: UInt64 = 1_700_000_000
    let freebsd = FormatOptions(personality: .freebsd, now: FormatBSDCorpusTests.now, pid: 4242)
    let netbsd = FormatOptions(personality: .kame, now: FormatBSDCorpusTests.now, pid: 4242)

    func expectMatches(_ rendered: String, corpus file: String) throws {
        let captured = try FormatFixtures.read("corpus/outputs/" + file)
        let got = DumpNormaliser.libreswan(rendered)
        let same = got == captured
        #expect(same, "\(file): \(firstDifference(got, captured))")
    }

    static func state(used: Bool = false, bytes: UInt64 = 0, allocations: UInt64 = 0, sequence: UInt32 = 0,
                      refcnt: UInt32) -> ReportedSAState {
        ReportedSAState(current: Lifetime(allocations: allocations, bytes: bytes, addTime: t0,
                                          useTime: used ? t0 + 5 : 0),
                        sequence: sequence, referenceCount: refcnt)
    }

    static let aes = (UInt8(12), "0x" + String(repeating: "ab", count: 16))
    static let sha1 = (UInt8(3), "0x" + String(repeating: "cd", count: 20))

    @Test func emptySAD() throws {
        try expectMatches(FormatFixtures.dumpSAs([], freebsd), corpus: "freebsd_setkey-D_empty.txt")
    }

    @Test func emptySPD() throws {
        try expectMatches(FormatFixtures.dumpPolicies([], freebsd), corpus: "freebsd_setkey-DP_empty.txt")
    }

    @Test func freeBSDAESGCM() throws {
        let gcm = (UInt8(20), "0x" + String(repeating: "11", count: 20))
        let sas = [
            B.sa("20.1.1.1", "10.1.1.1", .esp, 0x1111, e: gcm, reported: Self.state(refcnt: 1)),
            B.sa("10.1.1.1", "20.1.1.1", .esp, 0x2222, e: gcm, reported: Self.state(refcnt: 1)),
        ]
        try expectMatches(FormatFixtures.dumpSAs(sas, freebsd), corpus: "freebsd_setkey-D_aes-gcm-16_sanitized.txt")
    }

    @Test func freeBSDExtendedSequenceNumbers() throws {
        let esn = ReportedSAState(current: Lifetime(allocations: 1, bytes: 152, addTime: Self.t0, useTime: Self.t0 + 1),
                                  sequence: 1, referenceCount: 1)
        var second = esn
        second.current.bytes = 84
        let limit = Lifetime(addTime: 28800)
        let sas = [
            B.sa("192.1.2.45", "192.1.2.23", .esp, 0xc1, reqid: 16389, replay: 8, flags: .extendedSequenceNumbers,
                 e: Self.aes, a: Self.sha1, hard: limit, soft: limit, reported: esn),
            B.sa("192.1.2.23", "192.1.2.45", .esp, 0xc2, reqid: 16389, replay: 8, flags: .extendedSequenceNumbers,
                 e: Self.aes, a: Self.sha1, hard: limit, soft: limit, reported: second),
        ]
        try expectMatches(FormatFixtures.dumpSAs(sas, freebsd), corpus: "freebsd_setkey-D_esn_sanitized.txt")
    }

    @Test func freeBSDTunnelWithReqid() throws {
        let sas = [
            B.sa("192.1.2.23", "192.1.2.45", .esp, 0xd1, mode: .tunnel, reqid: 100, e: Self.aes, a: Self.sha1,
                 reported: Self.state(refcnt: 1)),
            B.sa("192.1.2.45", "192.1.2.23", .esp, 0xd2, mode: .tunnel, reqid: 100, e: Self.aes, a: Self.sha1,
                 reported: Self.state(used: true, bytes: 136, allocations: 1, sequence: 1, refcnt: 1)),
        ]
        try expectMatches(FormatFixtures.dumpSAs(sas, freebsd), corpus: "freebsd_setkey-D_tunnel-reqid_sanitized.txt")
    }

    @Test func freeBSDGlobalScopePolicy() throws {
        let p = B.policy("10.1.1.1", "20.1.1.1", .outbound, .ipsec, ["esp/transport//use"],
                         reported: ReportedPolicyState(id: 1, referenceCount: 1))
        try expectMatches(FormatFixtures.dumpPolicies([p], freebsd), corpus: "freebsd_setkey-DP_scope-global_sanitized.txt")
    }

    @Test func freeBSDInterfaceScopePolicies() throws {
        func p(_ any: String, _ dir: PolicyDirection, _ req: String, id: UInt32) -> SecurityPolicy {
            B.policy(any, any, dir, .ipsec, [req],
                     reported: ReportedPolicyState(id: id, referenceCount: 1, scope: .interface, interfaceName: "ipsec1"))
        }
        let inbound = "esp/tunnel/192.1.2.23-192.1.2.45/unique:100"
        let outbound = "esp/tunnel/192.1.2.45-192.1.2.23/unique:100"
        let policies = [p("0.0.0.0/0", .inbound, inbound, id: 1), p("::/0", .inbound, inbound, id: 3),
                        p("0.0.0.0/0", .outbound, outbound, id: 2), p("::/0", .outbound, outbound, id: 4)]
        try expectMatches(FormatFixtures.dumpPolicies(policies, freebsd), corpus: "freebsd_setkey-DP_scope-ifnet_sanitized.txt")
    }

    @Test func netBSDRacoonTunnel() throws {
        let used = Self.state(used: true, refcnt: 0)
        let sas = [
            B.sa("192.1.2.23", "192.1.2.45", .esp, 0xe1, mode: .tunnel, replay: 4, flags: [], e: Self.aes, a: Self.sha1,
                 hard: Lifetime(addTime: 43200), soft: Lifetime(addTime: 34560), reported: used),
            B.sa("192.1.2.45", "192.1.2.23", .esp, 0xe2, mode: .tunnel, replay: 4, flags: [], e: Self.aes, a: Self.sha1,
                 hard: Lifetime(addTime: 43200), soft: Lifetime(addTime: 34560), reported: used),
        ]
        try expectMatches(FormatFixtures.dumpSAs(sas, netbsd), corpus: "netbsd_setkey-D_racoon_sanitized.txt")
    }

    @Test func netBSDRacoonPolicies() throws {
        let policies = [
            B.policy("192.0.2.0/24", "192.0.1.0/24", .inbound, .ipsec, ["esp/tunnel/192.1.2.23-192.1.2.45/require"],
                     reported: ReportedPolicyState(id: 2)),
            B.policy("192.0.1.0/24", "192.0.2.0/24", .outbound, .ipsec, ["esp/tunnel/192.1.2.45-192.1.2.23/require"],
                     reported: ReportedPolicyState(id: 1)),
        ]
        try expectMatches(FormatFixtures.dumpPolicies(policies, netbsd), corpus: "netbsd_setkey-DP_racoon_sanitized.txt")
    }

    @Test func netBSDIPCompWithESP() throws {
        let limit = Lifetime(addTime: 28800)
        func esp(_ s: String, _ d: String, bytes: UInt64) -> SecurityAssociation {
            B.sa(s, d, .esp, 0xf1, reqid: 16389, replay: 8, flags: [], e: Self.aes, a: Self.sha1, hard: limit, soft: limit,
                 reported: Self.state(used: true, bytes: bytes, allocations: 1, sequence: 1, refcnt: 0))
        }
        func ipcomp(_ s: String, _ d: String, bytes: UInt64, allocations: UInt64) -> SecurityAssociation {
            B.sa(s, d, .ipcomp, 0xf2, reqid: 16390, flags: [], c: 2, hard: limit, soft: limit,
                 reported: Self.state(used: true, bytes: bytes, allocations: allocations, refcnt: 0))
        }
        let sas = [esp("192.1.2.23", "192.1.2.45", bytes: 84), ipcomp("192.1.2.45", "192.1.2.23", bytes: 84, allocations: 1),
                   esp("192.1.2.45", "192.1.2.23", bytes: 136), ipcomp("192.1.2.23", "192.1.2.45", bytes: 0, allocations: 0)]
        try expectMatches(FormatFixtures.dumpSAs(sas, netbsd), corpus: "netbsd_setkey-D_ipcomp-esp-transport_sanitized.txt")
    }

    @Test func netBSDIPCompWithESPPolicies() throws {
        let requests = ["ipcomp/transport//require", "esp/transport//require"]
        let policies = [
            B.policy("192.1.2.23", "192.1.2.45", .inbound, .ipsec, requests, reported: ReportedPolicyState(id: 1)),
            B.policy("192.1.2.45", "192.1.2.23", .outbound, .ipsec, requests, reported: ReportedPolicyState(id: 2)),
        ]
        try expectMatches(FormatFixtures.dumpPolicies(policies, netbsd),
                          corpus: "netbsd_setkey-DP_ipcomp-esp-transport_sanitized.txt")
    }
}
