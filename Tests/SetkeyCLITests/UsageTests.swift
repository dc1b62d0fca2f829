import Testing
import Foundation

/// The command line as a user meets it: usage, version, help, bad options. Each test checks
/// stdout, stderr and the exit status together.
@Suite struct UsageTests {
    @Test func noArgumentsPrintsUsageAndFails() throws {
        let r = try CommandRunner.setkey([])
        #expect(r.status == 1)
        #expect(r.stdout.contains("usage: setkey [-vrk] [-B backend] file ..."))
        #expect(r.stderr.isEmpty)
    }

    @Test func classicVersionExitsOne() throws {
        let r = try CommandRunner.setkey(["-V"])
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("setkey (Swift setkey)"))
    }

    @Test func longVersionAndHelpSucceed() throws {
        let v = try CommandRunner.setkey(["--version"])
        #expect(v.status == 0)
        let h = try CommandRunner.setkey(["--help"])
        #expect(h.status == 0)
        #expect(h.stdout.contains("--list-backends"))
        #expect(h.stderr.isEmpty)
    }

    /// glibc getopt's complaint on stderr, then setkey's usage() on stdout.
    @Test(arguments: [(["-z"], "invalid option -- 'z'"), (["--bogus"], "unrecognized option '--bogus'"),
                      (["-f"], "option requires an argument -- 'f'"), (["-B"], "option requires an argument -- 'B'"),
                      (["--config"], "option '--config' requires an argument"),
                      (["--backend"], "option '--backend' requires an argument")])
    func badOptionsPrintWhyOnStderrAndUsageOnStdout(args: [String], message: String) throws {
        let r = try CommandRunner.setkey(args)
        #expect(r.status == 1)
        #expect(r.stderr == "setkey: \(message)\n")
        #expect(r.stdout.hasPrefix("setkey (Swift setkey)"))
        #expect(r.stdout.contains("\nusage: setkey"))
    }

    /// setkey exits inside its option loop for -V, -h and -?: a mode after them never runs.
    @Test func versionAndUsageStopBeforeAnyMode() throws {
        let dir = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("record.log")
        let conf = try CommandRunner.writeConfiguration("backend = record\n[record]\noutput = \(log.path)\n", in: dir)
        for flag in ["-V", "-h", "-?"] {
            let r = try CommandRunner.setkey(["--config", conf.path, flag, "-F"])
            #expect(r.status == 1)
            #expect(r.stdout.hasPrefix("setkey (Swift setkey)"))
        }
        #expect(((try? String(contentsOf: log, encoding: .utf8)) ?? "") == "")
    }

    /// Every -f file is opened while options are read, even when a later mode wins.
    @Test func missingScriptIsAnErrorEvenWhenAnotherModeWins() throws {
        let r = try CommandRunner.setkey(["-B", "record", "-f", "/nonexistent/x.conf", "-F"])
        #expect(r.status == 1)
        #expect(r.stderr == "setkey: fopen: No such file or directory\n")
    }

    /// Ours: `-f FILE -D` runs the script, then dumps (setkey would silently drop the script).
    @Test func scriptThenDumpInOneRun() throws {
        let example = CommandRunner.packageRoot.appendingPathComponent("Config/examples/transport-esp.conf").path
        let dir = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let conf = try CommandRunner.writeConfiguration("backend = record\n[record]\noutput = \(dir.appendingPathComponent("log").path)\n", in: dir)
        let r = try CommandRunner.setkey(["--config", conf.path, "-f", example, "-D"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("spi=4097(0x00001001)") && r.stdout.contains("spi=4098(0x00001002)"))
        let p = try CommandRunner.setkey(["--config", conf.path, "-DP", "-f", example])
        #expect(p.stdout.contains("esp/transport//require"))
        let n = try CommandRunner.setkey(["--config", conf.path, "-n", "-f", example, "-D"])
        #expect(n.status == 0 && n.stdout == "")
    }

    @Test func questionMarkAndDashHPrintUsage() throws {
        for flag in ["-h", "-?"] {
            let r = try CommandRunner.setkey([flag])
            #expect(r.status == 1)
            #expect(r.stdout.contains("usage:"))
        }
    }

    /// A BSD build of setkey has no fwd semantics and says so once for -r and -k.
    @Test func forwardFlagsWarnWhereThereIsNoFwd() throws {
        let dir = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let conf = try CommandRunner.writeConfiguration("[record]\noutput = \(dir.appendingPathComponent("log").path)\npersonality = kame\n", in: dir)
        let r = try CommandRunner.setkey(["--config", conf.path, "-B", "record", "-k", "-D"])
        #expect(r.stdout == "warning: -r and -k options are not supported in this environment\nNo SAD entries.\n")
        try "[record]\noutput = \(dir.appendingPathComponent("log").path)\npersonality = linux\n"
            .write(to: conf, atomically: true, encoding: .utf8)
        let linux = try CommandRunner.setkey(["--config", conf.path, "-B", "record", "-k", "-D"])
        #expect(linux.stdout == "No SAD entries.\n")
    }
}

