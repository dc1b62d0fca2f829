import SetkeyCore

/// Scenarios on the SPD: spdadd/spdupdate/spddelete/spdflush/spddump with ports, upper-layer
/// protocols, ICMP type/code, every action and level, tunnel endpoints, priorities, fwd.
enum PolicyScenarios {
    static func expect(_ list: PolicyExpectation...) -> PolicyDumpCheck {
        { dump, ctx throws(CheckFailure) in
            for e in list { try e.check(in: dump, ctx) }
        }
    }

    static func count(_ n: Int) -> PolicyDumpCheck {
        { dump, _ throws(CheckFailure) in try Check.equal("number of policies", dump.count, n) }
    }

    static let a = "192.0.2.1", b = "192.0.2.2"
    static let esp = RequestExpectation(.esp, .transport, level: .require)

    static var all: [Scenario] { basics + selectors + actions + requests + tables }

    static var basics: [Scenario] {
        [
            Scenario("spd-add-out", "an outbound ipsec policy is stored", steps: [
                .apply("spdadd \(a) \(b) any -P out ipsec esp/transport//require ;"),
                .dumpPolicies(expect(PolicyExpectation(a, b, direction: .outbound, action: .ipsec, requests: [esp]))),
            ]),
            Scenario("spd-add-in", "an inbound ipsec policy is stored", steps: [
                .apply("spdadd \(b) \(a) any -P in ipsec esp/transport//require ;"),
                .dumpPolicies(expect(PolicyExpectation(b, a, direction: .inbound, action: .ipsec, requests: [esp]))),
            ]),
            Scenario("spd-add-fwd", "a forward policy is its own direction", requires: [.feature(.forwardPolicies)], steps: [
                .apply("spdadd 10.1.0.0/16 10.2.0.0/16 any -P fwd ipsec esp/tunnel/\(a)-\(b)/require ;"),
                .dumpPolicies(expect(PolicyExpectation("10.1.0.0/16", "10.2.0.0/16", direction: .forward,
                                                       action: .ipsec,
                                                       requests: [RequestExpectation(.esp, .tunnel, endpoints: (a, b))]))),
            ]),
            Scenario("spd-duplicate-add", "spdadd of an existing selector and direction fails with EEXIST", steps: [
                .apply("spdadd \(a) \(b) any -P out none ;"),
                .applyFails("spdadd \(a) \(b) any -P out discard ;", .alreadyExists),
            ]),
            Scenario("spd-same-selector-both-directions", "the same selector in and out are two policies", steps: [
                .apply("spdadd \(a) \(b) any -P out none ; spdadd \(a) \(b) any -P in none ;"),
                .dumpPolicies(count(2)),
            ]),
            Scenario("spd-update-replaces", "spdupdate replaces an existing policy", steps: [
                .apply("spdadd \(a) \(b) any -P out none ;"),
                .apply("spdupdate \(a) \(b) any -P out ipsec esp/transport//require ;"),
                .dumpPolicies({ dump, ctx throws(CheckFailure) in
                    try Check.equal("number of policies", dump.count, 1)
                    try PolicyExpectation(a, b, direction: .outbound, action: .ipsec, requests: [esp]).check(in: dump, ctx)
                }),
            ]),
            Scenario("spd-update-inserts", "spdupdate of a missing policy adds it", steps: [
                .apply("spdupdate \(a) \(b) any -P out discard ;"),
                .dumpPolicies(expect(PolicyExpectation(a, b, direction: .outbound, action: .discard))),
            ]),
            Scenario("spd-delete", "spddelete removes the policy with that selector and direction", steps: [
                .apply("spdadd \(a) \(b) any -P out none ; spdadd \(a) \(b) any -P in none ;"),
                .apply("spddelete \(a) \(b) any -P out ;"),
                .dumpPolicies({ dump, ctx throws(CheckFailure) in
                    try Check.equal("number of policies", dump.count, 1)
                    try PolicyExpectation(a, b, direction: .inbound, action: PolicyAction.none).check(in: dump, ctx)
                }),
            ]),
            Scenario("spd-delete-with-policy-text", "spddelete ignores the rest of the policy text", steps: [
                .apply("spdadd \(a) \(b) any -P out ipsec esp/transport//require ;"),
                .apply("spddelete \(a) \(b) any -P out ipsec esp/transport//require ;"),
                .dumpPolicies(count(0)),
            ]),
            Scenario("spd-delete-missing", "spddelete of a missing policy fails with ENOENT", steps: [
                .applyFails("spddelete \(a) \(b) any -P out ;", .errno([.noSuchFileOrDirectory])),
            ]),
        ]
    }

    static var selectors: [Scenario] {
        [
            Scenario("spd-prefixes", "network prefixes are kept", steps: [
                .apply("spdadd 10.0.0.0/8 172.16.0.0/12 any -P out none ;"),
                .dumpPolicies(expect(PolicyExpectation("10.0.0.0/8", "172.16.0.0/12", direction: .outbound))),
            ]),
            Scenario("spd-ipv6-prefixes", "IPv6 prefixes including ::/0", steps: [
                .apply("spdadd ::/0 2001:db8::/32 any -P out none ;"),
                .dumpPolicies(expect(PolicyExpectation("::/0", "2001:db8::/32", direction: .outbound))),
            ]),
            Scenario("spd-tcp-ports", "TCP with ports", steps: [
                .apply("spdadd \(a)[1234] \(b)[80] tcp -P out none ;"),
                .dumpPolicies(expect(PolicyExpectation(a, b, sourcePort: 1234, destinationPort: 80, upper: 6,
                                                       direction: .outbound))),
            ]),
            Scenario("spd-udp-port-any", "UDP with [any] and one port", steps: [
                .apply("spdadd \(a)[any] \(b)[53] udp -P out none ;"),
                .dumpPolicies(expect(PolicyExpectation(a, b, destinationPort: 53, upper: 17, direction: .outbound))),
            ]),
            Scenario("spd-icmp-type-code", "ICMP type and code go into the ports", steps: [
                .apply("spdadd \(a) \(b) icmp 8,0 -P out none ;"),
                .dumpPolicies(expect(PolicyExpectation(a, b, sourcePort: 8, destinationPort: 0, upper: 1,
                                                       direction: .outbound))),
            ]),
            Scenario("spd-icmp6-type-code", "ICMPv6 type and code (neighbour solicitation)", steps: [
                .apply("spdadd 2001:db8::1 2001:db8::2 icmp6 135,0 -P out none ;"),
                .dumpPolicies(expect(PolicyExpectation("2001:db8::1", "2001:db8::2", sourcePort: 135, upper: 58,
                                                       direction: .outbound))),
            ]),
            Scenario("spd-upper-number", "an upper-layer protocol by number", steps: [
                .apply("spdadd \(a) \(b) 132 -P out none ;"),
                .dumpPolicies(expect(PolicyExpectation(a, b, upper: 132, direction: .outbound))),
            ]),
            Scenario("spd-ports-distinguish", "selectors differing only by port are two policies", steps: [
                .apply("spdadd \(a) \(b)[80] tcp -P out none ; spdadd \(a) \(b)[443] tcp -P out none ;"),
                .dumpPolicies(count(2)),
            ]),
        ]
    }

    static var actions: [Scenario] {
        [
            Scenario("spd-action-none", "action none (bypass IPsec)", steps: [
                .apply("spdadd \(a) \(b) any -P out none ;"),
                .dumpPolicies(expect(PolicyExpectation(a, b, direction: .outbound, action: PolicyAction.none))),
            ]),
            Scenario("spd-action-discard", "action discard", steps: [
                .apply("spdadd \(a) \(b) any -P out discard ;"),
                .dumpPolicies(expect(PolicyExpectation(a, b, direction: .outbound, action: .discard))),
            ]),
            Scenario("spd-action-entrust", "action entrust", requires: [.feature(.entrustBypass)], steps: [
                .apply("spdadd \(a) \(b) any -P out entrust ;"),
                .dumpPolicies(expect(PolicyExpectation(a, b, direction: .outbound, action: .entrust))),
            ]),
            Scenario("spd-action-bypass", "action bypass", requires: [.feature(.entrustBypass)], steps: [
                .apply("spdadd \(a) \(b) any -P out bypass ;"),
                .dumpPolicies(expect(PolicyExpectation(a, b, direction: .outbound, action: .bypass))),
            ]),
            Scenario("spd-priority", "an explicit priority is stored", requires: [.feature(.policyPriority)], steps: [
                .apply("spdadd \(a) \(b) any -P out prio def + 10 none ;"),
                .dumpPolicies(expect(PolicyExpectation(a, b, direction: .outbound, priority: 0x8000_0000 - 10))),
            ]),
            Scenario("spd-priority-bases", "prio low/high bases", requires: [.feature(.policyPriority)], steps: [
                .apply("spdadd \(a) \(b) any -P out prio low none ; spdadd \(a) \(b) any -P in priority high - 5 none ;"),
                .dumpPolicies(expect(PolicyExpectation(a, b, direction: .outbound, priority: 0xC000_0000),
                                     PolicyExpectation(a, b, direction: .inbound, priority: 0x4000_0005))),
            ]),
            Scenario("spd-priority-default", "without prio the Linux default 0x80000000 applies",
                     requires: [.feature(.policyPriority), .personality(.linux)], steps: [
                .apply("spdadd \(a) \(b) any -P out none ;"),
                .dumpPolicies(expect(PolicyExpectation(a, b, direction: .outbound, priority: 0x8000_0000))),
            ]),
        ]
    }

    static var requests: [Scenario] {
        [
            Scenario("spd-level-default", "level default (Linux reports require)", steps: [
                .apply("spdadd \(a) \(b) any -P out ipsec esp/transport//default ;"),
                .dumpPolicies(expect(PolicyExpectation(a, b, direction: .outbound, requests: [
                    RequestExpectation(.esp, .transport, level: .default)]))),
            ]),
            Scenario("spd-level-use", "level use", steps: [
                .apply("spdadd \(a) \(b) any -P out ipsec esp/transport//use ;"),
                .dumpPolicies(expect(PolicyExpectation(a, b, direction: .outbound, requests: [
                    RequestExpectation(.esp, .transport, level: .use)]))),
            ]),
            Scenario("spd-level-require", "level require", steps: [
                .apply("spdadd \(a) \(b) any -P out ipsec ah/transport//require ;"),
                .dumpPolicies(expect(PolicyExpectation(a, b, direction: .outbound, requests: [
                    RequestExpectation(.ah, .transport, level: .require)]))),
            ]),
            Scenario("spd-level-unique-reqid", "level unique:N keeps the reqid", steps: [
                .apply("spdadd \(a) \(b) any -P out ipsec esp/transport//unique:42 ;"),
                .dumpPolicies(expect(PolicyExpectation(a, b, direction: .outbound, requests: [
                    RequestExpectation(.esp, .transport, level: .unique, reqid: 42)]))),
            ]),
            Scenario("spd-tunnel-ipv4", "tunnel requests keep their endpoints", steps: [
                .apply("spdadd 10.1.0.0/24 10.2.0.0/24 any -P out ipsec esp/tunnel/\(a)-\(b)/require ;"),
                .dumpPolicies(expect(PolicyExpectation("10.1.0.0/24", "10.2.0.0/24", direction: .outbound, requests: [
                    RequestExpectation(.esp, .tunnel, endpoints: (a, b))]))),
            ]),
            Scenario("spd-tunnel-ipv6", "IPv6 tunnel endpoints", steps: [
                .apply("spdadd 2001:db8:1::/48 2001:db8:2::/48 any -P out ipsec esp/tunnel/2001:db8::1-2001:db8::2/require ;"),
                .dumpPolicies(expect(PolicyExpectation("2001:db8:1::/48", "2001:db8:2::/48", direction: .outbound,
                    requests: [RequestExpectation(.esp, .tunnel, endpoints: ("2001:db8::1", "2001:db8::2"))]))),
            ]),
            Scenario("spd-ipv4-tunnel-for-ipv6", "IPv4 tunnel endpoints for IPv6 selectors", steps: [
                .apply("spdadd 2001:db8:1::/48 2001:db8:2::/48 any -P out ipsec esp/tunnel/\(a)-\(b)/require ;"),
                .dumpPolicies(expect(PolicyExpectation("2001:db8:1::/48", "2001:db8:2::/48", direction: .outbound,
                    requests: [RequestExpectation(.esp, .tunnel, endpoints: (a, b))]))),
            ]),
            Scenario("spd-two-requests", "two requests in order (IPComp then ESP)", steps: [
                .apply("spdadd \(a) \(b) any -P out ipsec ipcomp/transport//use esp/transport//require ;"),
                .dumpPolicies(expect(PolicyExpectation(a, b, direction: .outbound, requests: [
                    RequestExpectation(.ipcomp, .transport, level: .use), esp]))),
            ]),
            Scenario("spd-esp-ah-tunnel", "ESP tunnel then AH transport", steps: [
                .apply("spdadd 10.1.0.0/24 10.2.0.0/24 any -P out ipsec esp/tunnel/\(a)-\(b)/require ah/transport//require ;"),
                .dumpPolicies(expect(PolicyExpectation("10.1.0.0/24", "10.2.0.0/24", direction: .outbound, requests: [
                    RequestExpectation(.esp, .tunnel, endpoints: (a, b)), RequestExpectation(.ah, .transport)]))),
            ]),
            Scenario("spd-ipsec-without-requests", "ipsec with no requests is accepted", steps: [
                .apply("spdadd \(a) \(b) any -P out ipsec ;"),
                .dumpPolicies(count(1)),
            ]),
        ]
    }

    static var tables: [Scenario] {
        [
            Scenario("spd-flush", "spdflush removes every policy", steps: [
                .apply("spdadd \(a) \(b) any -P out none ; spdadd \(b) \(a) any -P in none ;"),
                .apply("spdflush ;"),
                .dumpPolicies(count(0)),
            ]),
            Scenario("spd-empty-dump", "a dump of an empty SPD is empty, not an error", steps: [
                .dumpPolicies(count(0)),
            ]),
            Scenario("spd-ids-distinct", "every policy has its own id", steps: [
                .apply((1...20).map { "spdadd 10.0.0.\($0) 10.1.0.\($0) any -P out none ;" }.joined(separator: "\n")),
                .dumpPolicies({ dump, _ throws(CheckFailure) in
                    let ids = dump.compactMap { $0.reported?.id }
                    try Check.equal("number of policies", dump.count, 20)
                    try Check.equal("distinct ids", Set(ids).count, 20)
                }),
            ]),
            Scenario("spd-many", "500 policies are all stored", steps: [
                .apply((0..<500).map { "spdadd 10.\($0 / 256).\($0 % 256).1 10.200.0.1 any -P out none ;" }
                    .joined(separator: "\n")),
                .dumpPolicies(count(500)),
            ]),
            Scenario("tables-flush-sad-keeps-spd", "flush of the SAD leaves the SPD", requires: [
                .saType(.esp), SAScenarios.aesCBC, SAScenarios.sha1], steps: [
                .apply(SAScenarios.espAdd(a, b, "0x1701") + "spdadd \(a) \(b) any -P out none ;"),
                .apply("flush ;"),
                .dumpPolicies(count(1)),
                .dumpSAs(.unspecified, SAScenarios.dumpCount(0)),
            ]),
            Scenario("tables-spdflush-keeps-sad", "spdflush leaves the SAD", requires: [
                .saType(.esp), SAScenarios.aesCBC, SAScenarios.sha1], steps: [
                .apply(SAScenarios.espAdd(a, b, "0x1702") + "spdadd \(a) \(b) any -P out none ;"),
                .apply("spdflush ;"),
                .dumpSAs(.unspecified, SAScenarios.dumpCount(1)),
                .dumpPolicies(count(0)),
            ]),
        ]
    }
}
