import Testing
@testable import SetkeyCore

/// The real-world inputs of Tests/Fixtures/corpus (provenance in its SOURCES.md), each pinned:
/// how many statements parse, the first parse error (or none), and the first error of
/// validating the parsed statements against a Linux PF_KEY-like backend (or none).
@Suite struct CorpusTests {
    enum Outcome: Equatable, CustomStringConvertible {
        case accepted
        /// line, column and id of the first diagnostic.
        case rejected(Int, Int, String)

        var description: String {
            switch self {
            case .accepted: return "accepted"
            case .rejected(let l, let c, let id): return "rejected at \(l):\(c) (\(id))"
            }
        }
    }

    struct Expectation: Sendable, CustomStringConvertible {
        let file: String
        let statements: Int
        let parse: Outcome
        let validation: Outcome
        /// Why it is rejected, from the reference or SOURCES.md ("" when accepted and valid).
        let reason: String
        var description: String { file }
    }

    static let directory = TestFiles.directory(of: #filePath) + "/../Fixtures/corpus"

    /// The backend the validation column is checked against: Linux af_key (ESP/AH/IPComp,
    /// the algorithms Linux offers over PF_KEY, no AEAD, fwd, priorities, NAT-T).
    static let linux = BackendCapabilities(
        personality: .linux, saTypes: [.esp, .ah, .ipcomp],
        features: [.policyPriority, .forwardPolicies, .natTraversal, .tunnelEndpointPorts],
        algorithms: BackendCapabilities.catalogueAlgorithms(for: .linux, includeAEAD: false),
        maximumRequestsPerPolicy: 6)

    static let expectations: [Expectation] = [
        .init(file: "JeremyLi_openwrt-ipsec_setkey.conf_heredoc.conf", statements: 4, parse: .accepted, validation: .accepted,
              reason: ""),
        .init(file: "brudel_EngSec_Lab03_ipsec-tools.conf", statements: 2, parse: .rejected(4, 8, "not-numeric-address"),
              validation: .accepted,
              reason: "a template: placeholder words (IPSNET_Propria) instead of addresses; setkey takes numeric addresses only"),
        .init(file: "debian_ipsec-tools.conf", statements: 0, parse: .accepted, validation: .accepted,
              reason: "every statement is commented out"),
        .init(file: "debian_tunnel-openbsd-to-debian_extract.conf", statements: 4, parse: .accepted, validation: .accepted,
              reason: ""),
        .init(file: "f0xdr0_main_ipsec-tools.conf", statements: 4, parse: .accepted, validation: .accepted, reason: ""),
        .init(file: "freebsd_sample.cf", statements: 44, parse: .accepted, validation: .rejected(50, 1, "invalid-key-length"),
              reason: "the 20-byte key \"this is the test key\" is given to hmac-sha2-512, which takes 512 bits (reference 3.1)"),
        .init(file: "freebsd_setkey8_examples.conf", statements: 7, parse: .rejected(4, 8, "not-numeric-address"),
              validation: .rejected(1, 1, "unsupported-algorithm"),
              reason: "host names (myhost.example.com) need a resolver; aes-gcm-16 is not offered by Linux PF_KEY (3.2)"),
        .init(file: "ipsec-tools_sample-policy01.cf", statements: 7, parse: .accepted, validation: .accepted, reason: ""),
        .init(file: "ipsec-tools_sample-policy02.cf", statements: 11, parse: .accepted, validation: .accepted, reason: ""),
        .init(file: "ipsec-tools_sample.cf", statements: 55, parse: .rejected(157, 5, "unknown-algorithm"),
              validation: .rejected(75, 1, "unsupported-algorithm"),
              reason: "rc5-cbc is accepted by no current lexer (3.2); keyed-md5 is not offered by Linux (3.1)"),
        .init(file: "ipsec-tools_setkey8_examples.conf", statements: 9, parse: .rejected(4, 8, "not-numeric-address"),
              validation: .rejected(20, 1, "unsupported-sa-type"),
              reason: "host names need a resolver; the tcp (TCP-MD5) SA type exists on BSD only (2.3)"),
        .init(file: "ipsec-tools_setkey8_inline_examples.conf", statements: 2, parse: .rejected(2, 33, "missing-policy"),
              validation: .accepted, reason: "the man page's 'gre 1234' line lacks '-P' (SOURCES.md)"),
        .init(file: "jhoangr_Networking_practices_ipsec-GW1.sh", statements: 8, parse: .accepted, validation: .accepted,
              reason: ""),
        .init(file: "jhoangr_Networking_practices_ipsec-GW2.sh", statements: 8, parse: .accepted, validation: .accepted,
              reason: ""),
        .init(file: "joan667_ipsec_GW1.sh", statements: 2, parse: .rejected(6, 47, "line-continuation"),
              validation: .accepted, reason: "backslash line continuations: setkey has none (2.1), the file never worked"),
        .init(file: "joan667_ipsec_GW2.sh", statements: 2, parse: .rejected(6, 47, "line-continuation"),
              validation: .accepted, reason: "backslash line continuations: setkey has none (2.1)"),
        .init(file: "libreswan_flush-on-startup-pfkeyv2_setkey.in", statements: 5, parse: .accepted,
              validation: .rejected(3, 1, "unsupported-algorithm"),
              reason: "written for FreeBSD: aes-gcm-16 is not offered by Linux PF_KEY (3.2)"),
        .init(file: "libreswan_interop-racoon-20_netbsdwest_instantiated.conf", statements: 2, parse: .accepted,
              validation: .accepted, reason: ""),
        .init(file: "libreswan_ipsec-interface-00_freebsd_add.conf", statements: 2, parse: .accepted, validation: .accepted,
              reason: ""),
        .init(file: "netbsd_setkey.conf", statements: 3, parse: .accepted, validation: .accepted, reason: ""),
        .init(file: "netbsd_t_ipsec_esp_keys_aes-gcm-16_valid_instantiated.conf", statements: 2, parse: .accepted,
              validation: .rejected(1, 1, "unsupported-algorithm"),
              reason: "valid on NetBSD; aes-gcm-16 is not offered by Linux PF_KEY (3.2)"),
        .init(file: "netbsd_t_ipsec_esp_keys_null_invalid_instantiated.conf", statements: 0,
              parse: .rejected(1, 41, "algorithm-takes-no-key"), validation: .accepted,
              reason: "negative test: '-E null' with a key is a syntax error (2.5)"),
        .init(file: "netbsd_t_ipsec_esp_keys_rijndael-cbc_invalid120_instantiated.conf", statements: 1, parse: .accepted,
              validation: .rejected(1, 1, "invalid-key-length"),
              reason: "negative test: a 120-bit AES key is outside 128-256 (\"Invalid key length\", 2.5)"),
        .init(file: "netbsd_t_ipsec_misc_update-sa_instantiated.conf", statements: 5, parse: .accepted, validation: .accepted,
              reason: ""),
        .init(file: "netbsd_t_ipsec_misc_update-sp_instantiated.conf", statements: 4, parse: .accepted, validation: .accepted,
              reason: ""),
        .init(file: "netbsd_t_ipsec_natt_local_instantiated.conf", statements: 4, parse: .accepted, validation: .accepted,
              reason: ""),
        .init(file: "netbsd_t_ipsec_natt_remote_instantiated.conf", statements: 4, parse: .accepted, validation: .accepted,
              reason: ""),
        .init(file: "netbsd_t_ipsec_tunnel_ipcomp_v4_esp_instantiated.conf", statements: 6, parse: .accepted,
              validation: .accepted, reason: ""),
        .init(file: "netbsd_t_ipsec_tunnel_ipcomp_v6_ah_instantiated.conf", statements: 6, parse: .accepted,
              validation: .accepted, reason: ""),
        .init(file: "nixelsolutions_test_ipsec_ipsec-tools.conf", statements: 4, parse: .accepted, validation: .accepted,
              reason: ""),
        .init(file: "qnx_manpage_examples.conf", statements: 5, parse: .rejected(7, 5, "expected"), validation: .accepted,
              reason: "documentation bugs: 'add esp 0x10001' has no addresses, 'spdadd[21][any] any' is malformed (SOURCES.md)"),
        .init(file: "racoon_roadwarrior_phase1-down_instantiated.conf", statements: 4, parse: .accepted, validation: .accepted,
              reason: ""),
        .init(file: "racoon_roadwarrior_phase1-up_instantiated.conf", statements: 3, parse: .accepted, validation: .accepted,
              reason: ""),
        .init(file: "racoon_sample-natt_policies_extract.conf", statements: 0, parse: .rejected(3, 55, "line-continuation"),
              validation: .accepted, reason: "backslash line continuations: real setkey rejects '\\' (2.1, SOURCES.md)"),
        .init(file: "sezzon_AnsibleAndFreeBSD_setkey.conf", statements: 4, parse: .accepted, validation: .accepted, reason: ""),
    ]

    static func inputFiles() -> [String] {
        var names: [String] = []
        for suffix in [".conf", ".cf", ".sh", ".in"] { names += TestFiles.names(in: directory, endingWith: suffix) }
        return names.sorted()
    }

    @Test func everyCorpusInputIsPinnedOnce() {
        let pinned = Self.expectations.map(\.file)
        #expect(Set(pinned).count == pinned.count)
        #expect(Self.inputFiles() == pinned.sorted())
        #expect(TestFiles.read(Self.directory + "/SOURCES.md") != nil)
    }

    @Test(arguments: expectations)
    func corpusFile(_ expectation: Expectation) throws {
        let source = try #require(TestFiles.read(Self.directory + "/" + expectation.file))
        let result = ScriptParser.parse(source, options: ParseOptions(fileName: expectation.file))
        #expect(result.statements.count == expectation.statements)
        let parse = result.diagnostics.first { $0.severity == .error }
            .map { Outcome.rejected($0.location.line, $0.location.column, $0.id) } ?? .accepted
        #expect(parse == expectation.parse, "\(expectation.file): \(result.diagnostics.first?.description ?? "")")
        let validation = StatementValidator.validate(result.statements, capabilities: Self.linux, backendName: "linux")
            .first { $0.severity == .error }
            .map { Outcome.rejected($0.location.line, $0.location.column, $0.id) } ?? .accepted
        #expect(validation == expectation.validation, "\(expectation.file)")
        #expect((parse == .accepted && validation == .accepted) || !expectation.reason.isEmpty,
                "\(expectation.file): a rejected file needs a reason")
        // what parsed prints and parses back unchanged
        for located in result.statements {
            let text = CanonicalSyntax.text(of: located.statement)
            #expect(ScriptParser.parse(Array(text.utf8), options: ParseOptions(fileName: "c")).statements.map(\.statement)
                    == [located.statement], "\(text)")
        }
    }
}
