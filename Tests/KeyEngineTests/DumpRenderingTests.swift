@testable import KeyEngine
import SetkeyCore
import Testing

/// What `setkey -D` / `-D -a` / `-DP` print for the engine's entries, through the classic
/// renderer, given every SA including dead ones as the executor hands them over.
@Suite struct DumpRenderingTests {
    static func render(_ engine: KeyEngine, personality: Personality, showDead: Bool = false, now: Int64) throws -> String {
        let sink = StringSink()
        let renderer = ClassicTextRenderer(options: FormatOptions(personality: personality, showDead: showDead, now: now,
                                                                  pid: 4242), sink: sink)
        renderer.beginSADump()
        try engine.dumpSAs(includeDead: true) { renderer.sa($0) }
        renderer.endSADump()
        renderer.flush()
        return sink.text
    }

    /// Acceptance, through the renderer: `-ls 2 -lh 4` prints as mature, dying after 2 s,
    /// and after 4 s only with `-a` (kame is the default personality).
    @Test(arguments: [Personality.kame, .linux])
    func lifetimesShowAsMatureDyingAndDeadOnlyWithA(personality: Personality) throws {
        let f = EngineFixture(personality)
        let engine = try f.open()
        _ = try engine.apply(.addSA(LifetimeTests.timed(soft: 2, hard: 4)))
        func now() -> Int64 { Int64(f.clock.now().seconds) }
        #expect(try Self.render(engine, personality: personality, now: now()).contains("state=mature "))
        f.clock.advance(by: 1)
        #expect(try Self.render(engine, personality: personality, now: now()).contains("state=mature "))
        f.clock.advance(by: 1)
        let dying = try Self.render(engine, personality: personality, now: now())
        #expect(dying.contains("state=dying "))
        #expect(dying.contains("\tdiff: 2(s)\thard: 4(s)\tsoft: 2(s)\n"))
        f.clock.advance(by: 2)
        // The kernel still returns the dead SA, so setkey prints neither it nor "No SAD entries.".
        #expect(try Self.render(engine, personality: personality, now: now()) == "")
        let all = try Self.render(engine, personality: personality, showDead: true, now: now())
        #expect(all.contains("state=dead "))
        #expect(all.contains("\tdiff: 4(s)\thard: 4(s)\tsoft: 2(s)\n"))
    }

    @Test func linuxSAReadsBackAsTheKernelReportsIt() throws {
        let engine = try EngineFixture(.linux).open()
        _ = try engine.apply(.addSA(SAReportingTests.sent()))
        let text = try Self.render(engine, personality: .linux, now: 1_700_000_000)
        #expect(text.hasPrefix("192.0.2.1 192.0.2.2 \n\tesp mode=transport spi=4096(0x00001000) reqid=0(0x00000000)\n"))
        #expect(text.contains("\tseq=0x00000000 replay=32 flags=0x00000000 state=mature \n"))
    }

    @Test func kameSAReadsBackAsSent() throws {
        let engine = try EngineFixture(.kame).open()
        _ = try engine.apply(.addSA(SAReportingTests.sent()))
        let text = try Self.render(engine, personality: .kame, now: 1_700_000_000)
        #expect(text.contains("\tesp mode=any spi=4096(0x00001000)"))
        #expect(text.contains("replay=64 flags=0x00000140 state=mature \n"))
    }

    @Test func flushedTableIsNoSADEntries() throws {
        let engine = try EngineFixture(.kame).open()
        _ = try engine.apply([.addSA(espSA(spi: 0x1000)), .flushSAs(.unspecified)])
        #expect(try Self.render(engine, personality: .kame, now: 1_700_000_000) == "No SAD entries.\n")
    }
}
