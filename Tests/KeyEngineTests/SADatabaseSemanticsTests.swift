@testable import KeyEngine
import SetkeyCore
import Testing

/// SA add/get/update/delete/deleteall/flush as kernels answer them, per personality.
@Suite struct SADatabaseSemanticsTests {
    @Test func emptyDumpShowsNothing() throws {
        let engine = try EngineFixture().open()
        #expect(try engine.allSAs().isEmpty)
    }

    @Test func oneAddedSAIsMatureAndReadable() throws {
        let f = EngineFixture()
        let engine = try f.open()
        #expect(errnoOf(try engine.apply(.addSA(espSA(spi: 0x1000)))) == nil)
        let sa = try engine.get(espSA(spi: 0x1000).identity)
        #expect(sa.spi == SPI(0x1000))
        #expect(sa.state == .mature)
        #expect(sa.reported?.current.addTime == 1_700_000_000)
        #expect(sa.encryption?.key == key(bytes: 16))
    }

    @Test(arguments: [Personality.kame, .linux])
    func duplicateAddIsEEXIST(personality: Personality) throws {
        let engine = try EngineFixture(personality).open()
        _ = try engine.apply(.addSA(espSA(spi: 0x1000)))
        // Same destination, protocol and SPI from another source is the same kernel key.
        #expect(errnoOf(try engine.apply(.addSA(espSA(spi: 0x1000, source: "192.0.2.9")))) == .fileExists)
        // Another protocol or destination with the same SPI is a different SA.
        #expect(errnoOf(try engine.apply(.addSA(ahSA(spi: 0x1000)))) == nil)
        #expect(errnoOf(try engine.apply(.addSA(espSA(spi: 0x1000, destination: "192.0.2.3")))) == nil)
        #expect(try engine.allSAs().count == 3)
    }

    @Test(arguments: [(Personality.kame, Errno.noSuchFileOrDirectory), (.linux, .noSuchProcess)])
    func missingSAIsNotFoundWithThePersonalitysErrno(personality: Personality, expected: Errno) throws {
        let engine = try EngineFixture(personality).open()
        let id = espSA(spi: 0x2000).identity
        #expect(refusedErrno { _ = try engine.get(id) } == expected)
        #expect(errnoOf(try engine.apply(.deleteSA(id))) == expected)
        #expect(errnoOf(try engine.apply(.updateSA(espSA(spi: 0x2000)))) == expected)
    }

    @Test(arguments: [0, 1, 255])
    func reservedSPIIsEINVALWithAReason(spi: UInt32) throws {
        let engine = try EngineFixture().open()
        let r = try engine.apply(.addSA(espSA(spi: spi)))
        guard case .failure(let f) = r else { Issue.record("SPI \(spi) accepted"); return }
        #expect(f.errno == .invalidArgument)
        #expect(f.detail?.contains("reserved") == true)
        #expect(errnoOf(try engine.apply(.addSA(espSA(spi: 256)))) == nil)
    }

    @Test func sourceMustMatchForKAMEGetAndDeleteButNotForLinux() throws {
        for (personality, found) in [(Personality.kame, false), (.linux, true)] {
            let engine = try EngineFixture(personality).open()
            _ = try engine.apply(.addSA(espSA(spi: 0x1000)))
            let other = espSA(spi: 0x1000, source: "198.51.100.7").identity
            #expect((refusedErrno { _ = try engine.get(other) } == nil) == found)
        }
    }

    @Test func deleteRemovesOnlyThatSA() throws {
        let engine = try EngineFixture().open()
        _ = try engine.apply([.addSA(espSA(spi: 0x1000)), .addSA(espSA(spi: 0x1001))])
        #expect(errnoOf(try engine.apply(.deleteSA(espSA(spi: 0x1000).identity))) == nil)
        #expect(try engine.allSAs().map(\.spi) == [SPI(0x1001)])
    }

    @Test func deleteAllRemovesEveryLiveSAOfThePairAndProtocol() throws {
        let engine = try EngineFixture().open()
        _ = try engine.apply([.addSA(espSA(spi: 0x1000)), .addSA(espSA(spi: 0x1001)), .addSA(ahSA(spi: 0x1002)),
                              .addSA(espSA(spi: 0x1003, source: "192.0.2.5"))])
        let none = try engine.apply(.deleteAllSAs(source: address("10.9.9.9"), destination: address("192.0.2.2"), type: .esp))
        #expect(errnoOf(none) == nil)
        _ = try engine.apply(.deleteAllSAs(source: address("192.0.2.1"), destination: address("192.0.2.2"), type: .esp))
        #expect(Set(try engine.allSAs().map(\.spi)) == [SPI(0x1002), SPI(0x1003)])
    }

    @Test func flushOfOneTypeKeepsTheOthersAndFlushAllEmpties() throws {
        let engine = try EngineFixture().open()
        _ = try engine.apply([.addSA(espSA(spi: 0x1000)), .addSA(ahSA(spi: 0x1001))])
        _ = try engine.apply(.flushSAs(.esp))
        #expect(try engine.allSAs().map(\.type) == [.ah])
        #expect(errnoOf(try engine.apply(.flushSAs(.unspecified))) == nil)
        #expect(try engine.allSAs().isEmpty)
        #expect(errnoOf(try engine.apply(.flushSAs(.unspecified))) == nil, "flushing an empty table is no error")
    }

    @Test func dumpListsNewestFirstAndFiltersByType() throws {
        let engine = try EngineFixture().open()
        _ = try engine.apply([.addSA(espSA(spi: 0x1000)), .addSA(ahSA(spi: 0x1001)), .addSA(espSA(spi: 0x1002))])
        #expect(try engine.allSAs().map(\.spi) == [SPI(0x1002), SPI(0x1001), SPI(0x1000)])
        var esp = [SPI]()
        try engine.dumpSAs(type: .esp) { esp.append($0.spi) }
        #expect(esp == [SPI(0x1002), SPI(0x1000)])
    }

    @Test func aBatchAnswersEachChangeOnItsOwn() throws {
        let engine = try EngineFixture().open()
        let results = try engine.apply([.addSA(espSA(spi: 0x1000)), .addSA(espSA(spi: 0x1000)),
                                        .deleteSA(espSA(spi: 0x5555).identity), .addSA(espSA(spi: 0x1001))])
        #expect(results.map(errnoOf) == [nil, .fileExists, .noSuchFileOrDirectory, nil])
    }

    @Test func linuxUpdateChangesOnlyLifetimesAndKeepsKeys() throws {
        let engine = try EngineFixture(.linux).open()
        _ = try engine.apply(.addSA(espSA(spi: 0x1000)))
        var changed = espSA(spi: 0x1000)
        changed.encryption = KeyedAlgorithm(id: aesCBC, key: key(bytes: 32, fill: 0x11))
        changed.hardLifetime = Lifetime(addTime: 100)
        changed.softLifetime = Lifetime(addTime: 50)
        #expect(errnoOf(try engine.apply(.updateSA(changed))) == nil)
        let sa = try engine.get(changed.identity)
        #expect(sa.encryption?.key == key(bytes: 16), "xfrm_state_update keeps the algorithms")
        #expect(sa.hardLifetime.addTime == 100)
        #expect(sa.reported?.current.addTime == 1_700_000_000)
    }

    @Test func kameUpdateReplacesTheSAData() throws {
        let engine = try EngineFixture(.kame).open()
        _ = try engine.apply(.addSA(espSA(spi: 0x1000)))
        var changed = espSA(spi: 0x1000)
        changed.encryption = KeyedAlgorithm(id: aesCBC, key: key(bytes: 32, fill: 0x11))
        #expect(errnoOf(try engine.apply(.updateSA(changed))) == nil)
        #expect(try engine.get(changed.identity).encryption?.key == key(bytes: 32, fill: 0x11))
    }

    @Test func linuxUpdateCannotAddNATTraversal() throws {
        let engine = try EngineFixture(.linux).open()
        _ = try engine.apply(.addSA(espSA(spi: 0x1000)))
        var changed = espSA(spi: 0x1000)
        changed.natTraversal = NATTraversal()
        #expect(errnoOf(try engine.apply(.updateSA(changed))) == .invalidArgument)
    }
}
