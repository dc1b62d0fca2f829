import Testing
@testable import SetkeyCore

/// `-c`: cutting standard input into statements as lines arrive.
@Suite struct LineModeAccumulatorTests {
    private func feedLines(_ text: String, into accumulator: inout LineModeAccumulator) -> [LineModeAccumulator.Chunk] {
        var chunks: [LineModeAccumulator.Chunk] = []
        var line: [UInt8] = []
        for b in Array(text.utf8) {
            line.append(b)
            if b == UInt8(ascii: "\n") {
                chunks += accumulator.feed(line)
                line = []
            }
        }
        chunks += accumulator.feed(line)
        return chunks
    }

    private func texts(_ chunks: [LineModeAccumulator.Chunk]) -> [String] {
        chunks.map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    @Test func emptyInput() {
        var a = LineModeAccumulator()
        #expect(a.feed([UInt8]()).isEmpty)
        #expect(a.finish() == nil)
    }

    @Test func oneStatementOnOneLine() {
        var a = LineModeAccumulator()
        let chunks = a.feed(Array("flush;\n".utf8))
        #expect(chunks == [LineModeAccumulator.Chunk(bytes: Array("flush;".utf8), line: 1, column: 1, isTerminated: true)])
        #expect(a.finish() == nil)
    }

    @Test func twoStatementsOnOneLineKeepTheirColumns() {
        var a = LineModeAccumulator()
        let chunks = a.feed(Array("flush; spdflush;\n".utf8))
        #expect(texts(chunks) == ["flush;", " spdflush;"])
        #expect(chunks.map { [$0.line, $0.column] } == [[1, 1], [1, 7]])
    }

    @Test func aStatementOverManyLinesComesOutWhenItsSemicolonArrives() {
        var a = LineModeAccumulator()
        #expect(a.feed(Array("add 10.0.0.1 10.0.0.2 esp 1\n".utf8)).isEmpty)
        #expect(a.feed(Array("\t-E null\n".utf8)).isEmpty)
        let chunks = a.feed(Array(";\n".utf8))
        #expect(texts(chunks) == ["add 10.0.0.1 10.0.0.2 esp 1\n\t-E null\n;"])
        #expect(chunks.first?.line == 1)
    }

    @Test func semicolonsInQuotesAndCommentsDoNotEndAStatement() {
        var a = LineModeAccumulator()
        let chunks = feedLines("# a; b\nadd ::1 ::1 ah 1 -A hmac-md5 \"a;#\nb\" ; # c;\nflush;", into: &a)
        #expect(texts(chunks) == ["# a; b\nadd ::1 ::1 ah 1 -A hmac-md5 \"a;#\nb\" ;", " # c;\nflush;"])
        #expect(chunks.map(\.line) == [1, 3])
        #expect(a.finish() == nil)
    }

    @Test func theRestWithoutASemicolonIsReportedAtTheEnd() {
        var a = LineModeAccumulator()
        #expect(a.feed(Array("flush;\nspdflush".utf8)).count == 1)
        let rest = a.finish()
        #expect(rest.map { String(decoding: $0.bytes, as: UTF8.self) } == "\nspdflush")
        #expect(rest?.isTerminated == false)
        #expect(rest.map { [$0.line, $0.column] } == [1, 7])
        let parsed = ScriptParser.parse(rest?.bytes ?? [], options: ParseOptions(fileName: "(stdin)", firstLine: rest?.line ?? 1,
                                                                                  firstColumn: rest?.column ?? 1))
        #expect(parsed.diagnostics.map(\.id) == ["unterminated-statement"])
        #expect(parsed.diagnostics.first.map { [$0.location.line, $0.location.column] } == [2, 9])
    }

    @Test func onlyBlanksAndCommentsLeftIsNothing() {
        var a = LineModeAccumulator()
        #expect(a.feed(Array("flush; # done; really\n  \n".utf8)).count == 1)
        #expect(a.finish() == nil)
        var b = LineModeAccumulator()
        _ = b.feed(Array("\"unterminated".utf8))
        #expect(b.finish()?.isTerminated == false)
    }

    @Test func noLengthLimit() {
        let key = "0x" + String(repeating: "ab", count: 4000)
        var a = LineModeAccumulator()
        let chunks = feedLines("add ::1 ::2 ah 1\n -A hmac-sha1 \(key)\n ;\n", into: &a)
        #expect(chunks.count == 1)
        let parsed = ScriptParser.parse(chunks[0].bytes, options: ParseOptions(fileName: "(stdin)"))
        guard case .add(let sa)? = parsed.statements.first?.statement else { Issue.record("no add"); return }
        #expect(sa.authentication?.key.count == 4000)
    }

    @Test func bytesOneAtATimeGiveTheSameChunks() {
        let text = "flush; add ::1 ::2 esp 1 -E null;# x;\nspdadd ::1 ::2 any -P out\nipsec esp/transport//require;\n"
        var whole = LineModeAccumulator(firstLine: 5)
        let all = whole.feed(Array(text.utf8))
        var single = LineModeAccumulator(firstLine: 5)
        var one: [LineModeAccumulator.Chunk] = []
        for b in text.utf8 { one += single.feed([b]) }
        #expect(one == all)
        #expect(all.map(\.line) == [5, 5, 5])
        #expect(all.map(\.bytes).reduce([], +) == Array(text.utf8.dropLast()))
    }

    @Test func chunksParseAtTheirLines() {
        var a = LineModeAccumulator()
        let chunks = feedLines("flush;\n\nadd 10.0.0.1 10.0.0.2 esp 1 -E null;  get ::1 host esp 1;\n", into: &a)
        #expect(chunks.count == 3)
        let results = chunks.map {
            ScriptParser.parse($0.bytes, options: ParseOptions(fileName: "(stdin)", firstLine: $0.line, firstColumn: $0.column))
        }
        #expect(results[1].statements.first?.resultLine == 3)
        #expect(results[2].diagnostics.first.map { [$0.location.line, $0.location.column] } == [3, 47])
    }
}
