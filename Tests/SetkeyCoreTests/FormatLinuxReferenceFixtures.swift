import SetkeyCore

/// The SAs and SPs of the reference scenario (`Fixtures/reference/setkey-ipsec-tools-0.9.1/
/// input/*.conf`, run by `scenario.sh` in the kernel lab), built as the statements ask for
/// them and then turned into what a Linux kernel reports back.
enum LinuxReference {
    typealias B = FormatBuilder

    /// Creation time of every SA and SP (dates are normalised before comparing).
    static let created: UInt64 = 1_796_322_723

    /// `sa-variety.conf`, in the order the statements add the SAs.
    static let saStatements: [SecurityAssociation] = [
        B.sa("10.0.0.1", "10.0.0.2", .esp, 0x1001, mode: .transport,
             e: (3, "kamekame12341234kame1234"), a: (3, "this is the test key")),
        B.sa("10.0.0.1", "10.0.0.2", .esp, 0x1002, mode: .tunnel, reqid: 100, replay: 32,
             e: (12, "0x00112233445566778899aabbccddeeff"),
             a: (5, "0x00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"),
             hard: Lifetime(bytes: 100_000, addTime: 3600), soft: Lifetime(bytes: 50_000, addTime: 1800)),
        B.sa("10.0.0.1", "10.0.0.2", .esp, 0x1003, mode: .any,
             e: (13, "0x00112233445566778899aabbccddeeff01020304"),
             a: (7, "0x" + String(repeating: "00112233445566778899aabbccddeeff", count: 4))),
        B.sa("10.0.0.1", "10.0.0.2", .esp, 0x1004, e: (7, "kamekame"), a: (2, "this is the test")),
        B.sa("10.0.0.1", "10.0.0.2", .esp, 0x1005, e: (6, "0x00112233445566778899aabbccddeeff"),
             a: (6, "0x" + String(repeating: "00112233445566778899aabbccddeeff", count: 3))),
        B.sa("10.0.0.1", "10.0.0.2", .esp, 0x1006, e: (253, "0x00112233445566778899aabbccddeeff"),
             a: (8, "0x00112233445566778899aabbccddeeff00112233")),
        B.sa("10.0.0.1", "10.0.0.2", .esp, 0x1007, e: (22, "0x00112233445566778899aabbccddeeff"),
             a: (9, "0x00112233445566778899aabbccddeeff")),
        B.sa("10.0.0.1", "10.0.0.2", .esp, 0x1008, e: (2, "0x0011223344556677"),
             a: (3, "0x00112233445566778899aabbccddeeff00112233")),
        B.sa("10.0.0.1", "10.0.0.2", .esp, 0x1009, e: (11, ""), a: (3, "0x00112233445566778899aabbccddeeff00112233")),
        B.sa("10.0.0.1", "10.0.0.2", .esp, 0x100a,
             e: (12, "0x00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff")),
        B.sa("10.0.0.1", "10.0.0.2", .ah, 0x2001, mode: .transport, a: (3, "this is the test key")),
        B.sa("10.0.0.1", "10.0.0.2", .ah, 0x2002, mode: .tunnel, reqid: 7,
             a: (5, "0x00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff")),
        B.sa("10.0.0.1", "10.0.0.2", .ah, 0x2003, a: (9, "0x00112233445566778899aabbccddeeff")),
        B.sa("10.0.0.1", "10.0.0.2", .ipcomp, 0x3001, mode: .transport, c: 2),
        B.sa("10.0.0.1", "10.0.0.2", .ipcomp, 0x3002, flags: [.cyclicSequence, .rawCPI], c: 2),
        B.sa("fec0::10", "fec0::11", .esp, 0x10001, mode: .transport, e: (7, "kamekame"), a: (3, "this is the test key")),
        B.sa("fec0::11", "fec0::10", .ah, 0x10002, mode: .tunnel, a: (2, "this is the test")),
        B.sa("fec0::11", "fec0::10", .ipcomp, 0x10003, c: 2),
        B.sa("10.0.0.1", "10.0.0.2", .esp, 0x4001, mode: .tunnel, e: (12, "0x00112233445566778899aabbccddeeff"),
             a: (3, "0x00112233445566778899aabbccddeeff00112233"), natt: NATTraversal()),
    ]

    /// An SA as a Linux kernel reports it: mode any becomes transport, only kernel flags
    /// remain, SA addresses carry no ports, the current lifetime is always there.
    static func asReported(_ sa: SecurityAssociation) -> SecurityAssociation {
        var r = sa
        if r.mode == .any { r.mode = .transport }
        r.flags = r.flags.intersection(.linuxKernelFlags)
        r.sourcePort = 0
        r.destinationPort = 0
        r.reported = ReportedSAState(state: .mature, current: Lifetime(addTime: created), sequence: 0)
        return r
    }

    /// What `setkey -D` lists after loading `sa-variety.conf`: newest first.
    static let saDump: [SecurityAssociation] = saStatements.reversed().map(asReported)

    static func sa(_ spi: UInt32, type: SAType) -> SecurityAssociation {
        saDump.first { $0.spi.rawValue == spi && $0.type == type }!
    }

    /// `spd-variety.conf` as the kernel stores it: each `in` policy with its automatic `fwd`
    /// twin, Linux priorities, and the ids the capture shows (8k + direction).
    static let policiesAdded: [SecurityPolicy] = {
        let def: UInt32 = 0x8000_0000
        var out = [SecurityPolicy]()
        func add(_ p: SecurityPolicy, id: UInt32) {
            var p = p
            if p.priority == nil { p.priority = PolicyPriority(def) }
            p.reported = ReportedPolicyState(id: id, created: created, hasLifetimes: true, referenceCount: 2)
            out.append(p)
        }
        add(B.policy("10.0.0.1", "10.0.0.2", .outbound, .ipsec, ["esp/transport//require"]), id: 1)
        add(B.policy("10.0.0.2", "10.0.0.1", .inbound, .ipsec, ["esp/transport//require"]), id: 8)
        add(B.policy("10.0.0.2", "10.0.0.1", .forward, .ipsec, ["esp/transport//require"]), id: 18)
        add(B.policy("10.0.1.0/24", "10.0.2.0/24", .outbound, .ipsec, ["ah/tunnel/172.16.0.1-172.16.0.2/require"]), id: 25)
        add(B.policy("10.0.2.0/24", "10.0.1.0/24", .forward, .ipsec, ["esp/tunnel/172.16.0.2-172.16.0.1/unique:42"]),
            id: 34)
        add(B.policy("192.168.1.0/24", "192.168.2.0/24", dport: 80, upper: 6, .outbound, .ipsec,
                     ["esp/transport//use", "ah/transport//require"]), id: 41)
        add(B.policy("192.168.1.1", "192.168.2.2", sport: 1234, dport: 53, upper: 17, .outbound, .none,
                     priority: def - 100), id: 49)
        add(B.policy("192.168.1.1", "192.168.2.2", upper: 1, .inbound, .discard, priority: def - 10), id: 56)
        add(B.policy("192.168.1.1", "192.168.2.2", upper: 1, .forward, .discard, priority: def - 10), id: 66)
        add(B.policy("0.0.0.0/0", "0.0.0.0/0", .outbound, .ipsec, priority: 0xC000_0000, ["esp/transport//use"]), id: 73)
        add(B.policy("fec0::/64", "fec0:0:0:1::/64", dport: 110, upper: 6, .outbound, .ipsec,
                     ["esp/tunnel/fec0::1-fec0:0:0:1::1/require", "ah/transport//require"]), id: 81)
        add(B.policy("fec0::1", "fec0::2", sport: 135, dport: 0, upper: 58, .outbound, .none), id: 89)
        add(B.policy("fec0::1", "fec0::2", .inbound, .ipsec, ["ipcomp/transport//use", "esp/transport//require"]), id: 96)
        add(B.policy("fec0::1", "fec0::2", .forward, .ipsec, ["ipcomp/transport//use", "esp/transport//require"]), id: 106)
        return out
    }()

    /// What `setkey -DP` lists: newest first.
    static let policyDump: [SecurityPolicy] = policiesAdded.reversed()

    /// After `spddelete 10.0.0.1 10.0.0.2 any -P out`: one reference fewer on each.
    static let policyDumpAfterDelete: [SecurityPolicy] = policyDump.filter { $0.reported?.id != 1 }.map {
        var p = $0
        p.reported?.referenceCount = 1
        return p
    }

    /// `verbose.conf`'s SA and SP.
    static let verboseSA = asReported(B.sa("10.1.0.1", "10.1.0.2", .esp, 0x7001, mode: .transport,
                                           e: (12, "0x00112233445566778899aabbccddeeff"),
                                           a: (3, "0x00112233445566778899aabbccddeeff00112233")))
    static let verbosePolicy: SecurityPolicy = {
        var p = B.policy("10.1.0.1", "10.1.0.2", .outbound, .ipsec, priority: 0x8000_0000, ["esp/transport//require"])
        p.reported = ReportedPolicyState(id: 113, created: created, hasLifetimes: true, referenceCount: 2)
        return p
    }()
}
