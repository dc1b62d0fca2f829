#if canImport(Glibc)
import Glibc
#endif
@testable import KeyEngine
import SetkeyCore
import Testing

/// Acceptance: a 20k-statement apply in a child process is killed with SIGKILL at random
/// points (24 kills that land before the child finishes); afterwards the journal opens
/// cleanly and every statement the child reported as done is there.
@Suite struct CrashSafetyTests {
    static let statements = 20_000
    static let batch = 500
    static let kills = 24
    /// A writer that finishes before its kill lands proves nothing about crashes, so such
    /// runs are repeated; this bounds the repeats.
    static let maximumRuns = 80

    @Test func killedWritersLoseNothingAcknowledged() throws {
        var rng = SystemRandomNumberGenerator()
        var killedMidway = 0
        var run = 0
        // Counting kills rather than runs: with a fixed number of runs the share of writers
        // that finished first depends on the machine's speed, and a fast idle machine left
        // exactly the required 20 of 24.
        while killedMidway < Self.kills && run < Self.maximumRuns {
            if try Self.killWriter(run: run, using: &rng) { killedMidway += 1 }
            run += 1
        }
        #expect(killedMidway >= Self.kills, "only \(killedMidway) of \(run) writers were killed before they finished")
    }

    /// Starts a writer, kills it after a random number of acknowledged batches plus up to
    /// 20 ms, and checks what survived. Returns whether the kill landed before the writer
    /// finished.
    static func killWriter(run: Int, using rng: inout SystemRandomNumberGenerator) throws -> Bool {
        let f = EngineFixture()
        _ = try f.open()
        // A small compaction threshold so kills also land in snapshot writes.
        let child = try ChildProcess([ChildProcess.stressTool, "apply", "--state", f.folder.state,
                                      "--count", String(statements), "--batch", String(batch),
                                      "--policies", "--compact", String(256 << 10)])
        let waitFor = Int.random(in: 0...(statements / batch - 1), using: &rng)
        var acknowledged = 0
        for _ in 0..<waitFor {
            guard let line = child.readLine(), line.hasPrefix("ok ") else { break }
            acknowledged = Int(line.dropFirst(3)) ?? acknowledged
        }
        var pause = timespec(tv_sec: 0, tv_nsec: Int.random(in: 0..<20_000_000, using: &rng))
        nanosleep(&pause, nil)
        child.kill()
        for line in child.readAll() where line.hasPrefix("ok ") { acknowledged = Int(line.dropFirst(3)) ?? acknowledged }
        let killed = child.waitExit() == 128 + SIGKILL
        try checkSurvivors(f, acknowledged: acknowledged, run: run)
        return killed
    }

    /// Every acknowledged statement is present, nothing foreign is, the only warnings are
    /// about the journal's torn tail, and a second open finds nothing left to repair.
    static func checkSurvivors(_ f: EngineFixture, acknowledged: Int, run: Int) throws {
        let engine = try f.open()
        let stats = try engine.statistics()
        #expect(stats.securityAssociations + stats.policies >= acknowledged, "run \(run)")
        #expect(stats.securityAssociations + stats.policies <= statements, "run \(run)")
        let spis = Set(try engine.allSAs().map(\.spi.rawValue))
        let hosts = Set(try engine.allPolicies().map(\.selector.destination.address.ipv4Value))
        var missing = 0
        for i in 0..<acknowledged {
            let present = i % 2 == 0 ? spis.contains(0x10000 + UInt32(i)) : hosts.contains(0x0A00_0000 | UInt32(i))
            if !present { missing += 1 }
        }
        #expect(missing == 0, "run \(run): \(missing) of \(acknowledged) acknowledged statements missing")
        #expect(spis.allSatisfy { $0 >= 0x10000 && $0 < 0x10000 + UInt32(statements) }, "run \(run)")
        for w in f.warnings.all { #expect(w.contains(f.folder.state + "/journal"), "run \(run): \(w)") }
        engine.close()
        let repaired = f.warnings.all.count
        _ = try f.open().statistics()
        #expect(f.warnings.all.count == repaired, "run \(run): the second open warned again")
    }
}

/// The stress tool's workload (the executable's module cannot be imported): statement `i`
/// adds SA 0x10000 + i when even, a policy to 10.x.y.z/32 when odd; the SAs are rebuilt here.
enum StressWorkloadCopy {
    static let key = SAKey((0..<16).map { UInt8($0) })

    static func sa(_ i: Int) -> SecurityAssociation {
        SecurityAssociation(source: address("192.0.2.1"), destination: address("192.0.2.2"), type: .esp,
                            spi: SPI(0x10000 + UInt32(i)), encryption: KeyedAlgorithm(id: aesCBC, key: key))
    }
}
