import Testing
@testable import SetkeyCore

/// SP statements: selectors, upper-layer protocols and the policy text after `-P`.
@Suite struct ParserPolicyTests {
    @Test func spdaddWithPrefixesPortsAndATunnelRequest() throws {
        let p = try Syntax.policy("""
            spdadd 10.0.11.41/32[21] 10.0.11.0 / 24 [any] any
                -P out ipsec esp/tunnel/192.168.0.1-192.168.1.2/require ;
            """)
        #expect(p.selector == PolicySelector(source: prefix("10.0.11.41", 32), destination: prefix("10.0.11.0", 24),
                                             sourcePort: 21, destinationPort: 0, upperLayer: .any))
        #expect(p.direction == .outbound)
        #expect(p.action == .ipsec)
        #expect(p.priority == nil)
        #expect(p.requests == [IPsecRequest(proto: .esp, mode: .tunnel,
                                            endpoints: TunnelEndpoints(source: ip("192.168.0.1"), destination: ip("192.168.1.2")),
                                            level: .require)])
    }

    @Test func spdupdateAndSpddelete() throws {
        guard case .spdUpdate = try Syntax.statement("spdupdate 10.0.0.1 10.0.0.2 any -P out ipsec esp/transport//require;")
        else { Issue.record("not spdupdate"); return }
        let bare = try Syntax.statement("spddelete fec0:0:0:1::/64 fec0:0:0:2::/64 any -P out;")
        guard case .spdDelete(let p) = bare else { Issue.record("not spddelete"); return }
        #expect(p.direction == .outbound && p.action == .discard && p.requests.isEmpty)
        let full = try Syntax.policy("spddelete 10.99.99.7/32[any] 0.0.0.0/0[any] any -P out ipsec esp/tunnel/192.168.1.10[4500]-203.0.113.5[4500]/require;")
        #expect(full.requests.first?.endpoints?.sourcePort == 4500)
    }

    @Test func bareDirectionNeedsAnActionOutsideSpddelete() {
        Syntax.expectDiagnostic("spdadd ::1 ::2 any -P out1️⃣;", id: "policy-needs-action", message: "policy needs an action ('ipsec', 'none', 'discard' ...)")
        Syntax.expectDiagnostic("spdupdate ::1 ::2 any -P in 1️⃣;", id: "policy-needs-action")
    }

    @Test(arguments: [("any", UInt8(255)), ("tcp", 6), ("udp", 17), ("icmp", 1), ("icmp6", 58), ("ipv6-icmp", 58),
                      ("gre", 47), ("ip4", 4), ("ipencap", 4), ("0", 0), ("50", 50), ("255", 255)])
    func upperLayerProtocols(text: String, number: UInt8) throws {
        #expect(try Syntax.policy("spdadd ::1 ::2 \(text) -P out none;").selector.upperLayer == UpperLayerProtocol(number))
    }

    @Test(.enabled(if: SystemDatabasesProbe.hasOSPFProtocol, "needs 'ospf' in the protocol database"))
    func otherUpperLayerNamesComeFromTheProtocolDatabase() throws {
        #expect(try Syntax.policy("spdadd ::1 ::2 ospf -P out none;").selector.upperLayer == UpperLayerProtocol(89))
    }

    @Test func upperLayerErrors() {
        Syntax.expectDiagnostic("spdadd ::1 ::2 1️⃣esp -P out none;", id: "upper-layer-keyword",
                                message: "'esp' cannot be an upper-layer protocol; write '50'")
        Syntax.expectDiagnostic("spdadd ::1 ::2 1️⃣256 -P out none;", id: "out-of-range")
        Syntax.expectDiagnostic("spdadd ::1 ::2 1️⃣no-such-protocol -P out none;", id: "unknown-upper-layer")
        Syntax.expectDiagnostic("spdadd ::1 ::2 1️⃣tunnel -P out none;", id: "expected")
    }

    @Test func freeBSDDialectAcceptsEspAsUpperLayer() throws {
        let p = try Syntax.policy("spdadd ::1 ::2 esp -P out none;", personality: .freebsd)
        #expect(p.selector.upperLayer == UpperLayerProtocol(50))
    }

    @Test func icmpTypeAndCodeGoIntoThePorts() throws {
        let both = try Syntax.policy("spdadd ::/0 ::/0 icmp6 135,0 -P in none ;")
        #expect((both.selector.sourcePort, both.selector.destinationPort) == (135, 0))
        let typeOnly = try Syntax.policy("spdadd 0.0.0.0/0 0.0.0.0/0 icmp 8 -P in none ;")
        #expect((typeOnly.selector.sourcePort, typeOnly.selector.destinationPort) == (8, 0))
        let mh = try Syntax.policy("spdadd ::/0 ::/0 135 1,2 -P in none ;")
        #expect((mh.selector.sourcePort, mh.selector.destinationPort) == (1, 2))
        Syntax.expectDiagnostic("spdadd ::/0 ::/0 icmp6 1️⃣300,1 -P in none ;", id: "invalid-upper-layer-spec")
        Syntax.expectDiagnostic("spdadd ::/0 ::/0 icmp6 1️⃣1,2,3 -P in none ;", id: "invalid-upper-layer-spec")
        Syntax.expectDiagnostic("spdadd ::/0 ::/0 icmp6 1️⃣,1 -P in none ;", id: "invalid-upper-layer-spec")
        Syntax.expectDiagnostic("spdadd ::/0[5] ::/0 icmp6 1️⃣1,1 -P in none ;", id: "ports-with-upper-layer-spec")
    }

    @Test func greKeysSplitOverThePorts() throws {
        let number = try Syntax.policy("spdadd 0.0.0.0/0 0.0.0.0/0 gre 1234 -P out none;")
        #expect((number.selector.sourcePort, number.selector.destinationPort) == (0, 1234))
        let big = try Syntax.policy("spdadd 0.0.0.0/0 0.0.0.0/0 gre 4294967295 -P out none;")
        #expect((big.selector.sourcePort, big.selector.destinationPort) == (0xffff, 0xffff))
        let dotted = try Syntax.policy("spdadd 0.0.0.0/0 0.0.0.0/0 gre 1.2.3.4 -P out none;")
        #expect((dotted.selector.sourcePort, dotted.selector.destinationPort) == (0x0102, 0x0304))
        Syntax.expectDiagnostic("spdadd 0.0.0.0/0 0.0.0.0/0 gre 1️⃣4294967296 -P out none;", id: "invalid-upper-layer-spec")
    }

    @Test func upperLayerSpecOnOtherProtocolsIsRejected() {
        Syntax.expectDiagnostic("spdadd ::1 ::2 tcp 1️⃣80 -P out none;", id: "upper-layer-spec-not-allowed")
        Syntax.expectDiagnostic("spdadd ::1 ::2 any 1️⃣1,2 -P out none;", id: "upper-layer-spec-not-allowed")
    }

    @Test func securityContextOnAPolicy() throws {
        let p = try Syntax.policy("spdadd 10.0.11.41 10.0.11.33 any -ctx 1 1 \"system_u:system_r:unconfined_t\" -P out ipsec esp/transport//require ;")
        #expect(p.securityContext == SecurityContext(doi: 1, algorithm: 1, context: "system_u:system_r:unconfined_t"))
        #expect(try Syntax.policy("spdadd ::1 ::2 any -ctx 0 0 \"\" -P out none;").securityContext == nil)
    }

    @Test func taggedPolicies() throws {
        let p = try Syntax.policy("spdadd tagged \"GREEN\" -P out ipsec esp/transport//require;")
        #expect(p.tag == "GREEN")
        #expect(p.selector == Parser.taggedSelector)
        guard case .spdUpdate = try Syntax.statement("spdupdate tagged \"x\" -P in none;") else { Issue.record(); return }
        Syntax.expectDiagnostic("spdadd tagged 1️⃣\"\" -P out none;", id: "invalid-tag")
        Syntax.expectDiagnostic("spdadd tagged 1️⃣\"\(String(repeating: "t", count: 64))\" -P out none;", id: "invalid-tag")
        Syntax.expectDiagnostic("spddelete 1️⃣tagged \"x\" -P out;", id: "expected")
    }

    @Test(arguments: [
        ("prio 10", UInt32(0x7fff_fff6)), ("priority 0", 0x8000_0000), ("prio -10", 0x8000_000a), ("prio - 10", 0x8000_000a),
        ("prio 2147483648", 0), ("prio - 2147483647", 0xffff_ffff), ("prio def", 0x8000_0000), ("prio low", 0xc000_0000),
        ("prio high", 0x4000_0000), ("prio def + 10", 0x7fff_fff6), ("prio low - 5", 0xc000_0005),
        ("prio high + 1073741824", 0), ("prio low - 1073741823", 0xffff_ffff),
    ])
    func priorities(text: String, value: UInt32) throws {
        #expect(try Syntax.policy("spdadd ::1 ::2 any -P out \(text) none;").priority == PolicyPriority(value))
    }

    @Test func priorityRanges() {
        Syntax.expectDiagnostic("spdadd ::1 ::2 any -P out prio 1️⃣2147483649 none;", id: "priority-offset-out-of-range")
        Syntax.expectDiagnostic("spdadd ::1 ::2 any -P out prio - 1️⃣2147483648 none;", id: "priority-offset-out-of-range")
        Syntax.expectDiagnostic("spdadd ::1 ::2 any -P out prio high + 1️⃣1073741825 none;", id: "priority-offset-out-of-range")
        Syntax.expectDiagnostic("spdadd ::1 ::2 any -P out prio low - 1️⃣1073741824 none;", id: "priority-offset-out-of-range")
        Syntax.expectDiagnostic("spdadd ::1 ::2 any -P out prio 1️⃣default none;", id: "expected")
        Syntax.expectDiagnostic("spdadd ::1 ::2 any -P out prio def + 1️⃣none;", id: "expected")
    }

    @Test(arguments: [("discard", PolicyAction.discard), ("none", .none), ("ipsec", .ipsec), ("entrust", .entrust),
                      ("bypass", .bypass)])
    func actions(word: String, action: PolicyAction) throws {
        #expect(try Syntax.policy("spdadd ::1 ::2 any -P in \(word);").action == action)
    }

    @Test func directions() throws {
        #expect(try Syntax.policy("spdadd ::1 ::2 any -P in none;").direction == .inbound)
        #expect(try Syntax.policy("spdadd ::1 ::2 any -P fwd none;").direction == .forward)
        Syntax.expectDiagnostic("spdadd ::1 ::2 any -P 1️⃣any none;", id: "expected")
    }

    @Test func ipsecWithoutRequestsIsAccepted() throws {
        #expect(try Syntax.policy("spdadd ::1 ::2 any -P out ipsec;").requests.isEmpty)
    }

    @Test(arguments: [
        ("esp/transport", IPsecRequest(proto: .esp, mode: .transport)),
        ("esp/transport/", IPsecRequest(proto: .esp, mode: .transport)),
        ("ah/transport//require", IPsecRequest(proto: .ah, mode: .transport, level: .require)),
        ("ipcomp/transport//use", IPsecRequest(proto: .ipcomp, mode: .transport, level: .use)),
        ("esp/transport//default", IPsecRequest(proto: .esp, mode: .transport, level: .default)),
        ("esp/transport//unique", IPsecRequest(proto: .esp, mode: .transport, level: .unique)),
        ("esp/transport//unique:28000", IPsecRequest(proto: .esp, mode: .transport, level: .unique, reqid: RequestID(28000))),
        ("esp/tunnel/::1-::2", IPsecRequest(proto: .esp, mode: .tunnel,
                                            endpoints: TunnelEndpoints(source: ip("::1"), destination: ip("::2")))),
        ("esp/tunnel/::1-::2/", IPsecRequest(proto: .esp, mode: .tunnel,
                                             endpoints: TunnelEndpoints(source: ip("::1"), destination: ip("::2")))),
        ("esp / tunnel / ::1 - ::2 / use", IPsecRequest(proto: .esp, mode: .tunnel,
                                                        endpoints: TunnelEndpoints(source: ip("::1"), destination: ip("::2")),
                                                        level: .use)),
        ("esp/tunnel/::1[4500]-::2 [30000]/require",
         IPsecRequest(proto: .esp, mode: .tunnel,
                      endpoints: TunnelEndpoints(source: ip("::1"), destination: ip("::2"), sourcePort: 4500, destinationPort: 30000),
                      level: .require)),
        ("esp/transport/10.0.0.1-10.0.0.2/require",
         IPsecRequest(proto: .esp, mode: .transport,
                      endpoints: TunnelEndpoints(source: ip("10.0.0.1"), destination: ip("10.0.0.2")), level: .require)),
        ("esp/transport/me-any/require", IPsecRequest(proto: .esp, mode: .transport, level: .require)),
    ])
    func requests(text: String, request: IPsecRequest) throws {
        #expect(try Syntax.policy("spdadd ::1 ::2 any -P out ipsec \(text) ;").requests == [request])
    }

    @Test func severalRequestsAcrossLines() throws {
        let p = try Syntax.policy("""
            spdadd fec0:0:0:1::/64 fec0:0:0:2::/64 any -P out ipsec
            \tesp/tunnel/fec0:0:0:1::1-fec0:0:0:2::1/require   # the outer one
            \tah/transport//require ;
            """)
        #expect(p.requests.map(\.proto) == [.esp, .ah])
        let result = Syntax.parse("spdadd ::1 ::2 any -P out ipsec\n esp/transport//require\n ;")
        #expect(result.statements.first?.resultLine == 3)
    }

    @Test func anyMeOnlyInbound() throws {
        #expect(try Syntax.policy("spdadd ::1 ::2 any -P in ipsec esp/transport/any-me/use;").requests.first?.endpoints == nil)
        Syntax.expectDiagnostic("spdadd ::1 ::2 any -P in ipsec esp/transport/1️⃣me-any/use;", id: "invalid-endpoint-direction",
                                message: "'me-any' can only be used in an 'out' policy")
        Syntax.expectDiagnostic("spdadd ::1 ::2 any -P fwd ipsec esp/transport/1️⃣any-me/use;", id: "invalid-endpoint-direction")
    }

    @Test func requestErrors() {
        Syntax.expectDiagnostic("spdadd ::1 ::2 any -P out ipsec 1️⃣esp;", id: "request-needs-mode")
        Syntax.expectDiagnostic("spdadd ::1 ::2 any -P out ipsec 1️⃣esp/;", id: "request-needs-mode")
        Syntax.expectDiagnostic("spdadd ::1 ::2 any -P out ipsec esp/1️⃣any;", id: "expected")
        Syntax.expectDiagnostic("spdadd ::1 ::2 any -P out ipsec 1️⃣esp/tunnel//require;", id: "tunnel-needs-endpoints")
        Syntax.expectDiagnostic("spdadd ::1 ::2 any -P out ipsec 1️⃣esp/tunnel/me-any/require;", id: "tunnel-needs-endpoints")
        Syntax.expectDiagnostic("spdadd ::1 ::2 any -P out ipsec esp/tunnel/1️⃣10.0.0.1-::2/require;", id: "endpoint-family-mismatch")
        Syntax.expectDiagnostic("spdadd ::1 ::2 any -P out ipsec esp/transport//1️⃣;", id: "expected")
        Syntax.expectDiagnostic("spdadd ::1 ::2 any -P out ipsec esp/transport//1️⃣unique:99999999999;", id: "out-of-range")
        Syntax.expectDiagnostic("spdadd ::1 ::2 any -P out ipsec esp/transport/1️⃣require;", id: "expected")
        Syntax.expectDiagnostic("spdadd ::1 ::2 any -P out ipsec esp/tunnel/1️⃣gateway-::2/require;", id: "not-numeric-address")
        Syntax.expectDiagnostic("spdadd ::1 ::2 any -P out ipsec esp/tunnel/::1[1️⃣70000]-::2/require;", id: "out-of-range")
        Syntax.expectDiagnostic("spdadd ::1 ::2 any -P out none 1️⃣esp/transport//require;", id: "requests-need-ipsec")
        Syntax.expectDiagnostic("spdadd ::1 ::2 any -P out ipsec esp/transport//require 1️⃣foo;", id: "expected")
    }

    @Test func missingPolicy() {
        Syntax.expectDiagnostic("spdadd 0.0.0.0 0.0.0.0 gre 1234 1️⃣ipsec esp/transport//require ;", id: "missing-policy")
        Syntax.expectDiagnostic("spdadd ::1 ::2 any 1️⃣;", id: "missing-policy")
    }

    @Test func tcpRequestsOnlyInTheFreeBSDDialect() throws {
        #expect(try Syntax.policy("spdadd ::1 ::2 any -P out ipsec tcp/transport//require;").requests.first?.proto == .tcp)
        Syntax.expectDiagnostic("spdadd ::1 ::2 any -P out ipsec 1️⃣tcp/transport//require;",
                                id: "request-protocol-not-supported", personality: .linux)
    }

    @Test func bsdDialectsHaveNoPriorityAndMapFwdToIn() throws {
        Syntax.expectDiagnostic("spdadd ::1 ::2 any -P out 1️⃣prio 10 none;", id: "priority-not-supported", personality: .kame)
        #expect(try Syntax.policy("spdadd ::1 ::2 any -P out prio 2147483648 none;", personality: .freebsd).priority?.rawValue == 0)
        let result = Syntax.expectDiagnostic("spdadd ::1 ::2 any -P 1️⃣fwd none;", id: "fwd-treated-as-in", severity: .warning,
                                             personality: .kame)
        guard case .spdAdd(let p)? = result.statements.first?.statement else { Issue.record(); return }
        #expect(p.direction == .inbound)
        #expect(try Syntax.policy("spdadd ::1 ::2 any -P fwd prio 3 none;", personality: .linux).direction == .forward)
    }

    @Test func selectorErrors() {
        Syntax.expectDiagnostic("spdadd 10.0.0.1/1️⃣33 10.0.0.2 any -P out none;", id: "prefix-too-long",
                                message: "prefix length '33' is longer than 32")
        Syntax.expectDiagnostic("spdadd ::/1️⃣129 ::2 any -P out none;", id: "prefix-too-long")
        Syntax.expectDiagnostic("spdadd 1️⃣10.0.0.1 ::2 any -P out none;", id: "family-mismatch")
        Syntax.expectDiagnostic("spdadd 1️⃣any any any -P out none;", id: "any-is-not-an-address",
                                message: "'any' is not an address; write '0.0.0.0/0' or '::/0'")
        Syntax.expectDiagnostic("spdadd 10.0.0.1[1️⃣65536] 10.0.0.2 any -P out none;", id: "out-of-range",
                                message: "port '65536' is out of range 0-65535")
        Syntax.expectDiagnostic("spdadd 10.0.0.1/1️⃣x 10.0.0.2 any -P out none;", id: "expected")
    }
}
