import Testing
import SetkeyCore

/// Odd data never crashes a renderer: pseudo-random SAs, policies and events with extreme
/// values (every id, mode, state, huge counters, times before the epoch and far in the
/// future, empty and long keys) go through every renderer and personality.
@Suite struct FormatRobustnessTests {
    /// A fixed-seed generator so failures reproduce.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state ^ (state >> 29)
        }
        mutating func pick<T>(_ values: [T]) -> T { values[Int(next() % UInt64(values.count))] }
        mutating func byte() -> UInt8 { UInt8(truncatingIfNeeded: next()) }
        mutating func word() -> UInt64 { pick([0, 1, 999, 1000, UInt64(UInt32.max), UInt64.max, next()]) }
        mutating func address() -> IPAddress {
            next() % 2 == 0 ? IPAddress(ipv4: UInt32(truncatingIfNeeded: next()))
                            : IPAddress(ipv6High: pick([0, next()]), low: pick([0, 1, next()]))
        }
        mutating func key() -> SAKey { SAKey((0..<Int(next() % 80)).map { _ in byte() }) }
    }

    static func sa(_ g: inout Generator) -> SecurityAssociation {
        var sa = SecurityAssociation(source: g.address(), destination: g.address(), type: g.pick(SAType.allCases),
                                     spi: SPI(UInt32(truncatingIfNeeded: g.next())))
        sa.sourcePort = UInt16(truncatingIfNeeded: g.next())
        sa.mode = g.pick(IPsecMode.allCases)
        sa.reqid = RequestID(UInt32(truncatingIfNeeded: g.word()))
        sa.flags = SAFlags(rawValue: UInt32(truncatingIfNeeded: g.next()))
        sa.encryption = g.next() % 3 == 0 ? nil : KeyedAlgorithm(id: AlgorithmID(.encryption, g.byte()), key: g.key())
        sa.authentication = g.next() % 3 == 0 ? nil : KeyedAlgorithm(id: AlgorithmID(.authentication, g.byte()), key: g.key())
        sa.compression = KeyedAlgorithm(id: AlgorithmID(.compression, g.byte()))
        sa.hardLifetime = Lifetime(allocations: g.word(), bytes: g.word(), addTime: g.word(), useTime: g.word())
        if g.next() % 2 == 0 {
            sa.natTraversal = NATTraversal(type: g.byte(), sourcePort: UInt16(truncatingIfNeeded: g.next()),
                                           originalAddress: g.next() % 2 == 0 ? g.address() : nil)
        }
        if g.next() % 4 != 0 {
            sa.reported = ReportedSAState(state: g.pick(SAState.allCases),
                                          current: Lifetime(allocations: g.word(), bytes: g.word(), addTime: g.word(),
                                                            useTime: g.word()),
                                          sequence: UInt32(truncatingIfNeeded: g.next()),
                                          messageSequence: g.next() % 2 == 0 ? nil : UInt32(truncatingIfNeeded: g.next()))
        }
        if g.next() % 5 == 0 { sa.securityContext = SecurityContext(doi: g.byte(), algorithm: g.byte(), context: "a\"\\\n") }
        return sa
    }

    static func policy(_ g: inout Generator) -> SecurityPolicy {
        let a = g.address()
        let b = g.next() % 2 == 0 ? IPAddress.unspecified(a.family) : a
        var p = SecurityPolicy(
            selector: PolicySelector(source: IPPrefix(a, length: UInt8(g.next() % 129)), destination: IPPrefix(b, length: 0),
                                     sourcePort: UInt16(truncatingIfNeeded: g.next()), destinationPort: 0,
                                     upperLayer: UpperLayerProtocol(g.byte())),
            direction: g.pick(PolicyDirection.allCases), action: g.pick(PolicyAction.allCases),
            priority: g.next() % 2 == 0 ? nil : PolicyPriority(UInt32(truncatingIfNeeded: g.word())))
        for _ in 0..<Int(g.next() % 4) {
            p.requests.append(IPsecRequest(proto: g.pick(RequestProtocol.allCases), mode: g.pick(IPsecMode.allCases),
                                           endpoints: g.next() % 2 == 0 ? nil : TunnelEndpoints(source: g.address(), destination: g.address()),
                                           level: g.pick(IPsecLevel.allCases), reqid: RequestID(UInt32(truncatingIfNeeded: g.word()))))
        }
        p.tag = g.next() % 7 == 0 ? "t\u{1}" : nil
        p.reported = ReportedPolicyState(id: UInt32(truncatingIfNeeded: g.next()), created: g.word(), lastUsed: g.word(),
                                         hasLifetimes: g.next() % 2 == 0, isPerSocket: g.next() % 5 == 0,
                                         scope: g.pick(PolicyScope.allCases), interfaceName: "if\u{0}")
        return p
    }

    @Test(arguments: Personality.allCases)
    func randomRecordsRenderEverywhere(personality: Personality) {
        var g = Generator(state: 0x5e7_ce1 &+ UInt64(personality.rawValue.utf8.count))
        let sas = (0..<300).map { _ in Self.sa(&g) }
        let policies = (0..<300).map { _ in Self.policy(&g) }
        let events = sas.prefix(20).map { KeyEvent(kind: .saAdded, sa: $0, seconds: Int64(bitPattern: g.word()),
                                                   microseconds: Int32(truncatingIfNeeded: g.next())) }
        for keys in [KeyDisplay.show, .redacted] {
            let options = FormatOptions(personality: personality, showPorts: true, keys: keys, showDead: true,
                                        now: Int64(bitPattern: g.word()), pid: 1)
            for make in [{ ClassicTextRenderer(options: $0, sink: $1) } as (FormatOptions, TextSink) -> ResultRenderer,
                         { ShortFormatRenderer(options: $0, sink: $1) }, { JSONRenderer(options: $0, sink: $1) }] {
                let text = FormatFixtures.render(options, make: make) { r in
                    r.beginSADump()
                    sas.forEach(r.sa)
                    r.endSADump()
                    sas.prefix(5).forEach(r.getReply)
                    r.beginPolicyDump()
                    policies.forEach(r.policy)
                    r.endPolicyDump()
                    events.forEach(r.event)
                }
                #expect(text.utf8.count > 10_000)
            }
        }
    }

    @Test func jsonStaysOneDocumentPerLineWithHostileStrings() {
        var g = Generator(state: 42)
        let text = FormatFixtures.render(FormatOptions(now: 0, pid: 1), make: { JSONRenderer(options: $0, sink: $1) }) { r in
            r.beginPolicyDump()
            (0..<50).forEach { _ in r.policy(Self.policy(&g)) }
            r.endPolicyDump()
            (0..<50).forEach { _ in r.getReply(Self.sa(&g)) }
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 52 && lines.last == "")
        #expect(lines.dropLast().allSatisfy { $0.hasPrefix("{\"schema\":\"setkey/1\"") && $0.hasSuffix("}") })
    }
}
