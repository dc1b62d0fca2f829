import SetkeyCore

/// A fixed set of SAs, policies and events that exercises every optional part of the output
/// formats (NAT-T, long and empty keys, unknown ids, odd modes and states, security
/// contexts, per-socket and tagged policies, kernel reqids, priorities, ports), rendered into
/// the golden files under Fixtures/golden/format.
enum GoldenVariety {
    typealias B = FormatBuilder
    static let now: Int64 = 1_733_250_071 // Tue Dec  3 18:21:11 2024 UTC
    static let created: UInt64 = 1_733_250_001

    static func state(_ s: SAState = .mature, used: UInt64 = 0, bytes: UInt64 = 0, allocations: UInt64 = 0,
                      seq: UInt32 = 0, refcnt: UInt32 = 0) -> ReportedSAState {
        ReportedSAState(state: s, current: Lifetime(allocations: allocations, bytes: bytes, addTime: created,
                                                    useTime: used),
                        sequence: seq, referenceCount: refcnt)
    }

    static let sas: [SecurityAssociation] = {
        var natt = NATTraversal(sourcePort: 4500, destinationPort: 4501)
        natt.originalAddress = B.address("192.168.0.7")
        natt.originalResponderAddress = B.address("198.51.100.9")
        var withContext = B.sa("10.0.0.1", "10.0.0.2", .esp, 0x700, mode: .transport, e: (12, "0x" + String(repeating: "42", count: 16)),
                               reported: state())
        withContext.securityContext = SecurityContext(doi: 1, algorithm: 1, context: "system_u:object_r:ipsec_spd_t:s0")
        var ported = B.sa("2001:db8::1", "2001:db8::2", .esp, 0x900, e: (3, "0x" + String(repeating: "01", count: 24)),
                          a: (3, "0x" + String(repeating: "02", count: 20)), reported: state(refcnt: 1))
        ported.sourcePort = 500
        return [
            B.sa("192.0.2.1", "192.0.2.2", .esp, 0x1000, mode: .tunnel, reqid: 5, replay: 32,
                 e: (12, "0x" + String(repeating: "00112233", count: 8)),
                 a: (7, "0x" + String(repeating: "0123456789abcdef", count: 8)),
                 hard: Lifetime(allocations: 9, bytes: 9_007_199_254_740_993, addTime: 3600, useTime: 600),
                 soft: Lifetime(allocations: 7, bytes: 18_446_744_073_709_551_615, addTime: 1800, useTime: 300),
                 natt: natt,
                 reported: state(used: created + 30, bytes: 123_456, allocations: 42, seq: 0xabc, refcnt: 2)),
            B.sa("192.0.2.2", "192.0.2.1", .ah, 0x1001, mode: .transport, a: (251, ""), reported: state()),
            B.sa("192.0.2.2", "192.0.2.1", .ipcomp, 0x1002, c: 7, reported: state(.larval)),
            B.sa("192.0.2.2", "192.0.2.1", .esp, 0x1003, e: (200, "0xa1b2c3"), reported: state(.dying)),
            B.sa("192.0.2.2", "192.0.2.1", .esp, 0x1004, e: (12, "0x" + String(repeating: "ff", count: 16)),
                 reported: state(.dead)),
            B.sa("192.0.2.3", "192.0.2.4", .esp, 0x1005, mode: .beet, e: (11, ""), a: (5, "0x" + String(repeating: "5a", count: 32)),
                 reported: state()),
            withContext,
            B.sa("192.0.2.5", "192.0.2.6", .ah, 0x800, a: (3, "0x" + String(repeating: "77", count: 20)),
                 natt: NATTraversal(), reported: state()),
            ported,
        ]
    }()

    static let policies: [SecurityPolicy] = {
        func reported(_ id: UInt32, perSocket: Bool = false, lifetimes: Bool = true) -> ReportedPolicyState {
            ReportedPolicyState(id: id, created: created, lastUsed: lifetimes ? created + 9 : 0,
                                hardLifetime: Lifetime(addTime: 120, useTime: 60), hasLifetimes: lifetimes,
                                isPerSocket: perSocket, referenceCount: 1)
        }
        var tunnel = B.policy("10.1.0.0/16", "10.2.0.0/16", .outbound, .ipsec, priority: 0x3fff_fff6,
                              ["esp/tunnel/192.0.2.1-192.0.2.2/unique#16385", "ah/transport//use"], reported: reported(25))
        tunnel.requests[0].endpoints?.sourcePort = 4500
        var tagged = B.policy("0.0.0.0/0", "0.0.0.0/0", .inbound, .none, reported: reported(40))
        tagged.tag = "mytag"
        var withContext = B.policy("10.0.0.1", "10.0.0.2", sport: 22, upper: 6, .forward, .ipsec, priority: 0,
                                   ["esp/transport//require:7"], reported: reported(42))
        withContext.securityContext = SecurityContext(doi: 1, algorithm: 1, context: "system_u:object_r:ipsec_spd_t:s0")
        return [
            tunnel,
            B.policy("192.0.2.1", "192.0.2.2", .inbound, .bypass, reported: reported(11, perSocket: true)),
            B.policy("192.0.2.1", "192.0.2.2", sport: 0x0001, dport: 0x0002, upper: 47, .outbound, .ipsec,
                     priority: 0xC000_0005, ["esp/transport//require"], reported: reported(33)),
            B.policy("fec0::1", "fec0::2", sport: 135, dport: 0, upper: 58, .outbound, .discard, reported: reported(49)),
            B.policy("fec0::1", "fec0::2/64", sport: 1, dport: 2, upper: 135, .inbound, .entrust,
                     reported: reported(56, lifetimes: false)),
            tagged,
            withContext,
            B.policy("10.9.0.0/24", "10.8.0.0/24", sport: 7, dport: 9, upper: 200, .any, .discard),
        ]
    }()

    static let events: [KeyEvent] = [
        KeyEvent(kind: .saAdded, sa: sas[1], saType: .ah, seconds: now, microseconds: 123_456, originPID: 4242),
        KeyEvent(kind: .saExpired(hard: true), sa: sas[3], saType: .esp, seconds: now + 1, microseconds: 7),
        KeyEvent(kind: .policyDeleted, policy: policies[3], seconds: now + 2, microseconds: 999_999, originPID: 1),
        KeyEvent(kind: .saFlushed, saType: .unspecified, seconds: now + 3),
        KeyEvent(kind: .other("register"), saType: .esp, seconds: now + 4, microseconds: 5),
    ]

    /// Everything a renderer can be given, in one run: a dump, a get, a policy dump, events.
    static func feed(_ r: ResultRenderer) {
        r.beginSADump()
        sas.forEach(r.sa)
        r.endSADump()
        r.getReply(sas[0])
        r.beginPolicyDump()
        policies.forEach(r.policy)
        r.endPolicyDump()
        events.forEach(r.event)
    }
}
