import Testing
@testable import SetkeyCore

/// Checks of parsed statements against a backend's capabilities.
@Suite struct StatementValidatorTests {
    /// A backend like Linux PF_KEY: ESP/AH/IPComp, the catalogue's Linux algorithms, fwd,
    /// priorities and NAT-T, at most 6 requests.
    static let linuxLike = BackendCapabilities(
        personality: .linux, saTypes: [.esp, .ah, .ipcomp],
        features: [.policyPriority, .forwardPolicies, .natTraversal],
        algorithms: BackendCapabilities.catalogueAlgorithms(for: .linux, includeAEAD: false),
        maximumRequestsPerPolicy: 6)

    /// A backend with nothing optional and only two algorithms.
    static let minimal = BackendCapabilities(
        personality: .kame, saTypes: [.esp],
        features: [],
        algorithms: [AlgorithmID(.encryption, 12): KeyBitsRange(128, 256), AlgorithmID(.encryption, 11): KeyBitsRange(0, 0)])

    private func statements(_ text: String) throws -> [LocatedStatement] {
        let result = Syntax.parse(text)
        #expect(!result.hasErrors, "\(result.diagnostics.map(\.description))")
        return result.statements
    }

    private func diagnostics(_ text: String, _ capabilities: BackendCapabilities) throws -> [Diagnostic] {
        StatementValidator.validate(try statements(text), capabilities: capabilities, backendName: "test")
    }

    @Test func nothingToCheck() throws {
        #expect(StatementValidator.validate([], capabilities: Self.minimal, backendName: "test").isEmpty)
        #expect(try diagnostics("flush; dump; spdflush; spddump; exit;", Self.minimal).isEmpty)
    }

    @Test func supportedStatementsPass() throws {
        let text = """
            add 10.0.0.1 10.0.0.2 esp 0x1002 -m tunnel -E aes-cbc 0x00112233445566778899aabbccddeeff
                -A hmac-sha256 0x00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff ;
            add 10.0.0.1[4500] 10.0.0.2[4500] esp-udp 0x4001 -E null -A hmac-sha1 "12345678901234567890";
            add ::1 ::2 ipcomp 3 -C lzs;
            spdadd 10.0.0.0/24 10.0.1.0/24 any -P fwd prio def + 10 ipsec esp/tunnel/1.2.3.4-5.6.7.8/require;
            """
        #expect(try diagnostics(text, Self.linuxLike).isEmpty)
    }

    @Test func unsupportedSATypes() throws {
        let found = try diagnostics("add ::1 ::2 tcp 1 -A tcp-md5 \"k\"; flush ah; dump esp; get ::1 ::2 ah 1; deleteall ::1 ::2 ipcomp; deleteall ::1 ::2;", Self.minimal)
        #expect(found.map(\.id) == ["unsupported-sa-type", "unsupported-algorithm", "unsupported-sa-type",
                                    "unsupported-sa-type", "unsupported-sa-type"])
        #expect(found[0].message == "SA type 'tcp' is not supported by backend 'test'")
        #expect(found[0].location.line == 1 && found[0].location.column == 1)
    }

    @Test func algorithmsMustBeListed() throws {
        let found = try diagnostics("add ::1 ::2 esp 1 -E twofish-cbc 0x00112233445566778899aabbccddeeff;", Self.minimal)
        #expect(found.map(\.message) == ["algorithm 'twofish-cbc' is not supported by backend 'test'"])
        let keyed = try diagnostics("add ::1 ::2 ah 1 -A keyed-md5 \"1234567812345678\";", Self.linuxLike)
        #expect(keyed.map(\.id) == ["unsupported-algorithm"])
    }

    @Test func keyLengthsMustBeInTheRange() throws {
        let found = try diagnostics("add 10.0.0.1 10.0.0.2 esp 10000 -E rijndael-cbc \"aaaaaaaaaaaaaaa\";", Self.linuxLike)
        #expect(found.map(\.id) == ["invalid-key-length"])
        #expect(found.first?.message == "invalid key length for 'aes-cbc': 120 bits, backend 'test' accepts 128-256 bits")
        #expect(try diagnostics("add ::1 ::2 esp 1 -E aes-cbc \"1234567890123456\" -A hmac-sha1 \"short\";", Self.linuxLike)
                .first?.message == "invalid key length for 'hmac-sha1': 40 bits, backend 'test' accepts 160 bits")
    }

    @Test func compressionIsNotChecked() throws {
        #expect(try diagnostics("add ::1 ::2 esp 1 -C oui;", Self.minimal).isEmpty)
    }

    @Test func policyFeatures() throws {
        let text = """
            spdadd ::1 ::2 any -P out prio 5 none;
            spdadd tagged "x" -P out none;
            spdadd ::1 ::2 any -ctx 1 1 "c" -P out none;
            spdadd ::1 ::2 any -P out entrust;
            spdadd ::1 ::2 any -P out ipsec esp/tunnel/::1[4500]-::2/require;
            add ::1 ::2 esp-udp 1 -E null;
            add ::1 ::2 esp 1 -ctx 1 1 "c" -E null;
            """
        let found = try diagnostics(text, Self.minimal)
        #expect(found.map(\.id) == ["unsupported-priority", "unsupported-tagged-policy", "unsupported-security-context",
                                    "unsupported-action", "unsupported-endpoint-ports", "unsupported-nat-traversal",
                                    "unsupported-security-context"])
        #expect(found.map(\.location.line) == [1, 2, 3, 4, 5, 6, 7])
        #expect(found.allSatisfy { $0.severity == .error && $0.message.hasSuffix("backend 'test'") })
    }

    @Test func tooManyRequests() throws {
        let seven = Array(repeating: "esp/transport//require", count: 7).joined(separator: " ")
        let found = try diagnostics("spdadd ::1 ::2 any -P out ipsec \(seven);", Self.linuxLike)
        #expect(found.map(\.message) == ["policy has 7 requests; backend 'test' accepts at most 6"])
        let six = Array(repeating: "esp/transport//require", count: 6).joined(separator: " ")
        #expect(try diagnostics("spdadd ::1 ::2 any -P out ipsec \(six);", Self.linuxLike).isEmpty)
    }

    @Test func fwdBecomesInWithAWarningWithoutForwardPolicies() throws {
        let input = try statements("spdadd ::1 ::2 any -P fwd none; spddelete ::1 ::2 any -P fwd; spdadd ::1 ::2 any -P out none;")
        let validation = StatementValidator.adjust(input, capabilities: Self.minimal, backendName: "test")
        #expect(!validation.hasErrors)
        #expect(validation.diagnostics.map(\.id) == ["fwd-treated-as-in", "fwd-treated-as-in"])
        #expect(validation.diagnostics.first?.severity == .warning)
        #expect(validation.diagnostics.first?.message == "'fwd' is treated as 'in' by backend 'test', as the classic BSD setkey does")
        let directions: [PolicyDirection] = validation.statements.compactMap {
            switch $0.statement {
            case .spdAdd(let p), .spdDelete(let p): return p.direction
            default: return nil
            }
        }
        #expect(directions == [.inbound, .inbound, .outbound])
        #expect(validation.statements.map(\.range) == input.map(\.range))
        // the same diagnostics from validate
        #expect(StatementValidator.validate(input, capabilities: Self.minimal, backendName: "test") == validation.diagnostics)
        // a backend with fwd keeps it
        let kept = StatementValidator.adjust(input, capabilities: Self.linuxLike, backendName: "test")
        #expect(kept.diagnostics.isEmpty)
        #expect(kept.statements.map(\.statement) == input.map(\.statement))
    }
}
