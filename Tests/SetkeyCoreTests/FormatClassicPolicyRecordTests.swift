import Testing
import SetkeyCore

/// Line-level behaviour of the classic SP record (reference 4.2), one feature at a time.
@Suite struct FormatClassicPolicyRecordTests {
    typealias B = FormatBuilder

    func text(_ p: SecurityPolicy, _ personality: Personality = .linux, ports: Bool = false) -> String {
        FormatFixtures.dumpPolicies([p], FormatOptions(personality: personality, showPorts: ports, now: 0, pid: 7))
    }

    func lines(_ s: String) -> [String] { s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    @Test(arguments: [
        (UInt32(0x3fff_fff6), "out prio high + 10 none"), (0x4000_0000, "out prio high none"),
        (0x4000_000a, "out prio high - 10 none"), (0x5fff_ffff, "out prio high - 536870911 none"),
        (0x6000_0000, "out prio def + 536870912 none"), (0x7fff_ff9c, "out prio def + 100 none"),
        (0x8000_0000, "out prio def none"), (0x8000_0064, "out prio def - 100 none"),
        (0xA000_0000, "out prio low + 536870912 none"), (0xC000_0000, "out prio low none"),
        (0xFFFF_FFFF, "out prio low - 1073741823 none"), (0, "out none"), (1, "out prio high + 1073741823 none"),
    ])
    func priorityBuckets(value: UInt32, line: String) {
        let p = B.policy("1.1.1.1", "2.2.2.2", .outbound, .none, priority: value)
        #expect(lines(text(p))[1] == "\t" + line)
        #expect(lines(text(p, .kame))[1] == "\tout none")
    }

    @Test func missingPriorityIsTheLinuxDefault() {
        #expect(lines(text(B.policy("1.1.1.1", "2.2.2.2", .inbound, .discard)))[1] == "\tin prio def discard")
    }

    @Test(arguments: [(UInt32(1), "unique:1"), (16383, "unique:16383"), (16384, "unique#16384"),
                      (0xffff_ffff, "unique#4294967295")])
    func requestReqids(reqid: UInt32, level: String) {
        var p = B.policy("1.1.1.1", "2.2.2.2", .outbound, .ipsec, ["esp/transport//unique"])
        p.requests[0].reqid = RequestID(reqid)
        #expect(lines(text(p))[2] == "\tesp/transport//" + level)
    }

    @Test func requestEndpointsWithPorts() {
        var p = B.policy("1.1.1.1", "2.2.2.2", .outbound, .ipsec, ["esp/tunnel/10.0.0.1-10.0.0.2/require"])
        p.requests[0].endpoints?.destinationPort = 4500
        #expect(lines(text(p))[2] == "\tesp/tunnel/10.0.0.1-10.0.0.2/require")
        #expect(lines(text(p, ports: true))[2] == "\tesp/tunnel/10.0.0.1[0]-10.0.0.2[4500]/require")
        #expect(lines(text(p, .freebsd, ports: true))[2] == "\tesp/tunnel/10.0.0.1-10.0.0.2/require")
    }

    @Test func noRequestsForNonIPsecActions() {
        var p = B.policy("1.1.1.1", "2.2.2.2", .outbound, .none)
        p.requests = [B.request("esp/transport//require")]
        #expect(lines(text(p))[1] == "\tout prio def none")
        #expect(lines(text(p))[2].hasPrefix("\tspid="))
    }

    @Test(arguments: [
        (UInt8(255), "255", "255(reserved)", "any"), (58, "ipv6-icmp", "58(ipv6-icmp)", "icmp6"),
        (6, "tcp", "6(tcp)", "tcp"), (17, "udp", "17(udp)", "udp"), (1, "icmp", "1(icmp)", "icmp"),
        (47, "gre", "47(gre)", "gre"), (4, "ipencap", "4(ipv4)", "ip4"), (0, "ip", "0(hopopt)", "ip"),
        (132, "sctp", "132(sctp)", "sctp"), (250, "250", "250", "250"),
    ])
    func upperLayerNames(number: UInt8, linux: String, kame: String, freebsd: String) {
        #expect(DumpNames.upperLayer(UpperLayerProtocol(number), personality: .linux) == linux)
        #expect(DumpNames.upperLayer(UpperLayerProtocol(number), personality: .kame) == kame)
        #expect(DumpNames.upperLayer(UpperLayerProtocol(number), personality: .freebsd) == freebsd)
    }

    @Test func selectorPortsPrefixesAndTypeCode() {
        #expect(lines(text(B.policy("10.0.0.0/8", "::/0", sport: 0, dport: 80, upper: 6, .outbound, .none)))[0]
            == "10.0.0.0/8[any] ::/0[80] tcp")
        let icmp = B.policy("1.1.1.1", "2.2.2.2", sport: 8, dport: 0, upper: 1, .outbound, .none)
        #expect(lines(text(icmp))[0] == "1.1.1.1 2.2.2.2 icmp 8,0")
        #expect(lines(text(icmp, .freebsd))[0] == "1.1.1.1[8] 2.2.2.2[any] icmp")
        let icmp6 = B.policy("fe80::/10", "::/0", sport: 135, dport: 0, upper: 58, .outbound, .none)
        #expect(lines(text(icmp6, .freebsd))[0] == "fe80::/10 ::/0 icmp6 135,0")
        let anyICMP = B.policy("1.1.1.1", "2.2.2.2", upper: 1, .outbound, .none)
        #expect(lines(text(anyICMP))[0] == "1.1.1.1 2.2.2.2 icmp")
        let gre = B.policy("1.1.1.1", "2.2.2.2", sport: 0, dport: 1234, upper: 47, .outbound, .none)
        #expect(lines(text(gre))[0] == "1.1.1.1 2.2.2.2 gre 1234")
        #expect(lines(text(gre, .freebsd))[0] == "1.1.1.1[any] 2.2.2.2[1234] gre")
    }

    @Test func perSocketPolicies() {
        let p = B.policy("1.1.1.1", "2.2.2.2", .outbound, .bypass, reported: ReportedPolicyState(id: 4, isPerSocket: true))
        #expect(Array(lines(text(p))[0...1]) == ["(per-socket policy) ", "\tout(socket) prio def bypass"])
        #expect(Array(lines(text(p, .kame))[0...1]) == ["(no selector, probably per-socket policy) ", "\tout bypass"])
        let pcb = B.policy("1.1.1.1", "2.2.2.2", .inbound, .bypass, reported: ReportedPolicyState(id: 4, scope: .socket))
        #expect(lines(text(pcb, .freebsd))[0] == "(no selector, probably per-socket policy) ")
    }

    @Test func lifetimeLinesOnlyWhenReported() {
        let withLifetimes = B.policy("1.1.1.1", "2.2.2.2", .outbound, .none,
                                     reported: ReportedPolicyState(id: 9, created: 0, lastUsed: 0,
                                                                   hardLifetime: Lifetime(addTime: 3, useTime: 4),
                                                                   hasLifetimes: true, messageSequence: 5,
                                                                   messagePID: 6, referenceCount: 2))
        #expect(Array(lines(text(withLifetimes))[2...]) == [
            "\tcreated:                       lastused:                     ",
            "\tlifetime: 3(s) validtime: 4(s)", "\tspid=9 seq=5 pid=6", "\trefcnt=2", "",
        ])
    }

    @Test func freeBSDScopeLine() {
        let global = B.policy("1.1.1.1", "2.2.2.2", .outbound, .none, reported: ReportedPolicyState(id: 1))
        #expect(lines(text(global, .freebsd))[2] == "\tspid=1 seq=0 pid=7 scope=global ")
        let ifnet = B.policy("1.1.1.1", "2.2.2.2", .outbound, .none,
                             reported: ReportedPolicyState(id: 1, scope: .interface))
        #expect(lines(text(ifnet, .freebsd))[2] == "\tspid=1 seq=0 pid=7 scope=ifnet ")
        #expect(lines(text(global, .kame))[2] == "\tspid=1 seq=0 pid=7")
    }
}
