@testable import KeyEngine
import SetkeyCore
import Testing

/// Acceptance: 32 processes each add 500 distinct SAs at the same time; all 16,000 are there.
@Suite struct ConcurrencyTests {
    @Test func thirtyTwoWritersAtOnceLoseNothing() throws {
        let f = EngineFixture()
        _ = try f.open()
        let children = try (0..<32).map { i in
            try ChildProcess([ChildProcess.stressTool, "apply", "--state", f.folder.state, "--first", String(i * 1000),
                              "--count", "500", "--batch", "50"])
        }
        for (i, child) in children.enumerated() {
            let lines = child.readAll()
            #expect(child.waitExit() == 0, "writer \(i)")
            #expect(lines.last == "ok 500", "writer \(i)")
        }
        let engine = try f.open()
        #expect(try engine.allSAs().count == 16_000)
        for i in 0..<32 {
            for k in 0..<500 {
                let id = StressWorkloadCopy.sa(i * 1000 + k).identity
                if refusedErrno({ _ = try engine.get(id) }) != nil { Issue.record("SA of writer \(i) #\(k) missing") }
            }
        }
    }
}
