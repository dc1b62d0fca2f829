#if canImport(Glibc)
import Glibc
#endif
@testable import KeyEngine
import SetkeyCore
import Testing

/// `follow` delivers what other processes do, as it happens.
@Suite struct MonitorTests {
    @Test func anotherProcessSeesAddDeleteFlushAndPolicyEvents() throws {
        let f = EngineFixture()
        _ = try f.open()
        let monitor = try ChildProcess([ChildProcess.stressTool, "monitor", "--state", f.folder.state, "--events", "5"])
        #expect(monitor.readLine() == "ready")
        let engine = try KeyEngine(configuration: EngineConfiguration(stateDirectory: f.folder.state))
        _ = try engine.apply([.addSA(espSA(spi: 0x1000)), .addSA(ahSA(spi: 0x1001))])
        _ = try engine.apply(.deleteSA(espSA(spi: 0x1000).identity))
        _ = try engine.apply([.addPolicy(policy("10.1.0.0/16", "10.2.0.0/16")), .flushSAs(.unspecified)])
        let lines = monitor.readAll()
        #expect(monitor.waitExit() == 0)
        let me = String(getpid())
        #expect(lines == ["saAdded 0x1000 \(me)", "saAdded 0x1001 \(me)", "saDeleted 0x1000 \(me)",
                          "policyAdded - \(me)", "saFlushed - \(me)"])
    }

    @Test func expiriesAreDeliveredWithoutAnyOtherActivity() throws {
        let f = EngineFixture()
        let engine = try KeyEngine(configuration: EngineConfiguration(stateDirectory: f.folder.state))
        var sa = espSA(spi: 0x2000)
        sa.softLifetime = Lifetime(addTime: 1)
        sa.hardLifetime = Lifetime(addTime: 2)
        let monitor = try ChildProcess([ChildProcess.stressTool, "monitor", "--state", f.folder.state, "--events", "3"])
        #expect(monitor.readLine() == "ready")
        _ = try engine.apply(.addSA(sa))
        let lines = monitor.readAll()
        #expect(monitor.waitExit() == 0)
        #expect(lines.map { $0.split(separator: " ").prefix(2).joined(separator: " ") }
                == ["saAdded 0x2000", "saExpired-soft 0x2000", "saExpired-hard 0x2000"])
    }
}
