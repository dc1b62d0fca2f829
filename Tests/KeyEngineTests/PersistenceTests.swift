#if canImport(Glibc)
import Glibc
#endif
@testable import KeyEngine
import SetkeyCore
import Testing

/// The journal and snapshot: durability across opens, torn tails, corruption, compaction,
/// file modes and failed writes.
@Suite struct PersistenceTests {
    @Test func aNewFolderIsCreated0700WithFiles0600() throws {
        let f = EngineFixture()
        _ = try f.open().apply(.addSA(espSA(spi: 0x1000)))
        #expect(f.folder.mode("") == 0o700)
        #expect(f.folder.mode("journal") == 0o600)
        #expect(f.folder.mode("lock") == 0o600)
    }

    @Test func whatOneEngineAddsTheNextOneSees() throws {
        let f = EngineFixture()
        _ = try f.open().apply([.addSA(espSA(spi: 0x1000)), .addPolicy(policy("10.1.0.0/16", "10.2.0.0/16"))])
        let second = try f.open()
        #expect(try second.allSAs().map(\.spi) == [SPI(0x1000)])
        #expect(try second.allPolicies().count == 1)
    }

    @Test func anOpenEngineSeesWhatAnotherAppendsLater() throws {
        let f = EngineFixture()
        let a = try f.open()
        let b = try f.open()
        _ = try a.apply(.addSA(espSA(spi: 0x1000)))
        #expect(errnoOf(try b.apply(.addSA(espSA(spi: 0x1000)))) == .fileExists)
        _ = try b.apply(.deleteSA(espSA(spi: 0x1000).identity))
        #expect(try a.allSAs().isEmpty)
    }

    @Test func aTornTailIsDroppedWithAWarningNamingFileAndOffset() throws {
        let f = EngineFixture()
        _ = try f.open().apply([.addSA(espSA(spi: 0x1000)), .addSA(espSA(spi: 0x1001))])
        let intact = f.folder.read("journal")
        // Cut the last frame in half, as a write killed half way would.
        f.folder.write("journal", Array(intact.dropLast(10)))
        let engine = try f.open()
        #expect(try engine.allSAs().map(\.spi) == [SPI(0x1000)])
        let warning = try #require(f.warnings.all.first)
        #expect(warning.contains(f.folder.state + "/journal"))
        #expect(warning.contains("offset"))
        #expect(f.folder.read("journal").count < intact.count - 10, "the torn frame was cut off")
        _ = try engine.apply(.addSA(espSA(spi: 0x1002)))
        #expect(try f.open().allSAs().map(\.spi) == [SPI(0x1002), SPI(0x1000)])
    }

    @Test func zerosAtTheEndAreATornTail() throws {
        let f = EngineFixture()
        _ = try f.open().apply(.addSA(espSA(spi: 0x1000)))
        f.folder.write("journal", f.folder.read("journal") + [UInt8](repeating: 0, count: 100))
        #expect(try f.open().allSAs().count == 1)
        #expect(f.warnings.all.count == 1)
    }

    @Test func corruptionInTheMiddleIsAnErrorAndChangesNothing() throws {
        let f = EngineFixture()
        _ = try f.open().apply([.addSA(espSA(spi: 0x1000)), .addSA(espSA(spi: 0x1001)), .addSA(espSA(spi: 0x1002))])
        var bytes = f.folder.read("journal")
        let flipped = StateFileFormat.headerSize + 20
        bytes[flipped] ^= 0xff
        f.folder.write("journal", bytes)
        do {
            _ = try f.open()
            Issue.record("a corrupt journal was accepted")
        } catch let EngineError.corruptState(path, offset, _) {
            #expect(path == f.folder.state + "/journal")
            #expect(offset == StateFileFormat.headerSize)
        }
        #expect(f.folder.read("journal") == bytes, "nothing was changed")
    }

    @Test func aForeignFileIsRefused() throws {
        let f = EngineFixture()
        _ = try f.open()
        f.folder.write("journal", Array("this is not a journal at all".utf8))
        #expect(throws: EngineError.corruptState(path: f.folder.state + "/journal", offset: 0,
                                                 reason: "not a setkey journal (unknown magic)")) {
            _ = try f.open()
        }
    }

    @Test func compactionWritesASnapshotAndStartsAFreshJournal() throws {
        var f = EngineFixture()
        f.compactionThreshold = 4096
        let engine = try f.open()
        for i in 0..<10 {
            _ = try engine.apply((0..<20).map { .addSA(espSA(spi: 0x1000 + UInt32(i * 20 + $0))) })
        }
        _ = try engine.apply(.deleteSA(espSA(spi: 0x1000).identity))
        let stats = try engine.statistics()
        #expect(stats.snapshotBytes > 0)
        #expect(stats.journalBytes < 4096 + 2000)
        #expect(try f.open().allSAs().count == 199)
    }

    @Test func anotherEngineFollowsACompaction() throws {
        var f = EngineFixture()
        f.compactionThreshold = 2048
        let a = try f.open()
        let b = try f.open()
        _ = try a.apply((0..<60).map { .addSA(espSA(spi: 0x1000 + UInt32($0))) })
        #expect(try a.statistics().snapshotBytes > 0)
        _ = try a.apply(.addSA(espSA(spi: 0x9000)))
        #expect(try b.allSAs().count == 61)
    }

    @Test func aJournalOlderThanTheSnapshotWasAlreadyFoldedIn() throws {
        var f = EngineFixture()
        f.compactionThreshold = 1024
        let engine = try f.open()
        _ = try engine.apply(.addSA(espSA(spi: 0x1000)))
        let oldJournal = f.folder.read("journal")
        _ = try engine.apply((1..<40).map { .addSA(espSA(spi: 0x1000 + UInt32($0))) })
        engine.close()
        // A crash between renaming the snapshot and the new journal leaves the old journal.
        f.folder.write("journal", oldJournal)
        #expect(try f.open().allSAs().count == 40)
    }

    @Test func aJournalNewerThanItsSnapshotIsAnError() throws {
        var f = EngineFixture()
        f.compactionThreshold = 1024
        let engine = try f.open()
        _ = try engine.apply((0..<40).map { .addSA(espSA(spi: 0x1000 + UInt32($0))) })
        engine.close()
        unlink(f.folder.state + "/snapshot")
        #expect(throws: EngineError.self) { _ = try f.open() }
    }

    @Test func aGroupWritableFolderIsRefused() throws {
        let f = EngineFixture()
        _ = try f.open()
        chmod(f.folder.state, 0o770)
        do {
            _ = try f.open()
            Issue.record("an unsafe folder was accepted")
        } catch let EngineError.unsafeState(path, reason) {
            #expect(path == f.folder.state)
            #expect(reason.contains("0770"))
        }
    }

    @Test func aReadableJournalIsRefused() throws {
        let f = EngineFixture()
        _ = try f.open().apply(.addSA(espSA(spi: 0x1000)))
        chmod(f.folder.state + "/journal", 0o644)
        #expect(throws: EngineError.self) { _ = try f.open() }
    }

    @Test func aSymbolicLinkedJournalIsRefused() throws {
        let f = EngineFixture()
        _ = try f.open()
        unlink(f.folder.state + "/journal")
        symlink("/etc/passwd", f.folder.state + "/journal")
        #expect(throws: EngineError.self) { _ = try f.open() }
    }

    @Test func aFailedJournalWriteFailsTheBatchAndLeavesNoTrace() throws {
        let f = EngineFixture()
        let engine = try f.open()
        _ = try engine.apply(.addSA(espSA(spi: 0x1000)))
        let before = f.folder.read("journal")
        InjectedFaults.inject("fsync", pathPrefix: f.folder.state + "/journal", errno: EIO)
        #expect(throws: EngineError.system(operation: "fsync", path: f.folder.state + "/journal", .ioError)) {
            _ = try engine.apply(.addSA(espSA(spi: 0x1001)))
        }
        #expect(f.folder.read("journal") == before)
        #expect(try engine.allSAs().map(\.spi) == [SPI(0x1000)], "memory was reloaded from the files")
        #expect(errnoOf(try engine.apply(.addSA(espSA(spi: 0x1001)))) == nil)
    }

    @Test func interruptedCallsAreRetried() throws {
        let f = EngineFixture()
        let engine = try f.open()
        InjectedFaults.inject("write", pathPrefix: f.folder.state + "/journal", errno: EINTR)
        _ = try engine.apply(.addSA(espSA(spi: 0x1000)))
        #expect(try f.open().allSAs().count == 1)
    }
}
