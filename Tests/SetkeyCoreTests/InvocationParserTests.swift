import Testing
import SetkeyCore

@Suite struct InvocationParserTests {
    @Test func noArgumentsMeansUsage() throws {
        #expect(try InvocationParser.parse([]).mode == .usage)
    }

    @Test func lastModeWins() throws {
        #expect(try InvocationParser.parse(["-D", "-F"]).mode == .flush)
        #expect(try InvocationParser.parse(["-D", "-x"]).mode == .monitor)
        #expect(try InvocationParser.parse(["-f", "a.conf", "-F"]).mode == .flush)
        #expect(try InvocationParser.parse(["-f", "a.conf", "-f", "b.conf"]).scriptFiles == ["a.conf", "b.conf"])
    }

    /// Ours: a script and -D together run the script, then the dump (setkey drops the script).
    @Test func scriptAndDumpRunBoth() throws {
        for args in [["-f", "a.conf", "-D"], ["-D", "-f", "a.conf"]] {
            let inv = try InvocationParser.parse(args)
            #expect(inv.mode == .file("a.conf") && inv.dumpAfterScript, "\(args)")
        }
        #expect(try InvocationParser.parse(["-c", "-DP"]).dumpAfterScript)
        #expect(try !InvocationParser.parse(["-f", "a.conf", "-D", "-F"]).dumpAfterScript)
    }

    @Test func flagsCombine() throws {
        let inv = try InvocationParser.parse(["-DPapl", "-B", "record", "--json", "--nokeys", "-vv"])
        #expect(inv.mode == .dump)
        #expect(inv.policies && inv.includeDead && inv.showPorts && inv.loop)
        #expect(inv.backend == "record")
        #expect(inv.json && inv.hideKeys)
        #expect(inv.verbose == 2)
    }

    @Test func doubleXMeansEpochTimestamps() throws {
        let inv = try InvocationParser.parse(["-xx"])
        #expect(inv.mode == .monitor)
        #expect(inv.monitorLevel == 2)
    }

    @Test func optionsAfterAFileStillCount() throws {
        // glibc getopt permutes: `-f FILE -n` and `-n -f FILE` are the same
        let inv = try InvocationParser.parse(["-f", "x.conf", "-n", "--backend=record"])
        #expect(inv.mode == .file("x.conf"))
        #expect(inv.noAction)
        #expect(inv.backend == "record")
    }

    @Test func positionalFilesDecodePFKeyMessages() throws {
        #expect(try InvocationParser.parse(["-v", "a.bin", "b.bin"]).mode == .decodeFiles(["a.bin", "b.bin"]))
    }

    @Test func kernelModeClearsForwardCopies() throws {
        #expect(try InvocationParser.parse(["-k", "-c"]).forwardCopies == false)
        #expect(try InvocationParser.parse(["-c"]).forwardCopies == true)
    }

    @Test func unknownOptionIsAUsageError() {
        #expect(throws: UsageError("invalid option -- 'q'")) { try InvocationParser.parse(["-q"]) }
        #expect(throws: UsageError("option requires an argument -- 'f'")) { try InvocationParser.parse(["-f"]) }
    }

    @Test func parsingTwiceGivesTheSameAnswer() throws {
        // getopt's global state is reset on every call
        #expect(try InvocationParser.parse(["-D"]) == InvocationParser.parse(["-D"]))
    }
}
