@testable import KeyEngine
import SetkeyCore
import Testing

/// How SAs read back: Linux translates as af_key does, KAME reports them as sent.
@Suite struct SAReportingTests {
    static func sent() -> SecurityAssociation {
        var sa = espSA(spi: 0x1000)
        sa.mode = .any
        sa.replayWindow = 64
        sa.flags = [.cyclicSequence, .randomPadding]
        return sa
    }

    @Test func linuxReportsModeAnyAsTransportKernelFlagsOnlyAndReplayCappedAt32() throws {
        let engine = try EngineFixture(.linux).open()
        _ = try engine.apply(.addSA(Self.sent()))
        let sa = try engine.get(Self.sent().identity)
        #expect(sa.mode == .transport)
        #expect(sa.flags == [])
        #expect(sa.replayWindow == 32)
        #expect(sa.reported?.sequence == 0)
        #expect(sa.reported?.referenceCount == 0)
    }

    /// af_key fills SA addresses with port 0 (the NAT-T ports have extensions of their own);
    /// KAME keeps what was sent.
    @Test(arguments: [(Personality.linux, UInt16(0)), (.kame, 4500)])
    func saAddressPorts(personality: Personality, expected: UInt16) throws {
        let engine = try EngineFixture(personality).open()
        var sa = Self.sent()
        sa.sourcePort = 4500
        sa.destinationPort = 4500
        _ = try engine.apply(.addSA(sa))
        let got = try engine.get(sa.identity)
        #expect(got.sourcePort == expected && got.destinationPort == expected)
    }

    @Test func kameReportsAsSent() throws {
        let engine = try EngineFixture(.kame).open()
        _ = try engine.apply(.addSA(Self.sent()))
        let sa = try engine.get(Self.sent().identity)
        #expect(sa.mode == .any)
        #expect(sa.flags == [.cyclicSequence, .randomPadding])
        #expect(sa.replayWindow == 64)
    }

    @Test func linuxKeepsKernelFlags() throws {
        let engine = try EngineFixture(.linux).open()
        var sa = Self.sent()
        sa.flags = [.cyclicSequence, .noECN]
        _ = try engine.apply(.addSA(sa))
        #expect(try engine.get(sa.identity).flags == [.noECN])
    }

    @Test func trafficShowsInTheCurrentLifetimeAndKAMESequence() throws {
        let f = EngineFixture(.kame)
        let engine = try f.open()
        _ = try engine.apply(.addSA(espSA(spi: 0x1000)))
        f.clock.advance(by: 5)
        try engine.recordTraffic(on: espSA(spi: 0x1000).identity.key, bytes: 1500, packets: 3)
        let sa = try engine.get(espSA(spi: 0x1000).identity)
        #expect(sa.reported?.current == Lifetime(allocations: 3, bytes: 1500, addTime: 1_700_000_000, useTime: 1_700_000_005))
        #expect(sa.reported?.sequence == 3)
    }
}
