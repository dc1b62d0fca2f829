@testable import KeyEngine
import SetkeyCore
import Testing

/// The SA life cycle against a manual clock: mature → dying (soft) → dead (hard) → purged.
@Suite struct LifetimeTests {
    static func timed(spi: UInt32 = 0x1000, soft: UInt64, hard: UInt64) -> SecurityAssociation {
        var sa = espSA(spi: spi)
        sa.softLifetime = Lifetime(addTime: soft)
        sa.hardLifetime = Lifetime(addTime: hard)
        return sa
    }

    /// Acceptance: `-ls 2 -lh 4` is mature, dying after 2 s, dead after 4 s and then shown
    /// only with `-a` (includeDead).
    @Test(arguments: [Personality.kame, .linux])
    func softTwoHardFourGoesMatureDyingDead(personality: Personality) throws {
        let f = EngineFixture(personality)
        let engine = try f.open()
        let sa = Self.timed(soft: 2, hard: 4)
        #expect(errnoOf(try engine.apply(.addSA(sa))) == nil)
        #expect(try engine.get(sa.identity).state == .mature)
        f.clock.advance(by: 1)
        #expect(try engine.get(sa.identity).state == .mature)
        f.clock.advance(by: 1)
        #expect(try engine.get(sa.identity).state == .dying)
        #expect(try engine.allSAs().map(\.state) == [.dying])
        f.clock.advance(by: 2)
        #expect(try engine.allSAs().isEmpty, "dead SAs are hidden from -D")
        #expect(try engine.allSAs(includeDead: true).map(\.state) == [.dead], "and shown by -D -a")
        #expect(refusedErrno { _ = try engine.get(sa.identity) } != nil, "a dead SA cannot be fetched")
    }

    @Test func deadSAIsPurgedAfterTheGracePeriod() throws {
        let f = EngineFixture()
        let engine = try f.open()
        _ = try engine.apply(.addSA(Self.timed(soft: 2, hard: 4)))
        f.clock.advance(by: 4 + EngineConfiguration.defaultDeadEntryGrace - 1)
        #expect(try engine.allSAs(includeDead: true).count == 1)
        f.clock.advance(by: 1)
        #expect(try engine.allSAs(includeDead: true).isEmpty)
    }

    @Test func aLateCheckStillReportsBothExpiriesAtTheirDueTimes() throws {
        let f = EngineFixture()
        let engine = try f.open()
        _ = try engine.apply(.addSA(Self.timed(soft: 2, hard: 4)))
        f.clock.advance(by: 30)
        let dead = try engine.allSAs(includeDead: true)
        #expect(dead.map(\.state) == [.dead])
        let other = try f.open()
        #expect(try other.allSAs(includeDead: true).map(\.state) == [.dead], "the expiry was journaled")
    }

    @Test func aDeadSAsKeyCanBeReused() throws {
        let f = EngineFixture()
        let engine = try f.open()
        _ = try engine.apply(.addSA(Self.timed(soft: 1, hard: 2)))
        f.clock.advance(by: 3)
        #expect(errnoOf(try engine.apply(.addSA(espSA(spi: 0x1000)))) == nil)
        #expect(try engine.allSAs(includeDead: true).map(\.state) == [.mature, .dead])
    }

    @Test func byteLifetimesExpireOnTraffic() throws {
        let f = EngineFixture(.linux)
        let engine = try f.open()
        var sa = espSA(spi: 0x1000)
        sa.softLifetime = Lifetime(bytes: 1000)
        sa.hardLifetime = Lifetime(bytes: 2000)
        _ = try engine.apply(.addSA(sa))
        try engine.recordTraffic(on: sa.identity.key, bytes: 999)
        #expect(try engine.get(sa.identity).state == .mature)
        try engine.recordTraffic(on: sa.identity.key, bytes: 1)
        #expect(try engine.get(sa.identity).state == .dying)
        try engine.recordTraffic(on: sa.identity.key, bytes: 1000)
        #expect(try engine.allSAs(includeDead: true).map(\.state) == [.dead])
    }

    @Test func trafficOnAMissingSAIsRefused() throws {
        let engine = try EngineFixture().open()
        #expect(refusedErrno { try engine.recordTraffic(on: espSA(spi: 0x9999).identity.key, bytes: 1) } != nil)
    }

    @Test func updateClearsDyingAndTheClockReappliesNewLimits() throws {
        let f = EngineFixture(.linux)
        let engine = try f.open()
        _ = try engine.apply(.addSA(Self.timed(soft: 2, hard: 100)))
        f.clock.advance(by: 3)
        #expect(try engine.get(Self.timed(soft: 2, hard: 100).identity).state == .dying)
        _ = try engine.apply(.updateSA(Self.timed(soft: 50, hard: 100)))
        #expect(try engine.get(Self.timed(soft: 50, hard: 100).identity).state == .mature)
        f.clock.advance(by: 50)
        #expect(try engine.get(Self.timed(soft: 50, hard: 100).identity).state == .dying)
    }

    @Test func stateSurvivesReopening() throws {
        let f = EngineFixture()
        do {
            let engine = try f.open()
            _ = try engine.apply(.addSA(Self.timed(soft: 2, hard: 4)))
        }
        f.clock.advance(by: 2)
        #expect(try f.open().allSAs().map(\.state) == [.dying])
    }

    /// A limit so far off that creation time + limit does not fit 64 bits never expires
    /// (a wrapping sum made the SA dead, or gone, at once).
    @Test(arguments: [UInt64.max, UInt64.max - 1_000_000_000])
    func limitsPastTheEndOfTimeNeverExpire(limit: UInt64) throws {
        let f = EngineFixture(.kame)
        let engine = try f.open()
        _ = try engine.apply(.addSA(Self.timed(soft: limit, hard: limit)))
        f.clock.advance(by: 10)
        #expect(try engine.allSAs(includeDead: true).map(\.state) == [.mature])
    }
}

