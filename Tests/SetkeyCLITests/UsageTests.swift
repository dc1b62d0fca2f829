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

    @Test(arguments: [(["-z"], "invalid option -- 'z'"), (["--bogus"], "invalid option -- '--bogus'"),
                      (["-f"], "option requires an argument -- 'f'"), (["-B"], "option requires an argument -- 'B'")])
    func badOptionsPrintWhyAndUsageOnStderr(args: [String], message: String) throws {
        let r = try CommandRunner.setkey(args)
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("setkey: \(message)\nusage: setkey"))
    }

    @Test func questionMarkAndDashHPrintUsage() throws {
        for flag in ["-h", "-?"] {
            let r = try CommandRunner.setkey([flag])
            #expect(r.status == 1)
            #expect(r.stdout.contains("usage:"))
        }
    }
}
