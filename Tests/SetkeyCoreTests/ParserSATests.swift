import Testing
@testable import SetkeyCore

/// SA statements: add, update, get, delete, deleteall, flush, dump.
@Suite struct ParserSATests {
    private let aes = AlgorithmID(.encryption, 12)
    private let sha1 = AlgorithmID(.authentication, 3)

    @Test func addWithOneAlgorithmAndDefaults() throws {
        let sa = try Syntax.securityAssociation("add 10.0.0.1 10.0.0.2 esp 0x100 -E null;")
        #expect(sa == SecurityAssociation(source: ip("10.0.0.1"), destination: ip("10.0.0.2"), type: .esp,
                                          spi: SPI(0x100), encryption: KeyedAlgorithm(id: AlgorithmID(.encryption, 11))))
        #expect(sa.flags == .setkeyDefault)
        #expect(sa.mode == .any)
        #expect(sa.natTraversal == nil)
    }

    @Test func addWithEveryOption() throws {
        let sa = try Syntax.securityAssociation("""
            add 192.0.2.1 192.0.2.2 esp 4096 -m tunnel -u 5 -r 32 -f random-pad -f zero-pad
                -lh 3600 -ls 1800 -bh 100000 -bs 50000 -ctx 1 2 "system_u:object_r:x"
                -E aes-cbc 0x00112233445566778899aabbccddeeff -A hmac-sha1 "this is the test key";
            """)
        #expect(sa.spi == SPI(4096))
        #expect(sa.mode == .tunnel)
        #expect(sa.reqid == RequestID(5))
        #expect(sa.replayWindow == 32)
        #expect(sa.flags == [.cyclicSequence, .randomPadding, .zeroPadding])
        #expect(sa.hardLifetime == Lifetime(bytes: 100000, addTime: 3600))
        #expect(sa.softLifetime == Lifetime(bytes: 50000, addTime: 1800))
        #expect(sa.securityContext == SecurityContext(doi: 1, algorithm: 2, context: "system_u:object_r:x"))
        #expect(sa.encryption == KeyedAlgorithm(id: aes, key: SAKey([0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
                                                                      0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff])))
        #expect(sa.authentication == KeyedAlgorithm(id: sha1, key: SAKey(Array("this is the test key".utf8))))
    }

    @Test func optionsInAnyOrder() throws {
        let a = try Syntax.securityAssociation("add ::1 ::1 esp 1 -A hmac-sha1 \"12345678901234567890\" -E null -u 3 -m transport;")
        let b = try Syntax.securityAssociation("add ::1 ::1 esp 1 -m transport -u 3 -E null -A hmac-sha1 \"12345678901234567890\";")
        #expect(a == b)
    }

    @Test func paddingAndSequenceFlags() throws {
        #expect(try Syntax.securityAssociation("add ::1 ::1 esp 1 -f seq-pad -E null;").flags == .setkeyDefault)
        #expect(try Syntax.securityAssociation("add ::1 ::1 esp 1 -f nocyclic-seq -E null;").flags == [])
    }

    @Test func updateIsAnAddThatReplaces() throws {
        let statement = try Syntax.statement("update 10.0.0.1 10.0.0.2 esp 10000 -E rijndael-cbc \"aaaaaaaaaaaaaaaa\";")
        guard case .update(let sa) = statement else { Issue.record("not update"); return }
        #expect(sa.encryption?.id == aes)
    }

    @Test func oldProtocolsSetTheOldFlag() throws {
        let esp = try Syntax.securityAssociation("add ::1 ::1 esp-old 1 -E des-cbc \"12345678\";")
        #expect(esp.type == .esp && esp.flags.contains(.old))
        let ah = try Syntax.securityAssociation("add ::1 ::1 ah-old 1 -A keyed-md5 \"1234567812345678\";")
        #expect(ah.type == .ah && ah.flags.contains(.old))
        #expect(ah.authentication?.id == AlgorithmID(.authentication, 249))
    }

    @Test func desAliasesSetTheirFlags() throws {
        let deriv = try Syntax.securityAssociation("add ::1 ::1 esp 10002 -m transport -E des-deriv \"12341234\";")
        #expect(deriv.flags == [.cyclicSequence, .derivedIV])
        #expect(deriv.encryption?.id == AlgorithmID(.encryption, 2))
        let iv = try Syntax.securityAssociation("add ::1 ::1 esp-old 10003 -m transport -E des-32iv \"12341234\";")
        #expect(iv.flags == [.cyclicSequence, .old, .iv4Bytes])
    }

    @Test func simpleIsNullWithAWarning() {
        let result = Syntax.expectDiagnostic("add ::1 ::1 esp 1 -E 1️⃣simple;", id: "obsolete-algorithm", severity: .warning)
        #expect(!result.hasErrors)
        guard case .add(let sa)? = result.statements.first?.statement else { Issue.record("no add"); return }
        #expect(sa.encryption == KeyedAlgorithm(id: AlgorithmID(.encryption, 11)))
    }

    @Test func natTraversalPortsDefaultTo4500() throws {
        let plain = try Syntax.securityAssociation("add 10.0.1.2 20.0.0.2 esp-udp 10000 -E null;")
        #expect(plain.type == .esp)
        #expect(plain.natTraversal == NATTraversal(type: 2, sourcePort: 4500, destinationPort: 4500))
        #expect((plain.sourcePort, plain.destinationPort) == (0, 0))
        let written = try Syntax.securityAssociation("add 10.0.1.2 [9696] 20.0.0.2[any] esp-udp 10000 -E null;")
        #expect(written.natTraversal == NATTraversal(type: 2, sourcePort: 9696, destinationPort: 4500))
        #expect((written.sourcePort, written.destinationPort) == (9696, 0))
        let original = try Syntax.securityAssociation("add 10.0.1.2 20.0.0.2 esp-udp 192.168.0.1 10000 -E null;")
        #expect(original.natTraversal?.originalAddress == ip("192.168.0.1"))
        #expect(original.spi == SPI(10000))
    }

    @Test func compressionWithRawCPI() throws {
        let sa = try Syntax.securityAssociation("add 10.0.0.1 10.0.0.2 ipcomp 0x3002 -C deflate -R;")
        #expect(sa.type == .ipcomp)
        #expect(sa.compression == KeyedAlgorithm(id: AlgorithmID(.compression, 2)))
        #expect(sa.flags.contains(.rawCPI))
    }

    @Test func tcpSignature() throws {
        let sa = try Syntax.securityAssociation("add 10.1.10.34 10.1.10.36 tcp 0x1000 -A tcp-md5 \"TCP-MD5 BGP secret\";")
        #expect(sa.type == .tcpSignature)
        #expect(sa.authentication?.key.count == 18)
    }

    @Test func hexKeysWithAnOddDigitCountGetALeadingNibble() throws {
        let sa = try Syntax.securityAssociation("add ::1 ::1 ah 1 -A hmac-md5 0xabc;")
        #expect(sa.authentication?.key == SAKey([0x0a, 0xbc]))
        let one = try Syntax.securityAssociation("add ::1 ::1 ah 1 -A hmac-md5 0x1;")
        #expect(one.authentication?.key == SAKey([0x01]))
    }

    @Test func quotedKeysAreTheirBytesAndMaySpanLines() throws {
        let sa = try Syntax.securityAssociation("add ::1 ::1 ah 1 -A hmac-md5 \"a\nb;#\";")
        #expect(sa.authentication?.key == SAKey(Array("a\nb;#".utf8)))
    }

    @Test(arguments: [("1", UInt32(1)), ("0x0", 0), ("4294967295", .max), ("0xffffffff", .max), ("0x00000000ff", 255)])
    func spiLimits(text: String, value: UInt32) throws {
        #expect(try Syntax.securityAssociation("add ::1 ::1 esp \(text) -E null;").spi == SPI(value))
    }

    @Test func portsWithOrWithoutABlankAndAny() throws {
        let a = try Syntax.securityAssociation("add 10.0.0.1[500] 10.0.0.2 [any] esp 1 -E null;")
        #expect((a.sourcePort, a.destinationPort) == (500, 0))
        let b = try Syntax.securityAssociation("add 10.0.0.1 [65535] 10.0.0.2[0] esp 1 -E null;")
        #expect((b.sourcePort, b.destinationPort) == (65535, 0))
    }

    @Test(.enabled(if: SystemDatabasesProbe.hasDomainService, "needs 'domain' in the service database"))
    func serviceNamesAreUDPServices() throws {
        let sa = try Syntax.securityAssociation("add 10.0.0.1[domain] 10.0.0.2 esp 1 -E null;")
        #expect(sa.sourcePort == 53)
    }

    @Test func resolverFlagsAfterTheCommandWord() throws {
        #expect(try Syntax.securityAssociation("add -4 10.0.0.1 10.0.0.2 esp 1 -E null;").source == ip("10.0.0.1"))
        #expect(try Syntax.securityAssociation("add -n -6 ::1 ::2 esp 1 -E null;").source == ip("::1"))
        #expect(try Syntax.securityAssociation("add -46 ::1 ::2 esp 1 -E null;").source == ip("::1"))
        Syntax.expectDiagnostic("add -4 1️⃣::1 ::2 esp 1 -E null;", id: "family-flag-mismatch",
                                message: "'::1' is not an IPv4 address, as '-4' requires")
        Syntax.expectDiagnostic("add -6 1️⃣10.0.0.1 10.0.0.2 esp 1 -E null;", id: "family-flag-mismatch")
    }

    @Test func getAndDeleteNameOneSA() throws {
        let get = try Syntax.statement("get 3ffe:501:4819::1 3ffe:501:481d::1 ah 123456 ;")
        #expect(get == .get(SAIdentity(source: ip("3ffe:501:4819::1"), destination: ip("3ffe:501:481d::1"), type: .ah,
                                       spi: SPI(123456))))
        let delete = try Syntax.statement("delete 10.0.0.1[4500] 10.0.0.2 esp 0x10;")
        #expect(delete == .delete(SAIdentity(source: ip("10.0.0.1"), destination: ip("10.0.0.2"), type: .esp,
                                             spi: SPI(16), sourcePort: 4500)))
    }

    @Test func modeOnGetIsObsoleteAndOtherOptionsAreIgnored() {
        let result = Syntax.expectDiagnostic("get ::1 ::2 esp 1 1️⃣-m tunnel;", id: "mode-obsolete",
                                             message: "mode is obsolete", severity: .warning)
        #expect(result.statements.count == 1)
        #expect(Syntax.parse("get ::1 ::2 esp 1 -m any;").diagnostics.isEmpty)
        Syntax.expectDiagnostic("delete ::1 ::2 esp 1 1️⃣-u 4;", id: "option-ignored",
                                message: "'-u' has no effect in 'delete'", severity: .warning)
        Syntax.expectDiagnostic("get ::1 ::2 esp 1 1️⃣-E null;", id: "option-not-allowed",
                                message: "'-E' is not allowed in 'get'")
    }

    @Test func deleteAllTakesBareAddressesAndAnOptionalProtocol() throws {
        #expect(try Syntax.statement("deleteall 203.0.113.5 192.168.1.10 esp;")
                == .deleteAll(source: ip("203.0.113.5"), destination: ip("192.168.1.10"), type: .esp))
        #expect(try Syntax.statement("deleteall ::1 ::2;") == .deleteAll(source: ip("::1"), destination: ip("::2"),
                                                                          type: .unspecified))
        Syntax.expectDiagnostic("deleteall 10.0.0.1 1️⃣[500] 10.0.0.2 esp;", id: "expected")
    }

    @Test(arguments: [("flush;", Statement.flush(.unspecified)), ("flush esp;", .flush(.esp)), ("flush ah-old ;", .flush(.ah)),
                      ("flush esp-udp;", .flush(.esp)), ("dump;", .dump(.unspecified)), ("dump ipcomp;", .dump(.ipcomp)),
                      ("dump tcp;", .dump(.tcpSignature)), ("spdflush;", .spdFlush), ("spddump ;", .spdDump),
                      ("exit;", .exit), ("quit;", .exit), ("bye;", .exit)])
    func statementsWithoutOperands(text: String, statement: Statement) throws {
        #expect(try Syntax.statement(text) == statement)
    }
}

/// Whether this host's service database knows `domain` (53/udp).
enum SystemDatabasesProbe {
    static let hasDomainService: Bool = Array("domain".utf8).withUnsafeBufferPointer {
        SystemDatabases.udpServicePort(named: $0) == 53
    }
    /// Whether this host's protocol database knows `ospf` (89).
    static let hasOSPFProtocol: Bool = Array("ospf".utf8).withUnsafeBufferPointer {
        SystemDatabases.protocolNumber(named: $0) == 89
    }
}
