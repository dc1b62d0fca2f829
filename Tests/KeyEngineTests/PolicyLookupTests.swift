@testable import KeyEngine
import SetkeyCore
import Testing

/// Which policy applies to a packet (see `PolicyLookup` for the rule and its kernel source).
@Suite struct PolicyLookupTests {
    static func flow(_ s: String, _ d: String, proto: UInt8 = 6, sport: UInt16 = 1234, dport: UInt16 = 80) -> PacketFlow {
        PacketFlow(source: address(s), destination: address(d), upperLayer: proto, sourcePort: sport, destinationPort: dport)
    }

    /// The source address of the policy that applies, nil for none.
    static func winner(_ engine: KeyEngine, _ f: PacketFlow, _ d: PolicyDirection = .outbound) throws -> String? {
        try engine.lookupPolicy(for: f, direction: d).map { $0.selector.source.description }
    }

    @Test func noPolicyNoMatch() throws {
        let engine = try EngineFixture(.linux).open()
        #expect(try Self.winner(engine, Self.flow("10.1.1.1", "10.2.2.2")) == nil)
    }

    @Test func oneMatchingPolicy() throws {
        let engine = try EngineFixture(.linux).open()
        _ = try engine.apply(.addPolicy(policy("10.1.0.0/16", "10.2.0.0/16")))
        #expect(try Self.winner(engine, Self.flow("10.1.1.1", "10.2.2.2")) == "10.1.0.0/16")
        #expect(try Self.winner(engine, Self.flow("10.3.1.1", "10.2.2.2")) == nil)
        #expect(try Self.winner(engine, Self.flow("10.1.1.1", "10.2.2.2"), .inbound) == nil, "direction matters")
    }

    @Test func lowerPriorityValueWinsOverAMoreSpecificSelector() throws {
        let engine = try EngineFixture(.linux).open()
        _ = try engine.apply([.addPolicy(policy("10.1.1.1", "10.2.2.2", priority: 200)),
                              .addPolicy(policy("10.0.0.0/8", "10.0.0.0/8", priority: 100))])
        #expect(try Self.winner(engine, Self.flow("10.1.1.1", "10.2.2.2")) == "10.0.0.0/8")
    }

    @Test func noLongestPrefixRuleAmongEqualPrioritiesTheOlderWins() throws {
        let engine = try EngineFixture(.linux).open()
        _ = try engine.apply([.addPolicy(policy("10.0.0.0/8", "10.0.0.0/8")),
                              .addPolicy(policy("10.1.0.0/16", "10.2.0.0/16"))])
        #expect(try Self.winner(engine, Self.flow("10.1.1.1", "10.2.2.2")) == "10.0.0.0/8")
    }

    @Test func linuxHostToHostSelectorBeatsAPrefixOfEqualPriority() throws {
        let engine = try EngineFixture(.linux).open()
        _ = try engine.apply([.addPolicy(policy("10.0.0.0/8", "10.0.0.0/8")),
                              .addPolicy(policy("10.1.1.1", "10.2.2.2"))])
        #expect(try Self.winner(engine, Self.flow("10.1.1.1", "10.2.2.2")) == "10.1.1.1")
    }

    @Test func kameTakesTheOldestMatch() throws {
        let engine = try EngineFixture(.kame).open()
        _ = try engine.apply([.addPolicy(policy("10.0.0.0/8", "10.0.0.0/8")),
                              .addPolicy(policy("10.1.1.1", "10.2.2.2"))])
        #expect(try Self.winner(engine, Self.flow("10.1.1.1", "10.2.2.2")) == "10.0.0.0/8")
    }

    @Test func spdupdateKeepsItsPlaceWithTheSamePriorityAndMovesBehindWithANewOne() throws {
        let engine = try EngineFixture(.linux).open()
        let wide = policy("10.0.0.0/8", "10.0.0.0/8", priority: 100)
        _ = try engine.apply([.addPolicy(wide), .addPolicy(policy("10.1.0.0/16", "10.2.0.0/16", priority: 100))])
        _ = try engine.apply(.updatePolicy(wide))
        #expect(try Self.winner(engine, Self.flow("10.1.1.1", "10.2.2.2")) == "10.0.0.0/8")
        var demoted = wide
        demoted.priority = PolicyPriority(200)
        _ = try engine.apply(.updatePolicy(demoted))
        #expect(try Self.winner(engine, Self.flow("10.1.1.1", "10.2.2.2")) == "10.1.0.0/16")
        _ = try engine.apply(.updatePolicy(wide))
        #expect(try Self.winner(engine, Self.flow("10.1.1.1", "10.2.2.2")) == "10.1.0.0/16",
                "back at 100 it is now the youngest of its priority")
    }

    @Test func portsAndUpperLayerMustMatchWhenSet() throws {
        let engine = try EngineFixture(.linux).open()
        _ = try engine.apply([.addPolicy(policy("10.1.1.1", "10.2.2.2", priority: 1, upper: .tcp, dport: 22)),
                              .addPolicy(policy("10.1.1.0/24", "10.2.2.0/24", priority: 2, upper: .udp)),
                              .addPolicy(policy("10.0.0.0/8", "10.0.0.0/8", priority: 3))])
        #expect(try Self.winner(engine, Self.flow("10.1.1.1", "10.2.2.2", proto: 6, dport: 22)) == "10.1.1.1")
        #expect(try Self.winner(engine, Self.flow("10.1.1.1", "10.2.2.2", proto: 6, dport: 23)) == "10.0.0.0/8")
        #expect(try Self.winner(engine, Self.flow("10.1.1.1", "10.2.2.2", proto: 17, dport: 22)) == "10.1.1.0/24")
    }

    @Test func icmpTypeAndCodeAreMatchedThroughThePorts() throws {
        let engine = try EngineFixture(.linux).open()
        _ = try engine.apply(.addPolicy(policy("::/0", "::/0", upper: .icmpv6, sport: 135, dport: 0)))
        #expect(try Self.winner(engine, Self.flow("2001:db8::1", "2001:db8::2", proto: 58, sport: 135, dport: 0)) == "::/0")
        #expect(try Self.winner(engine, Self.flow("2001:db8::1", "2001:db8::2", proto: 58, sport: 136, dport: 0)) == nil)
    }

    @Test func addressFamiliesNeverMix() throws {
        let engine = try EngineFixture(.linux).open()
        _ = try engine.apply(.addPolicy(policy("0.0.0.0/0", "0.0.0.0/0")))
        #expect(try Self.winner(engine, Self.flow("2001:db8::1", "2001:db8::2")) == nil)
        #expect(try Self.winner(engine, Self.flow("192.0.2.1", "198.51.100.1")) == "0.0.0.0/0")
    }

    @Test func matchingIsPureOnSelectors() {
        let s = PolicySelector(source: IPPrefix(address("10.1.0.0"), length: 16), destination: IPPrefix(address("10.2.0.0"), length: 16))
        #expect(PolicyLookup.matches(s, Self.flow("10.1.255.255", "10.2.0.0")))
        #expect(!PolicyLookup.matches(s, Self.flow("10.2.0.1", "10.2.0.0")))
    }
}
