import Foundation
import Testing

/// `-v`, `-H`, `-x` and positional message files through the built `setkey`, compared with
/// what ipsec-tools 0.9.1 printed on Linux (../shared/reference, copied into
/// Tests/Fixtures/reference) after normalising only what varies per run: pids, times,
/// policy ids and reference counts. The backends here do not speak PF_KEY, so the messages
/// are the ones setkey would have exchanged with a Linux kernel.
@Suite struct PFKeyTraceTests {
    static let reference = CommandRunner.packageRoot.appendingPathComponent("Tests/Fixtures/reference/setkey-ipsec-tools-0.9.1")
    static let kernelCaptures = CommandRunner.packageRoot.appendingPathComponent("Tests/Fixtures/pfkey-kernel")

    /// pids, creation times, policy ids and reference counts replaced by fixed tokens.
    static func normalised(_ text: String) -> String {
        let rules: [(String, String)] = [
            (#"(?m)\bpid=[0-9]+"#, "pid=P"),
            (#"addtime=[0-9]+"#, "addtime=T"),
            (#"(?m)^\tcreated: .*$"#, "\tCREATED"),
            (#"(?m)^\tdiff: .*$"#, "\tDIFF"),
            (#"(?m)^\tlast: .*$"#, "\tLAST"),
            (#"(?m)^\tspid=[0-9]+"#, "\tspid=N"),
            (#"(?m)^\trefcnt=[0-9]+"#, "\trefcnt=N"),
            (#"(?m) id=[0-9a-f]+ priority="#, " id=N priority="),
            (#"(?m)^(  len=[0-9]+) reserved=[0-9]+"#, "$1 reserved=N"),
        ]
        var s = text
        for (pattern, template) in rules {
            s = s.replacingOccurrences(of: pattern, with: template, options: .regularExpression)
        }
        return s
    }

    static func referenceOutput(_ name: String) throws -> String {
        try String(contentsOf: reference.appendingPathComponent("out/\(name).stdout"), encoding: .utf8)
    }

    /// A userspace backend with the Linux personality in a fresh folder.
    static func linuxUserspace(in dir: URL) throws -> String {
        let conf = try CommandRunner.writeConfiguration("backend = userspace\n[userspace]\nstate_dir = \(dir.appendingPathComponent("state").path)\npersonality = linux\n", in: dir)
        return conf.path
    }

    /// The raw messages of a kernel capture (hex, one message a line, `#` comments).
    static func capturedMessages(_ name: String) throws -> Data {
        let text = try String(contentsOf: kernelCaptures.appendingPathComponent(name), encoding: .utf8)
        var bytes = [UInt8]()
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            var chars = Array(line.utf8)[...]
            while chars.count >= 2, let b = UInt8(String(decoding: chars.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(b)
                chars = chars.dropFirst(2)
            }
        }
        return Data(bytes)
    }

    @Test func dumpVerboseMatchesIpsecTools() throws {
        let dir = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let conf = try Self.linuxUserspace(in: dir)
        let load = try CommandRunner.setkey(["--config", conf, "-f", Self.reference.appendingPathComponent("out/verbose.conf").path])
        #expect(load.status == 0, "\(load.stdout)\(load.stderr)")
        let d = try CommandRunner.setkey(["--config", conf, "-D", "-v"])
        #expect(d.status == 0)
        #expect(Self.normalised(d.stdout) == Self.normalised(try Self.referenceOutput("verbose.D")))
        let dp = try CommandRunner.setkey(["--config", conf, "-DP", "-v"])
        #expect(Self.normalised(dp.stdout) == Self.normalised(try Self.referenceOutput("verbose.DP")))
    }

    /// `setkey -v -f verbose.conf`: every request and the kernel's answer to it. ipsec-tools'
    /// own capture lags one answer behind (Linux answers FLUSH twice and setkey reads one
    /// message per request); we pair each request with its answer, so only the requests and
    /// the SA's echo are compared with it.
    @Test func scriptVerbosePrintsEveryRequestAndItsAnswer() throws {
        let dir = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let conf = try Self.linuxUserspace(in: dir)
        let r = try CommandRunner.setkey(["--config", conf, "-v", "-f", Self.reference.appendingPathComponent("out/verbose.conf").path])
        #expect(r.status == 0)
        let records = Self.normalised(r.stdout).components(separatedBy: "\n\n").filter { !$0.isEmpty }
        let types = records.map { $0.split(separator: "\n").first.map(String.init) ?? "" }
        #expect(types == [
            "sadb_msg{ version=2 type=9 errno=0 satype=0", "sadb_msg{ version=2 type=9 errno=0 satype=0",
            "sadb_msg{ version=2 type=19 errno=0 satype=0", "sadb_msg{ version=2 type=19 errno=0 satype=0",
            "sadb_msg{ version=2 type=3 errno=0 satype=3", "sadb_msg{ version=2 type=3 errno=0 satype=3",
            "sadb_msg{ version=2 type=14 errno=0 satype=0", "sadb_msg{ version=2 type=14 errno=0 satype=0",
        ])
        let captured = Self.normalised(try Self.referenceOutput("verbose.load")).components(separatedBy: "\n\n")
        // The ADD request and the kernel's ADD echo are the same bytes as ipsec-tools printed.
        #expect(records.count == 8 && records[4] == captured[4])
        #expect(records.count == 8 && captured.contains(records[5]))
        // The SPDADD request.
        #expect(records.count == 8 && records[6] == captured[6])
    }

    @Test func dumpHexPrintsTheRequestBeforeTheRecords() throws {
        let dir = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let conf = try Self.linuxUserspace(in: dir)
        _ = try CommandRunner.setkey(["--config", conf, "-f", Self.reference.appendingPathComponent("out/verbose.conf").path])
        let plain = try CommandRunner.setkey(["--config", conf, "-D"])
        let hex = try CommandRunner.setkey(["--config", conf, "-D", "-H"])
        let first = hex.stdout.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
        // SADB_DUMP, satype 0, length 2 words, seq 0, then the pid in host order; a trailing blank.
        #expect(first.hasPrefix("00000000: 02 0a 00 00 02 00 00 00 00 00 00 00 "), "\(first)")
        #expect(first.hasSuffix(" "))
        #expect(Self.normalised(String(hex.stdout.dropFirst(first.count + 1))) == Self.normalised(plain.stdout))
        // Reference line 1, pid aside.
        let captured = try Self.referenceOutput("sa-variety.DH").split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.prefix(46) == captured.prefix(46))
    }

    @Test func noKeysHidesKeysInTheTrace() throws {
        let dir = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let conf = try Self.linuxUserspace(in: dir)
        let script = Self.reference.appendingPathComponent("out/verbose.conf").path
        let r = try CommandRunner.setkey(["--config", conf, "-v", "-H", "--nokeys", "-f", script])
        #expect(r.status == 0)
        #expect(!r.stdout.contains("00112233 44556677"), "\(r.stdout)")
        #expect(!r.stdout.contains("00 11 22 33 44 55 66 77"))
        #expect(r.stdout.contains("key= <redacted 16 bytes> }"))
        let d = try CommandRunner.setkey(["--config", conf, "-D", "-v", "--nokeys"])
        #expect(!d.stdout.contains("00112233 44556677"), "\(d.stdout)")
    }

    /// `-x` on a backend without PF_KEY: the record a promiscuous PF_KEY socket would show for
    /// another process's `setkey -F` (reference 4.7).
    @Test func monitorShowsAnotherProcessesFlushAsPFKeyRecords() throws {
        let dir = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let conf = try Self.linuxUserspace(in: dir)
        _ = try CommandRunner.setkey(["--config", conf, "-D"])  // creates the state folder
        let out = dir.appendingPathComponent("monitor.out")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        let monitor = Process()
        monitor.executableURL = URL(fileURLWithPath: CommandRunner.setkeyPath)
        monitor.arguments = ["--config", conf, "-x"]
        monitor.environment = ["TZ": "UTC", "HOME": dir.path]
        monitor.standardOutput = try FileHandle(forWritingTo: out)
        try monitor.run()
        // SIGKILL: the test runner's threads block SIGTERM, and a child inherits that mask.
        defer { if monitor.isRunning { kill(monitor.processIdentifier, SIGKILL) } }
        usleep(400_000)
        let flush = try CommandRunner.setkey(["--config", conf, "-F"])
        #expect(flush.status == 0)
        var text = ""
        for _ in 0..<50 where !text.contains("type=9") {
            usleep(100_000)
            text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        }
        kill(monitor.processIdentifier, SIGKILL)
        monitor.waitUntilExit()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count >= 4, "\(text)")
        guard lines.count >= 4 else { return }
        #expect(lines[0].range(of: #"^[0-2][0-9]:[0-5][0-9]:[0-5][0-9]\.[0-9]{6} $"#, options: .regularExpression) != nil,
                "\(lines[0])")
        #expect(lines[1] == "sadb_msg{ version=2 type=9 errno=0 satype=0")
        #expect(lines[2].hasPrefix("  len=2 reserved=0 seq=0 pid="))
        #expect(lines[3] == "")
    }

    /// `setkey FILE`: a file of SADB_DUMP records captured from a Linux kernel prints as that
    /// kernel's `setkey -D` did.
    @Test func messageFilesPrintAsTheKernelsAnswers() throws {
        let dir = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let dump = dir.appendingPathComponent("dump.bin")
        try Self.capturedMessages("dump-sa-variety.hex").write(to: dump)
        let r = try CommandRunner.setkey([dump.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Self.normalised(r.stdout) == Self.normalised(try Self.referenceOutput("sa-variety.D")))

        let errors = dir.appendingPathComponent("errors.bin")
        try Self.capturedMessages("error-replies.hex").write(to: errors)
        let e = try CommandRunner.setkey([errors.path])
        #expect(e.stdout == "File exists.\nNo such process.\nInvalid argument.\nInvalid argument.\nNo entry.\nNo such process.\n")

        let missing = try CommandRunner.setkey([dir.appendingPathComponent("absent").path])
        #expect(missing.status == 1)
        #expect(missing.stderr == "setkey: \(dir.appendingPathComponent("absent").path): No such file or directory\n")
        let short = dir.appendingPathComponent("short.bin")
        try Data([2, 3, 0]).write(to: short)
        let s = try CommandRunner.setkey([short.path])
        #expect(s.status == 1 && s.stderr == "setkey: \(short.path): Invalid argument\n")
    }
}
