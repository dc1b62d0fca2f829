import Testing
@testable import SetkeyCore

/// The tokens of a text, as (kind, text) pairs, in one lexer mode.
private func tokens(_ text: String, mode: LexerMode = .statement) -> [(TokenKind, String)] {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { buffer in
        var lexer = Lexer(bytes: buffer)
        lexer.mode = mode
        var out: [(TokenKind, String)] = []
        while true {
            let t = lexer.next()
            if t.kind == .endOfInput { return out }
            out.append((t.kind, String(decoding: buffer[t.start..<t.end], as: UTF8.self)))
        }
    }
}

private func kinds(_ text: String, mode: LexerMode = .statement) -> [TokenKind] {
    tokens(text, mode: mode).map(\.0)
}

private func firstToken(_ text: String, firstLine: Int = 1, firstColumn: Int = 1) -> Token {
    Array(text.utf8).withUnsafeBufferPointer { buffer in
        var lexer = Lexer(bytes: buffer, firstLine: firstLine, firstColumn: firstColumn)
        return lexer.next()
    }
}

@Suite struct LexerTests {
    @Test func emptyInputIsEndOfInput() {
        #expect(kinds("").isEmpty)
        #expect(kinds("  \t\n  # only a comment\n").isEmpty)
    }

    @Test(arguments: [
        ("10", TokenKind.decimal), ("0", .decimal), ("10.0.0.1", .word), ("0x10", .hex), ("0X1aF", .hex),
        ("0x", .word), ("0x1g", .word), ("0x10.1", .word), ("3des-cbc", .word), ("135,0", .numberList),
        ("1,", .numberList), ("fe80::1%em0", .word), ("::1", .word), ("hmac-sha256", .word), ("address", .word),
        ("\"a b;c\"", .quoted), ("-4", .resolverFlags), ("-n46", .resolverFlags), (";", .semicolon), ("/", .slash),
        ("[", .leftBracket), ("]", .rightBracket),
    ])
    func oneToken(text: String, kind: TokenKind) {
        let all = tokens(text)
        #expect(all.count == 1)
        #expect(all.first?.0 == kind)
        #expect(all.first?.1 == text)
    }

    @Test func keywordsMatchExactlyAndByLongestMatch() {
        #expect(tokens("add")[0].0 == .keyword)
        #expect(tokens("address")[0].0 == .word)
        #expect(tokens("ad")[0].0 == .word)
        #expect(tokens("ADD")[0].0 == .word)  // case-sensitive
        #expect(firstToken("esp-old").keyword == .espOld)
        #expect(tokens("esp-oldx")[0].0 == .word)
        #expect(firstToken("esp-udp").keyword == .espUDP)
        #expect(firstToken("nocyclic-seq").keyword == .nocyclicSeq)
        #expect(firstToken("spdupdate").keyword == .spdupdate)
    }

    @Test func everyKeywordIsFoundInItsModes() {
        for keyword in Keyword.allCases {
            let bytes = Array(keyword.spelling.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                for mode in [LexerMode.statement, .policy] {
                    let expected = mode == .statement ? keyword.isStatementKeyword : keyword.isPolicyKeyword
                    let found = Keyword.lookup(buffer, 0, buffer.count, mode: mode)
                    #expect(found == (expected ? keyword : nil), "\(keyword.spelling) in \(mode)")
                }
            }
        }
    }

    @Test func keywordsDependOnTheMode() {
        #expect(firstToken("default").kind == .word)
        #expect(tokens("default", mode: .policy)[0].0 == .keyword)
        #expect(tokens("add", mode: .policy)[0].0 == .word)
        #expect(tokens("esp", mode: .policy)[0].0 == .keyword)
    }

    @Test func optionsTakeTheLongestFlag() {
        #expect(tokens("-m -u -f -r -lh -ls -bh -bs -ctx -E -A -C -R -P").allSatisfy { $0.0 == .keyword })
        #expect(tokens("-mx").map(\.1) == ["-m", "x"])
        #expect(tokens("-lhs").map(\.1) == ["-lh", "s"])
        #expect(tokens("-ct").map(\.0) == [.illegalCharacter, .word])
        #expect(tokens("-1").map(\.0) == [.illegalCharacter, .decimal])
        #expect(tokens("-4n").map(\.0) == [.resolverFlags])
    }

    @Test func commentsRunToTheEndOfTheLineWhereverATokenMayStart() {
        #expect(tokens("add # delete ;\n get").map(\.1) == ["add", "get"])
        #expect(tokens("10.0.0.1#comment\n;").map(\.1) == ["10.0.0.1", ";"])
        #expect(tokens("\"a # b\"").map(\.0) == [.quoted])
    }

    @Test func quotedStringsSpanLinesAndCountThem() {
        let bytes = Array("\"a\nb\n\" add".utf8)
        bytes.withUnsafeBufferPointer { buffer in
            var lexer = Lexer(bytes: buffer)
            let quoted = lexer.next()
            #expect(quoted.kind == .quoted)
            let add = lexer.next()
            #expect(add.line == 3)
            #expect(add.column == 3)
        }
    }

    @Test func lexicalErrors() {
        #expect(kinds("\"open") == [.unterminatedString])
        #expect(kinds("a \\\n b") == [.word, .lineContinuation, .word])
        #expect(kinds("a \\ \t\r\n") == [.word, .lineContinuation])
        #expect(kinds("a\\b") == [.word, .illegalCharacter, .word])
        #expect(kinds("_ @ * \r x") == [.illegalCharacter, .illegalCharacter, .illegalCharacter, .illegalCharacter, .word])
        #expect(kinds("\u{7}") == [.illegalCharacter])
    }

    @Test func carriageReturnBeforeNewlineIsABlank() {
        #expect(kinds("flush;\r\nspdflush;\r\n") == [.keyword, .semicolon, .keyword, .semicolon])
    }

    @Test func linesAndColumnsCountBytes() {
        let bytes = Array("add\n\tget  dump".utf8)
        bytes.withUnsafeBufferPointer { buffer in
            var lexer = Lexer(bytes: buffer, firstLine: 7)
            let add = lexer.next()
            #expect((add.line, add.column) == (7, 1))
            let get = lexer.next()
            #expect((get.line, get.column) == (8, 2))
            let dump = lexer.next()
            #expect((dump.line, dump.column, dump.start) == (8, 7, 10))
        }
        let t = firstToken("  x", firstLine: 3, firstColumn: 10)
        #expect((t.line, t.column) == (3, 12))
    }

    @Test func policyModeTokens() {
        let t = tokens("out prio def + 10 ipsec esp/tunnel/10.0.0.1[4500]-fe80::1%em0/unique:3 ;", mode: .policy)
        #expect(t.map(\.1) == ["out", "prio", "def", "+", "10", "ipsec", "esp", "/", "tunnel", "/", "10.0.0.1", "[",
                               "4500", "]", "-", "fe80::1%em0", "/", "unique:3", ";"])
        #expect(t.map(\.0) == [.keyword, .keyword, .keyword, .plus, .decimal, .keyword, .keyword, .slash, .keyword,
                               .slash, .word, .leftBracket, .decimal, .rightBracket, .hyphen, .word, .slash, .word,
                               .semicolon])
        #expect(kinds("me-any", mode: .policy) == [.keyword, .hyphen, .keyword])
        #expect(kinds("a_b", mode: .policy) == [.word])
        #expect(kinds("\"x\" ,", mode: .policy) == [.illegalCharacter, .word, .illegalCharacter, .illegalCharacter])
    }

    @Test func packedWordsIgnoreBytesAfterTheWord() {
        let bytes = Array("esp-oldXXXXXXXXXXXXXXXXXX".utf8)
        bytes.withUnsafeBufferPointer { buffer in
            #expect(Keyword.lookup(buffer, 0, 7, mode: .statement) == .espOld)
            #expect(Keyword.lookup(buffer, 0, 3, mode: .statement) == .esp)
            #expect(Keyword.lookup(buffer, 0, 8, mode: .statement) == nil)
        }
        // near the end of the input the slow path packs byte by byte: same answers
        let short = Array("x esp-old".utf8)
        short.withUnsafeBufferPointer { buffer in
            #expect(Keyword.lookup(buffer, 2, 9, mode: .statement) == .espOld)
        }
    }
}
