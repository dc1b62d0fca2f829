import Testing
@testable import SetkeyCore

/// Error paths of the statement grammar, recovery at `;`, and how diagnostics print.
@Suite struct ParserDiagnosticsTests {
    @Test func emptyScriptHasNoStatementsAndNoDiagnostics() {
        let result = Syntax.parse("")
        #expect(result.statements.isEmpty && result.diagnostics.isEmpty)
        #expect(Syntax.parse("\n# nothing\n\n").statements.isEmpty)
    }

    @Test func everyBrokenStatementIsReportedAndTheOthersKept() {
        let source = MarkedSource("""
            flush;
            add 10.0.0.1 1️⃣host esp 1 -E null;
            spdflush;
            spdadd 10.0.0.1 10.0.0.2 any -P out ipsec 2️⃣esp/tunnel//require;
            dump;
            """)
        let result = ScriptParser.parse(source.bytes, options: ParseOptions(fileName: "t.conf"))
        #expect(result.statements.map(\.statement) == [.flush(.unspecified), .spdFlush, .dump(.unspecified)])
        #expect(result.statements.map(\.resultLine) == [1, 3, 5])
        #expect(result.diagnostics.map(\.id) == ["not-numeric-address", "tunnel-needs-endpoints"])
        #expect(result.diagnostics.map(\.location.offset) == [source.offsets[1], source.offsets[2]])
        #expect(result.errorCount == 2)
    }

    @Test func recoverySkipsPolicyTextThatTheStatementGrammarCannotLex() {
        // `_` is illegal outside a policy: the skipped policy text must not end the recovery early
        let result = Syntax.parse("spdadd bad 10.0.0.1 any -P out ipsec esp/tunnel/a_b-c/require; flush;")
        #expect(result.diagnostics.count == 1)
        #expect(result.statements.map(\.statement) == [.flush(.unspecified)])
    }

    @Test func lexicalErrors() {
        Syntax.expectDiagnostic("flush 1️⃣_;", id: "illegal-character", message: "unexpected character '_'")
        Syntax.expectDiagnostic("flush 1️⃣\u{1};", id: "illegal-character", message: "unexpected byte 0x1")
        Syntax.expectDiagnostic("add 10.0.0.1 10.0.0.2 esp 1 1️⃣\\\n -E null;", id: "line-continuation",
                                message: "line continuation with '\\' is not supported by setkey")
        Syntax.expectDiagnostic("add ::1 ::1 ah 1 -A hmac-md5 1️⃣\"open;", id: "unterminated-string")
        Syntax.expectDiagnostic("spdadd ::1 ::2 any -P out ipsec esp/transport//require 1️⃣\\\n;", id: "line-continuation")
        Syntax.expectDiagnostic("spdadd ::1 ::2 any -P out 1️⃣\"none\";", id: "illegal-character")
    }

    @Test func statementBoundaries() {
        Syntax.expectDiagnostic("flush1️⃣", id: "unterminated-statement", message: "the statement is not terminated by ';'")
        Syntax.expectDiagnostic("flush esp 1️⃣foo;", id: "expected-semicolon")
        Syntax.expectDiagnostic("1️⃣hello;", id: "unknown-command", message: "unknown command 'hello'")
        Syntax.expectDiagnostic("1️⃣getspi ::1 ::2 esp 1;", id: "unknown-command")
        Syntax.expectDiagnostic("1️⃣;", id: "expected-command")
        Syntax.expectDiagnostic("flush; 1️⃣esp;", id: "expected-command")
        Syntax.expectDiagnostic("spdadd ::1 ::2 any -P out none1️⃣", id: "unterminated-statement")
    }

    @Test func exitStopsReading() {
        let result = Syntax.parse("flush;\nexit;\nthis is not \\ setkey at all")
        #expect(result.diagnostics.isEmpty)
        #expect(result.statements.map(\.statement) == [.flush(.unspecified), .exit])
    }

    @Test func saErrors() {
        Syntax.expectDiagnostic("add 10.0.0.1 10.0.0.2 esp 1 1️⃣;", id: "missing-algorithm",
                                message: "'add' needs an algorithm: '-E', '-A' or '-C'")
        Syntax.expectDiagnostic("add ::1 ::2 ipcomp 1 -E null 1️⃣-C deflate;", id: "compression-with-cipher")
        Syntax.expectDiagnostic("add ::1 ::2 esp 1 1️⃣-R -E null;", id: "raw-cpi-without-compression")
        Syntax.expectDiagnostic("add ::1 ::2 esp-old 1 1️⃣-r 4 -E null;", id: "replay-with-old")
        Syntax.expectDiagnostic("add ::1 ::2 esp-old 1 -E 1️⃣des-deriv \"12345678\";", id: "algorithm-mismatch",
                                message: "'des-deriv' cannot be used with 'esp-old'")
        Syntax.expectDiagnostic("add ::1 ::2 esp 1 -E 1️⃣des-32iv \"12345678\";", id: "algorithm-mismatch",
                                message: "'des-32iv' can only be used with 'esp-old'")
        Syntax.expectDiagnostic("add 10.0.0.1 10.0.0.2 esp 10000 -E null 1️⃣\"a\";", id: "algorithm-takes-no-key",
                                message: "algorithm 'null' takes no key")
        Syntax.expectDiagnostic("add ::1 ::2 esp 1 -E null -A null 1️⃣0x00;", id: "algorithm-takes-no-key")
        Syntax.expectDiagnostic("add ::1 ::2 esp 1 -E 1️⃣aes-cbc;", id: "algorithm-needs-key")
        Syntax.expectDiagnostic("add ::1 ::2 esp 1 -E 1️⃣rc5-cbc \"kamekame\";", id: "unknown-algorithm",
                                message: "unknown encryption algorithm 'rc5-cbc'")
        Syntax.expectDiagnostic("add ::1 ::2 esp 1 -A 1️⃣aes-cbc \"x\";", id: "unknown-algorithm")
        Syntax.expectDiagnostic("add ::1 ::2 ipcomp 1 -C 1️⃣gzip;", id: "unknown-algorithm")
        Syntax.expectDiagnostic("add ::1 ::2 ipcomp 1 -C deflate 1️⃣\"key\";", id: "algorithm-takes-no-key")
        Syntax.expectDiagnostic("add ::1 ::2 tcp 1 -A tcp-md5 1️⃣\"\(String(repeating: "k", count: 81))\";", id: "invalid-key-length")
        Syntax.expectDiagnostic("add ::1 ::2 tcp 1 -A tcp-md5 1️⃣\"\";", id: "invalid-key-length")
        Syntax.expectDiagnostic("add ::1 ::2 esp 1 -E null 1️⃣-E null;", id: "duplicate-algorithm")
        Syntax.expectDiagnostic("add ::1 ::2 esp 1 -m tunnel 1️⃣-m transport -E null;", id: "duplicate-option",
                                severity: .warning)
        Syntax.expectDiagnostic("add ::1 ::2 esp 1 -m 1️⃣fast -E null;", id: "expected")
        Syntax.expectDiagnostic("add ::1 ::2 esp 1 -f 1️⃣pad -E null;", id: "expected")
        Syntax.expectDiagnostic("add ::1 ::2 1️⃣udp 1 -E null;", id: "expected")
        Syntax.expectDiagnostic("add ::1 ::2 esp 1️⃣foo -E null;", id: "expected")
        Syntax.expectDiagnostic("add ::1 ::2 esp 1 -E null 1️⃣-P out;", id: "expected-semicolon")
    }

    @Test func numbersNeverTruncate() {
        Syntax.expectDiagnostic("add ::1 ::2 esp 1️⃣0x100000000 -E null;", id: "out-of-range",
                                message: "SPI '0x100000000' is out of range 0-4294967295")
        Syntax.expectDiagnostic("add ::1 ::2 esp 1️⃣4294967296 -E null;", id: "out-of-range")
        Syntax.expectDiagnostic("add ::1 ::2 esp 1️⃣0x10000000000000000 -E null;", id: "out-of-range")
        Syntax.expectDiagnostic("add ::1 ::2 esp 1 -u 1️⃣4294967296 -E null;", id: "out-of-range",
                                message: "the '-u' value '4294967296' is out of range 0-4294967295")
        Syntax.expectDiagnostic("add ::1 ::2 esp 1 -r 1️⃣4294967296 -E null;", id: "out-of-range")
        Syntax.expectDiagnostic("add ::1 ::2 esp 1 -lh 1️⃣18446744073709551616 -E null;", id: "out-of-range")
        Syntax.expectDiagnostic("add ::1 ::2 esp 1 -ctx 1️⃣256 1 \"x\" -E null;", id: "out-of-range")
        Syntax.expectDiagnostic("add ::1[1️⃣99999] ::2 esp 1 -E null;", id: "out-of-range")
    }

    @Test func addressErrors() {
        Syntax.expectDiagnostic("add 1️⃣myhost.example.com ::2 esp 1 -E null;", id: "not-numeric-address",
                                message: "'myhost.example.com' is not a numeric address; setkey does not resolve names")
        Syntax.expectDiagnostic("add 1️⃣fe80::1%em0 ::2 esp 1 -E null;", id: "scoped-address")
        Syntax.expectDiagnostic("add 1️⃣10 ::2 esp 1 -E null;", id: "not-numeric-address")
        Syntax.expectDiagnostic("add 1️⃣10.0.0.1 ::2 esp 1 -E null;", id: "family-mismatch")
        Syntax.expectDiagnostic("add ::1[1️⃣no-such-service-x] ::2 esp 1 -E null;", id: "unknown-service")
        Syntax.expectDiagnostic("add ::1[1️⃣-1] ::2 esp 1 -E null;", id: "illegal-character")
        Syntax.expectDiagnostic("add ::1 ::2 esp-udp 1️⃣gw 1 -E null;", id: "not-numeric-address")
        Syntax.expectDiagnostic("add 1️⃣esp 0x10001 -E des-cbc \"ESP with\";", id: "expected",
                                message: "expected a source address, found 'esp'")
    }

    @Test func textMustBePrintable() {
        Syntax.expectDiagnostic("add ::1 ::2 esp 1 -ctx 1 1 1️⃣\"a\nb\" -E null;", id: "invalid-text")
        Syntax.expectDiagnostic("spdadd tagged 1️⃣\"\u{7}\" -P out none;", id: "invalid-text")
    }

    @Test func renderedCompilerStyleWithTheSourceLineAndACaret() {
        let text = "flush;\n\tadd 10.0.0.1 host esp 1 -E null;\n"
        let result = ScriptParser.parse(Array(text.utf8), options: ParseOptions(fileName: "sa.conf"))
        #expect(result.diagnostics.first?.rendered(source: Array(text.utf8)) == """
            setkey: sa.conf:2:15: error: 'host' is not a numeric address; setkey does not resolve names
            \tadd 10.0.0.1 host esp 1 -E null;
            \t             ^~~~

            """)
    }

    @Test func locationsCountQuotedNewlinesAndStartWhereTheOptionsSay() {
        let text = "add ::1 ::2 ah 1 -A hmac-md5 \"1234\n5678\n90123456\"\n -E ;"
        let result = ScriptParser.parse(Array(text.utf8), options: ParseOptions(fileName: "x", firstLine: 10, firstColumn: 5))
        let d = result.diagnostics.first
        #expect(d?.location.line == 13)
        #expect(d?.location.column == 5)
        let one = ScriptParser.parse(Array(" flush 1;".utf8), options: ParseOptions(fileName: "x", firstLine: 4, firstColumn: 20))
        #expect(one.diagnostics.first.map { ($0.location.line, $0.location.column) } ?? (0, 0) == (4, 27))
    }

    @Test func garbageNeverHangsOrTraps() {
        let inputs = ["-", "\"", "\\", "[[[", "spdadd -P", "spdadd ::1 ::2 any -P", "add -4 -6 -n", ";;;;", "-P out;",
                      "spdadd ::1 ::2 any -P out ipsec esp/tunnel/", "add ::1 ::2 esp 1 -E", "\u{0}\u{ff}", "-ctx",
                      "spdadd tagged", "get ::1[", "flush #;", "spdadd ::1 ::2 any -P out prio - -", String(repeating: "/", count: 1000)]
        for input in inputs {
            let result = Syntax.parse(input)
            #expect(result.hasErrors || result.statements.isEmpty, "\(input)")
        }
    }
}
