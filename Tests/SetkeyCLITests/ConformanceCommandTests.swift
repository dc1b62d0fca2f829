import Foundation
import Testing

/// `setkey-conformance` as a user runs it: the suite flushes every table, so it must never
/// reach the user's own userspace state, and the record backend's request log must not flood
/// the terminal.
@Suite struct ConformanceCommandTests {
    static var conformancePath: String { CommandRunner.productsFolder.appendingPathComponent("setkey-conformance").path }

    @Test func userspaceRunLeavesTheConfiguredStateAlone() throws {
        let dir = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let conf = try CommandRunner.writeConfiguration("backend = userspace\n[userspace]\nstate_dir = \(dir.appendingPathComponent("state").path)\n", in: dir)
        let example = CommandRunner.packageRoot.appendingPathComponent("Config/examples/transport-esp.conf").path
        let load = try CommandRunner.setkey(["--config", conf.path, "-f", example])
        #expect(load.status == 0, "\(load.stderr)")
        let before = try CommandRunner.setkey(["--config", conf.path, "-D"])

        let run = try CommandRunner.run(Self.conformancePath,
                                        ["--backend", "userspace", "--config", conf.path, "--filter", "flush"],
                                        environment: ["TMPDIR": dir.path])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("passed, 0 failed"), "\(run.stdout)")

        let after = try CommandRunner.setkey(["--config", conf.path, "-D"])
        #expect(after.stdout.contains("spi=4097(0x00001001)"), "\(after.stdout)")
        #expect(after.stdout.contains("spi=4098(0x00001002)"), "\(after.stdout)")
        // Only the times may differ between the two dumps.
        #expect(after.stdout.split(separator: "\n").count == before.stdout.split(separator: "\n").count)
        // The scratch folder is gone.
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("setkey-conformance.") }
        #expect(left.isEmpty, "\(left)")
    }

    @Test func recordRunKeepsItsRequestLogOffTheTerminal() throws {
        let dir = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CommandRunner.run(Self.conformancePath, ["--backend", "record", "--filter", "esp-add-get"],
                                        environment: ["TMPDIR": dir.path])
        #expect(run.status == 0)
        #expect(run.stderr == "")
        #expect(run.stdout.contains("esp-add-get-ipv4"))
    }
}
