import Testing
import SetkeyCore

/// Line-level behaviour of the classic SA record (reference 4.1), one feature at a time.
@Suite struct FormatClassicSARecordTests {
    typealias B = FormatBuilder
    static let now: Int64 = 1_733_250_071

    func text(_ sa: SecurityAssociation, _ p: Personality = .linux, ports: Bool = false, keys: KeyDisplay = .show,
              dead: Bool = false) -> String {
        FormatFixtures.dumpSAs([sa], FormatOptions(personality: p, showPorts: ports, keys: keys, showDead: dead,
                                                   now: Self.now, pid: 7))
    }

    func lines(_ s: String) -> [String] { s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    @Test func keyOfOneGroup() {
        let t = text(B.sa("1.1.1.1", "2.2.2.2", .esp, 1, e: (12, "0x00112233")))
        #expect(lines(t)[2] == "\tE: aes-cbc  00112233")
    }

    @Test func keyOfExactly32BytesHasNoContinuation() {
        let t = text(B.sa("1.1.1.1", "2.2.2.2", .ah, 1, a: (5, "0x" + String(repeating: "ab", count: 32))))
        #expect(lines(t)[2] == "\tA: hmac-sha256  " + Array(repeating: "abababab", count: 8).joined(separator: " "))
        #expect(lines(t)[3].hasPrefix("\tseq="))
    }

    @Test func keyOf33BytesContinuesWithABlankLedLine() {
        let t = text(B.sa("1.1.1.1", "2.2.2.2", .ah, 1, a: (7, "0x" + String(repeating: "cd", count: 32) + "ef")))
        #expect(lines(t)[3] == " ef")
    }

    @Test func keyOf65BytesWrapsTwice() {
        let t = text(B.sa("1.1.1.1", "2.2.2.2", .ah, 1, a: (7, "0x" + String(repeating: "01", count: 65))))
        #expect(lines(t)[3] == " " + Array(repeating: "01010101", count: 8).joined(separator: " "))
        #expect(lines(t)[4] == " 01")
    }

    @Test func zeroLengthKeyOnLinuxHasNoLine() {
        let t = text(B.sa("1.1.1.1", "2.2.2.2", .esp, 1, e: (11, ""), a: (251, "")))
        #expect(!t.contains("E:") && !t.contains("A:"))
    }

    /// BSD kernels keep the 0-bit KEY_ENCRYPT setkey sends for `-E null`; for `-A null`
    /// setkey sends no KEY_AUTH, so there is no `A:` line on any kernel.
    @Test(arguments: [Personality.kame, .freebsd])
    func zeroLengthKeyOnBSDPrintsTheNameOnly(p: Personality) {
        let t = text(B.sa("1.1.1.1", "2.2.2.2", .esp, 1, e: (11, ""), a: (251, "")), p)
        #expect(lines(t)[2] == "\tE: null ")
        #expect(lines(t)[3].hasPrefix("\tseq="))
        #expect(!t.contains("A:"))
    }

    @Test func redactedKeysShowTheirLength() {
        let t = text(B.sa("1.1.1.1", "2.2.2.2", .esp, 1, e: (12, "0x" + String(repeating: "00", count: 16)),
                          a: (3, "0x01")), keys: .redacted)
        #expect(lines(t)[2] == "\tE: aes-cbc  <redacted 16 bytes>")
        #expect(lines(t)[3] == "\tA: hmac-sha1  <redacted 1 byte>")
    }

    @Test(arguments: [(AlgorithmKind.authentication, UInt8(199), "\tA: 199  01"),
                      (.encryption, 0, "\tE: none  01"), (.encryption, 201, "\tE: 201  01")])
    func unknownAlgorithmPrintsTheNumberAndABlank(kind: AlgorithmKind, id: UInt8, line: String) {
        var sa = B.sa("1.1.1.1", "2.2.2.2", .esp, 1)
        let alg = KeyedAlgorithm(id: AlgorithmID(kind, id), key: SAKey([1]))
        if kind == .encryption { sa.encryption = alg } else { sa.authentication = alg }
        #expect(lines(text(sa))[2] == line)
    }

    @Test func freeBSDAlgorithmNames() {
        let sa = B.sa("1.1.1.1", "2.2.2.2", .esp, 1, e: (3, "0x01"), a: (5, "0x02"))
        #expect(lines(text(sa, .freebsd))[2] == "\tE: 3  01")
        #expect(lines(text(sa, .freebsd))[3] == "\tA: hmac-sha2-256  02")
        #expect(lines(text(sa, .linux))[3] == "\tA: hmac-sha256  02")
    }

    @Test func compressionContinuesOnTheSeqLine() {
        let t = text(B.sa("1.1.1.1", "2.2.2.2", .ipcomp, 0x3001, c: 2))
        #expect(lines(t)[2] == "\tC: deflate \tseq=0x00000000 replay=0 flags=0x00000040 state=mature ")
        let unknown = text(B.sa("1.1.1.1", "2.2.2.2", .ipcomp, 0x3001))
        #expect(lines(unknown)[2].hasPrefix("\tC: none \tseq="))
    }

    @Test func headerTrailingBlankAndPorts() {
        var sa = B.sa("1.1.1.1", "2.2.2.2", .esp, 1)
        sa.sourcePort = 500
        #expect(lines(text(sa))[0] == "1.1.1.1 2.2.2.2 ")
        #expect(lines(text(sa, ports: true))[0] == "1.1.1.1[500] 2.2.2.2[0] ")
        #expect(lines(text(sa, .freebsd))[0] == "1.1.1.1 2.2.2.2")
        #expect(lines(text(sa, .freebsd, ports: true))[0] == "1.1.1.1 2.2.2.2")
    }

    @Test func natTraversalWording() {
        var natt = NATTraversal(sourcePort: 4500, destinationPort: 4501)
        natt.originalAddress = B.address("10.9.9.9")
        let esp = B.sa("1.1.1.1", "2.2.2.2", .esp, 1, natt: natt)
        #expect(Array(lines(text(esp))[0...2]) == ["1.1.1.1[4500] 2.2.2.2[4501] ",
                                                  "\tesp-udp mode=any spi=1(0x00000001) reqid=0(0x00000000)",
                                                  "\tNAT OA=10.9.9.9"])
        #expect(lines(text(esp, ports: true))[0] == "1.1.1.1[0][4500] 2.2.2.2[0][4501] ")
        #expect(lines(text(esp, .freebsd))[2] == "\tNAT: OAI=10.9.9.9")
        let ah = B.sa("1.1.1.1", "2.2.2.2", .ah, 1, natt: NATTraversal())
        #expect(lines(text(ah))[1].hasPrefix("\tnatt+ah mode=any"))
        #expect(lines(text(ah, .freebsd))[1].hasPrefix("\tah mode=any"))
    }

    @Test func natTraversalTypeZeroCountsOnlyOnFreeBSD() {
        let sa = B.sa("1.1.1.1", "2.2.2.2", .esp, 1, natt: NATTraversal(type: 0))
        #expect(lines(text(sa))[0] == "1.1.1.1 2.2.2.2 ")
        #expect(lines(text(sa))[1].hasPrefix("\tesp mode="))
        #expect(lines(text(sa, .freebsd))[0] == "1.1.1.1[4500] 2.2.2.2[4500]")
        #expect(lines(text(sa, .freebsd))[1].hasPrefix("\tesp-udp mode="))
    }

    @Test(arguments: [(IPsecMode.any, "any "), (.transport, "transport "), (.tunnel, "tunnel "), (.beet, "3 ")])
    func modeWords(mode: IPsecMode, word: String) {
        #expect(lines(text(B.sa("1.1.1.1", "2.2.2.2", .esp, 0xffffffff, mode: mode, reqid: 16384)))[1]
            == "\tesp mode=\(word)spi=4294967295(0xffffffff) reqid=16384(0x00004000)")
    }

    @Test func withoutReportedStateThereIsNoLifetimeBlock() {
        let t = text(B.sa("1.1.1.1", "2.2.2.2", .esp, 1))
        #expect(lines(t) == ["1.1.1.1 2.2.2.2 ", "\tesp mode=any spi=1(0x00000001) reqid=0(0x00000000)",
                             "\tseq=0x00000000 replay=0 flags=0x00000040 state=mature ",
                             "\tsadb_seq=0 pid=7 refcnt=0", ""])
    }

    @Test func lifetimeBlock() {
        let reported = ReportedSAState(current: Lifetime(allocations: 3, bytes: 9_007_199_254_740_993,
                                                         addTime: UInt64(Self.now - 70), useTime: 0),
                                       sequence: 0x10, messageSequence: 9, messagePID: 99, referenceCount: 4)
        let sa = B.sa("1.1.1.1", "2.2.2.2", .esp, 1, hard: Lifetime(allocations: 5, bytes: 100, addTime: 60, useTime: 30),
                      soft: Lifetime(addTime: 50), reported: reported)
        #expect(Array(lines(text(sa))[2...]) == [
            "\tseq=0x00000010 replay=0 flags=0x00000040 state=mature ",
            "\tcreated: Dec  3 18:20:01 2024\tcurrent: Dec  3 18:21:11 2024",
            "\tdiff: 70(s)\thard: 60(s)\tsoft: 50(s)",
            "\tlast:                     \thard: 30(s)\tsoft: 0(s)",
            "\tcurrent: 9007199254740992(bytes)\thard: 100(bytes)\tsoft: 0(bytes)",
            "\tallocated: 3\thard: 5\tsoft: 0",
            "\tsadb_seq=9 pid=99 refcnt=4", "",
        ])
    }

    @Test func creationInTheFutureWrapsLikeAnUnsignedLong() {
        let sa = B.sa("1.1.1.1", "2.2.2.2", .esp, 1,
                      reported: ReportedSAState(current: Lifetime(addTime: UInt64(Self.now + 1))))
        #expect(lines(text(sa))[4].hasPrefix("\tdiff: 18446744073709551615(s)"))
    }

    @Test func deadIsSkippedUnlessAll() {
        let sa = B.sa("1.1.1.1", "2.2.2.2", .esp, 1, reported: ReportedSAState(state: .dead))
        #expect(text(sa) == "")
        #expect(lines(text(sa, dead: true))[2].hasSuffix("state=dead "))
    }

    @Test func getReplyPrintsDeadAndSequenceZero() {
        let sa = B.sa("1.1.1.1", "2.2.2.2", .esp, 1, reported: ReportedSAState(state: .dead))
        let t = FormatFixtures.render(FormatOptions(now: Self.now, pid: 3)) { $0.getReply(sa) }
        #expect(t.hasSuffix("state=dead \n\tcreated:                     \tcurrent: Dec  3 18:21:11 2024\n"
            + "\tdiff: 0(s)\thard: 0(s)\tsoft: 0(s)\n\tlast:                     \thard: 0(s)\tsoft: 0(s)\n"
            + "\tcurrent: 0(bytes)\thard: 0(bytes)\tsoft: 0(bytes)\n\tallocated: 0\thard: 0\tsoft: 0\n"
            + "\tsadb_seq=0 pid=3 refcnt=0\n"))
    }

    @Test(arguments: [Personality.linux, .kame])
    func securityContextLines(p: Personality) {
        var sa = B.sa("1.1.1.1", "2.2.2.2", .esp, 1)
        sa.securityContext = SecurityContext(doi: 1, algorithm: 2, context: "ctx")
        #expect(Array(lines(text(sa, p))[3...6]) == ["\tsecurity context doi: 1", "\tsecurity context algorithm: 2",
                                                    "\tsecurity context length: 4", "\tsecurity context: ctx"])
    }
}
