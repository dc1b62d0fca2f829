import Testing
import SetkeyCore

/// A backend that remembers what it was asked and fails what it is told to.
final class ScriptedBackend: KeyBackend {
    static let name = "scripted"
    static let summary = "test double"
    var capabilities: BackendCapabilities
    var batches: [[Mutation]] = []
    var failures: [Int: BackendError] = [:]  // 0-based index over all mutations
    var seen = 0
    /// What `dumpSAs`/`dumpPolicies` throw, nil for an empty table.
    var dumpError: BackendError?

    init(context: BackendContext) throws(BackendError) {
        capabilities = BackendCapabilities(personality: .linux, saTypes: [.esp], features: [.forwardPolicies],
                                           algorithms: [:], preferredBatchSize: 2)
    }

    func apply(_ mutations: [Mutation]) throws(BackendError) -> [Result<Void, BackendError>] {
        batches.append(mutations)
        return mutations.map { _ in
            defer { seen += 1 }
            if let e = failures[seen] { return .failure(e) }
            return .success(())
        }
    }
    func get(_ identity: SAIdentity) throws(BackendError) -> SecurityAssociation { throw .notFound(.noSuchProcess) }
    func dumpSAs(_ filter: SADumpFilter, _ body: (SecurityAssociation) -> Void) throws(BackendError) {
        if let dumpError { throw dumpError }
    }
    func dumpPolicies(_ body: (SecurityPolicy) -> Void) throws(BackendError) {
        if let dumpError { throw dumpError }
    }
    func monitor(_ handler: (KeyEvent) -> Bool) throws(BackendError) {}
    func close() {}
}

@Suite struct ExecutorTests {
    static let a = IPAddress("192.0.2.1")!, b = IPAddress("192.0.2.2")!

    static func policy(_ dir: PolicyDirection, level: IPsecLevel = .require, reqid: UInt32 = 0) -> SecurityPolicy {
        SecurityPolicy(selector: PolicySelector(source: IPPrefix(a), destination: IPPrefix(b)), direction: dir,
                       action: .ipsec, requests: [IPsecRequest(proto: .esp, mode: .transport, level: level,
                                                               reqid: RequestID(reqid))])
    }

    static func located(_ s: Statement, line: Int) -> LocatedStatement {
        let loc = SourceLocation(file: "t.conf", line: line, column: 1, offset: 0)
        return LocatedStatement(statement: s, range: SourceRange(loc), resultLine: line)
    }

    func run(_ statements: [LocatedStatement], backend: ScriptedBackend, forward: Bool = true) -> (ExecutionSummary, String, String) {
        let out = StringSink(), err = StringSink()
        var options = Executor.Options()
        options.forwardCopies = forward
        let executor = Executor(backend: backend, renderer: StatementRenderer(sink: out, keys: .show),
                                reporter: FailureReporter(results: out, details: err), options: options)
        return (executor.run(statements), out.text, err.text)
    }

    @Test func emptyScriptSendsNothing() throws {
        let backend = try ScriptedBackend(context: BackendContext())
        let (summary, out, _) = run([], backend: backend)
        #expect(summary.attempted == 0)
        #expect(backend.batches.isEmpty)
        #expect(out.isEmpty)
    }

    @Test func inPolicyGetsAForwardTwinWithUniqueTurnedIntoRequire() throws {
        let backend = try ScriptedBackend(context: BackendContext())
        _ = run([Self.located(.spdAdd(Self.policy(.inbound, level: .unique, reqid: 7)), line: 1)], backend: backend)
        let sent = backend.batches.flatMap { $0 }
        #expect(sent.count == 2)
        guard case .spdAdd(let twin) = sent[1] else { Issue.record("second is not spdadd"); return }
        #expect(twin.direction == .forward)
        #expect(twin.requests[0].level == .require)
        #expect(twin.requests[0].reqid == .none)
    }

    @Test func kernelModeSendsNoTwin() throws {
        let backend = try ScriptedBackend(context: BackendContext())
        _ = run([Self.located(.spdAdd(Self.policy(.inbound)), line: 1)], backend: backend, forward: false)
        #expect(backend.batches.flatMap { $0 }.count == 1)
    }

    @Test func outPolicyGetsNoTwin() throws {
        let backend = try ScriptedBackend(context: BackendContext())
        _ = run([Self.located(.spdAdd(Self.policy(.outbound)), line: 1)], backend: backend)
        #expect(backend.batches.flatMap { $0 }.count == 1)
    }

    @Test func failuresAreReportedWithTheirLineAndTheRestGoesOn() throws {
        let backend = try ScriptedBackend(context: BackendContext())
        backend.failures = [1: .alreadyExists(.fileExists), 2: .kernelRejected(.invalidArgument, detail: "bad key")]
        let statements = (1...4).map { Self.located(.spdAdd(Self.policy(.outbound)), line: $0 * 10) }
        let (summary, out, err) = run(statements, backend: backend)
        #expect(summary.attempted == 4)
        #expect(summary.failed == 2)
        #expect(out == "The result of line 20: File exists.\nThe result of line 30: Invalid argument.\n")
        #expect(err == "setkey: t.conf:30: bad key\n")
        #expect(backend.batches.map(\.count) == [2, 2])  // the backend's preferred batch size
    }

    @Test func missingEntryOnDeleteReadsNoEntry() throws {
        let backend = try ScriptedBackend(context: BackendContext())
        backend.failures = [0: .notFound(.noSuchFileOrDirectory)]
        let (_, out, _) = run([Self.located(.spdDelete(Self.policy(.outbound)), line: 3)], backend: backend)
        #expect(out == "The result of line 3: No entry.\n")
    }

    @Test func exitStopsBeforeLaterStatements() throws {
        let backend = try ScriptedBackend(context: BackendContext())
        let (summary, _, _) = run([Self.located(.spdFlush, line: 1), Self.located(.exit, line: 2),
                                   Self.located(.spdFlush, line: 3)], backend: backend)
        #expect(summary.exitRequested)
        #expect(backend.batches.flatMap { $0 }.count == 1)
    }

    @Test func queryFlushesPendingChangesFirst() throws {
        let backend = try ScriptedBackend(context: BackendContext())
        let id = SAIdentity(source: Self.a, destination: Self.b, type: .esp, spi: SPI(0x1000))
        let (summary, out, _) = run([Self.located(.spdFlush, line: 1), Self.located(.get(id), line: 2)], backend: backend)
        #expect(backend.batches.count == 1)
        #expect(summary.failed == 1)
        #expect(out == "The result of line 2: No such process.\n")
    }

    /// In a script an empty dump is the kernel's ENOENT reply, printed as every error reply
    /// is there: `The result of line N: No SAD entries.`; a backend that answers ENOENT itself
    /// reads the same, and neither counts as a failure.
    @Test(arguments: [nil, BackendError.notFound(.noSuchFileOrDirectory)])
    func emptyDumpsInAScriptCarryTheirLine(dumpError: BackendError?) throws {
        let backend = try ScriptedBackend(context: BackendContext())
        backend.dumpError = dumpError
        let out = StringSink(), err = StringSink()
        let executor = Executor(backend: backend, renderer: ClassicTextRenderer(options: FormatOptions(), sink: out),
                                reporter: FailureReporter(results: out, details: err), options: Executor.Options())
        let summary = executor.run([Self.located(.dump(.unspecified), line: 4), Self.located(.spdDump, line: 5)])
        #expect(out.text == "The result of line 4: No SAD entries.\nThe result of line 5: No SPD entries.\n")
        #expect(summary.failed == 0)
        var bare = FailureReporter(results: out, details: err)
        bare.withLines = false
        let plain = StringSink()
        let lineless = Executor(backend: backend, renderer: ClassicTextRenderer(options: FormatOptions(), sink: plain),
                                reporter: bare, options: Executor.Options())
        lineless.run([Self.located(.dump(.unspecified), line: 4)])
        #expect(plain.text == "No SAD entries.\n")
    }
}
