#if canImport(Glibc)
import Glibc
#endif
@testable import KeyEngine
import SetkeyCore
import Testing

/// Acceptance: a 20k-statement apply in a child process is killed with SIGKILL at random
/// points (24 runs); afterwards the journal opens cleanly and every statement the child
/// reported as done is there.
@Suite struct CrashSafetyTests {
    static let statements = 20_000
    static let batch = 500

    @Test func killedWritersLoseNothingAcknowledged() throws {
        var rng = SystemRandomNumberGenerator()
        var killedMidway = 0
        for run in 0..<24 {
            let f = EngineFixture()
            _ = try f.open()
            // A small compaction threshold so kills also land in snapshot writes.
            let child = try ChildProcess([ChildProcess.stressTool, "apply", "--state", f.folder.state,
                                          "--count", String(Self.statements), "--batch", String(Self.batch),
                                          "--policies", "--compact", String(256 << 10)])
            let waitFor = Int.random(in: 0...(Self.statements / Self.batch - 1), using: &rng)
            var acknowledged = 0
            for _ in 0..<waitFor {
                guard let line = child.readLine(), line.hasPrefix("ok ") else { break }
                acknowledged = Int(line.dropFirst(3)) ?? acknowledged
            }
            var pause = timespec(tv_sec: 0, tv_nsec: Int.random(in: 0..<20_000_000, using: &rng))
            nanosleep(&pause, nil)
            child.kill()
            for line in child.readAll() where line.hasPrefix("ok ") { acknowledged = Int(line.dropFirst(3)) ?? acknowledged }
            let status = child.waitExit()
            if status == 128 + SIGKILL { killedMidway += 1 }

            let engine = try f.open()
            let stats = try engine.statistics()
            #expect(stats.securityAssociations + stats.policies >= acknowledged, "run \(run)")
            #expect(stats.securityAssociations + stats.policies <= Self.statements, "run \(run)")
            let spis = Set(try engine.allSAs().map(\.spi.rawValue))
            let hosts = Set(try engine.allPolicies().map(\.selector.destination.address.ipv4Value))
            var missing = 0
            for i in 0..<acknowledged {
                let present = i % 2 == 0 ? spis.contains(0x10000 + UInt32(i)) : hosts.contains(0x0A00_0000 | UInt32(i))
                if !present { missing += 1 }
            }
            #expect(missing == 0, "run \(run): \(missing) of \(acknowledged) acknowledged statements missing")
            #expect(spis.allSatisfy { $0 >= 0x10000 && $0 < 0x10000 + UInt32(Self.statements) }, "run \(run)")
            for w in f.warnings.all { #expect(w.contains(f.folder.state + "/journal"), "run \(run): \(w)") }
        }
        #expect(killedMidway >= 20, "most runs must be killed before they finish")
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
