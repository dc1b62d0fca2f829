import Testing
import SetkeyCore
@testable import SetkeyPFKey

@Suite struct PFKeyBackendTests {
    let pid: UInt32 = 4242
    let a = IPAddress("10.1.0.1")!, dst = IPAddress("10.1.0.2")!

    func backend(_ kernel: ScriptedKernel, _ settings: [String: String] = [:]) throws -> PFKeyBackend {
        try PFKeyBackend(transport: kernel, settings: PFKeySettings(settings), pid: pid)
    }

    var sa: SecurityAssociation {
        SecurityAssociation(source: a, destination: dst, type: .esp, spi: SPI(0x1001), mode: .transport,
                            encryption: KeyedAlgorithm(id: AlgorithmID(.encryption, 12), key: SAKey([UInt8](repeating: 1, count: 16))))
    }

    func record(_ request: PFKey.Message, spi: UInt32, seq: UInt32, state: SAState = .mature,
                source: IPAddress? = nil) -> PFKey.Message {
        var s = SecurityAssociation(source: source ?? a, destination: dst, type: .esp, spi: SPI(spi), flags: [])
        s.reported = ReportedSAState(state: state, messageSequence: seq, messagePID: request.pid)
        return PFKey.KernelReplyBuilder(wire: .linux).saMessage(s)
    }

    @Test func registersEachSATypeAndTakesTheAlgorithmsFromTheReplies() throws {
        let kernel = ScriptedKernel()
        let b = try backend(kernel, ["sequence": "counter"])
        #expect(kernel.sent.map(\.type) == [.register, .register, .register])
        #expect(kernel.sent.map(\.saType) == [3, 2, 9])
        #expect(kernel.sent.map(\.sequence) == [1, 2, 3] && kernel.sent.allSatisfy { $0.pid == pid })
        #expect(b.capabilities.saTypes == [.esp, .ah, .ipcomp])
        #expect(b.capabilities.algorithms[AlgorithmID(.encryption, 12)] == KeyBitsRange(128, 256))
        #expect(b.capabilities.algorithms[AlgorithmID(.compression, 2)] != nil)
        #expect(b.capabilities.personality == .linux && b.capabilities.maximumRequestsPerPolicy == 6)
        #expect(b.capabilities.features.contains([.forwardPolicies, .policyPriority, .pfkeyWire, .monitor]))
        #expect(b.capabilities.check(KeyedAlgorithm(id: AlgorithmID(.encryption, 12), key: SAKey([1, 2])))
                == .invalidLength(bits: 16, range: KeyBitsRange(128, 256)))
        #expect(b.capabilities.check(KeyedAlgorithm(id: AlgorithmID(.encryption, 3))) == .notSupported)
    }

    @Test func aTypeThatDoesNotRegisterIsLeftOut() throws {
        let kernel = ScriptedKernel { m in
            m.type == .register && m.saType == 9 ? [ScriptedKernel.echo(m, errno: .invalidArgument)] : ScriptedKernel.linuxLike(m)
        }
        #expect(try backend(kernel).capabilities.saTypes == [.esp, .ah])
    }

    @Test func noTypeRegisteringIsAnError() {
        let kernel = ScriptedKernel { [ScriptedKernel.echo($0, errno: .operationNotPermitted)] }
        #expect(throws: BackendError.permissionDenied(.operationNotPermitted, detail: nil)) { try backend(kernel) }
        #expect(kernel.closed)
    }

    @Test func addAndItsErrors() throws {
        let kernel = ScriptedKernel()
        let b = try backend(kernel)
        kernel.answer = { m in m.sa?.spi == 0x1001 ? [ScriptedKernel.echo(m)] : [ScriptedKernel.echo(m, errno: .fileExists)] }
        var other = sa
        other.spi = SPI(0x1002)
        let results = try b.apply([.add(sa), .add(other)])
        #expect(results[0].isSuccessForTest && results[1].failureForTest == .alreadyExists(.fileExists))
        let add = try #require(kernel.sent.last { $0.type == .add && $0.sa?.spi == 0x1001 })
        #expect(try add.encoded(for: .linux) == PFKey.RequestBuilder(wire: .linux, pid: pid, sequence: add.sequence)
                    .add(sa).encoded(for: .linux))
    }

    @Test func keysOutsideTheRegisteredRangeAreRefusedBeforeSending() throws {
        let kernel = ScriptedKernel()
        let b = try backend(kernel)
        var long = sa
        long.authentication = KeyedAlgorithm(id: AlgorithmID(.authentication, 3), key: SAKey([UInt8](repeating: 1, count: 21)))
        let sentBefore = kernel.sent.count
        let result = try b.apply([.add(long), .update(long)])
        #expect(result.allSatisfy { $0.failureForTest?.errno == .invalidArgument })
        #expect(kernel.sent.count == sentBefore)
        var unknown = sa
        unknown.encryption = KeyedAlgorithm(id: AlgorithmID(.encryption, 3), key: SAKey([1]))  // not registered: the kernel decides
        #expect(try b.apply([.add(unknown)])[0].isSuccessForTest)
    }

    @Test func repliesOfOtherProcessesTypesAndSequencesAreSkipped() throws {
        let kernel = ScriptedKernel()
        let b = try backend(kernel, ["sequence": "counter"])
        kernel.answer = { m in
            var foreign = ScriptedKernel.echo(m, errno: .fileExists)
            foreign.pid = 1
            var otherType = ScriptedKernel.echo(m, errno: .fileExists)
            otherType.type = .acquire
            var otherSeq = ScriptedKernel.echo(m, errno: .fileExists)
            otherSeq.sequence &+= 7
            return [foreign, otherType, otherSeq, ScriptedKernel.echo(m)]
        }
        #expect(try b.apply([.add(sa)])[0].isSuccessForTest)
    }

    @Test func leftoversAreDrainedBeforeTheNextRequest() throws {
        let kernel = ScriptedKernel()
        let b = try backend(kernel)
        // Linux answers a FLUSH twice: the reply and the broadcast.
        kernel.answer = { m in m.type == .flush ? [ScriptedKernel.echo(m), ScriptedKernel.echo(m)] : [ScriptedKernel.echo(m)] }
        _ = try b.apply([.flush(.unspecified)])
        #expect(kernel.queue.count == 1)
        kernel.answer = { m in [ScriptedKernel.echo(m, errno: .invalidArgument)] }
        #expect(try b.apply([.flush(.unspecified)])[0].failureForTest == .kernelRejected(.invalidArgument, detail: nil))
    }

    @Test func sequenceIsZeroAsSetkeySendsItUnlessCounted() throws {
        let kernel = ScriptedKernel()
        _ = try backend(kernel).apply([.spdFlush])
        #expect(kernel.sent.allSatisfy { $0.sequence == 0 })
        let counted = ScriptedKernel()
        _ = try backend(counted, ["sequence": "counter"]).apply([.spdFlush])
        #expect(counted.sent.map(\.sequence) == [1, 2, 3, 4])
    }

    @Test func noReplyIsATimeout() throws {
        let kernel = ScriptedKernel()
        let b = try backend(kernel)
        kernel.answer = { _ in [] }
        #expect(try b.apply([.spdFlush])[0].failureForTest
                == .system(operation: "recv(PF_KEY): no reply to SADB_X_SPDFLUSH", .tryAgain))
    }

    @Test func dumpReadsUntilSequenceZeroAndSkipsDeadSAs() throws {
        let kernel = ScriptedKernel()
        let b = try backend(kernel)
        kernel.answer = { m in
            [self.record(m, spi: 1, seq: 1), self.record(m, spi: 2, seq: 2, state: .dead), self.record(m, spi: 3, seq: 0)]
        }
        var spis = [UInt32]()
        try b.dumpSAs(.all) { spis.append($0.spi.rawValue) }
        #expect(spis == [1, 3])
        spis.removeAll()
        try b.dumpSAs(SADumpFilter(type: .esp, includeDead: true)) { spis.append($0.spi.rawValue) }
        #expect(spis == [1, 2, 3])
        #expect(kernel.sent.last?.type == .dump && kernel.sent.last?.saType == 3)
    }

    @Test func emptyDumpsAreEmpty() throws {
        let b = try backend(ScriptedKernel())
        var count = 0
        try b.dumpSAs(.all) { _ in count += 1 }
        try b.dumpPolicies { _ in count += 1 }
        #expect(count == 0)
    }

    @Test func anUndecodableRecordFailsAfterTheDumpIsRead() throws {
        let kernel = ScriptedKernel()
        let b = try backend(kernel)
        kernel.answer = { m in
            var bad = self.record(m, spi: 1, seq: 1)
            bad.extensions.removeAll { $0.type == .addressSource }
            return [bad, self.record(m, spi: 2, seq: 0)]
        }
        #expect(throws: BackendError.self) { try b.dumpSAs(.all) { _ in } }
        #expect(kernel.queue.isEmpty)
    }

    @Test func getAndItsAbsence() throws {
        let kernel = ScriptedKernel()
        let b = try backend(kernel)
        kernel.answer = { m in [self.record(m, spi: 0x1001, seq: m.sequence)].map {
            var r = $0
            r.type = .get
            return r
        } }
        #expect(try b.get(sa.identity).spi == SPI(0x1001))
        kernel.answer = { [ScriptedKernel.echo($0, errno: .noSuchProcess)] }
        #expect(throws: BackendError.notFound(.noSuchProcess)) { try b.get(sa.identity) }
    }

    @Test func deleteAllOnLinuxDeletesEachMatchingSPI() throws {
        let kernel = ScriptedKernel()
        let b = try backend(kernel)
        kernel.answer = { m in
            guard m.type == .dump else { return [ScriptedKernel.echo(m)] }
            return [self.record(m, spi: 5, seq: 1), self.record(m, spi: 6, seq: 2, source: IPAddress("10.9.9.9")),
                    self.record(m, spi: 7, seq: 0)]
        }
        #expect(try b.apply([.deleteAll(source: a, destination: dst, type: .esp)])[0].isSuccessForTest)
        let deletes = kernel.sent.filter { $0.type == .delete }
        #expect(deletes.map { $0.sa?.spi } == [5, 7])
    }

    @Test func deleteAllOnBSDIsOneDeleteAndNoneIsFine() throws {
        let kernel = ScriptedKernel(wire: .netBSD)
        let b = try backend(kernel, ["wire": "netbsd"])
        kernel.answer = { [ScriptedKernel.echo($0, errno: .noSuchFileOrDirectory)] }
        #expect(try b.apply([.deleteAll(source: a, destination: dst, type: .ah)])[0].isSuccessForTest)
        #expect(kernel.sent.last?.type == .delete && kernel.sent.last?.sa == nil)
        #expect(b.capabilities.personality == .kame && b.capabilities.saTypes.contains(.tcpSignature))
    }

    @Test func monitorDeliversEverythingUntilTheHandlerStops() throws {
        let kernel = ScriptedKernel()
        let b = try backend(kernel)
        kernel.answer = { m in
            var added = self.record(m, spi: 9, seq: 0)
            added.type = .add
            added.pid = 77
            return [ScriptedKernel.echo(m), added, ScriptedKernel.echo(m)]
        }
        var traffic = [PFKey.Traffic]()
        b.pfkeyObserver = { traffic.append($0) }
        var events = [KeyEvent]()
        try b.monitor { events.append($0); return events.count < 2 }
        #expect(kernel.sent.last?.type == .promisc && kernel.sent.last?.saType == 1)
        #expect(events.map(\.kind) == [.other("X_PROMISC"), .saAdded])
        #expect(events[1].originPID == 77 && events[1].sa?.spi == SPI(9) && events[1].rawMessage != nil)
        #expect(kernel.timeouts.last == .some(nil))
        #expect(traffic.count == 3)
    }

    @Test func theObserverSeesRequestsAndReplies() throws {
        let kernel = ScriptedKernel()
        let b = try backend(kernel)
        var traffic = [PFKey.Traffic]()
        b.pfkeyObserver = { traffic.append($0) }
        _ = try b.apply([.spdFlush])
        #expect(traffic.count == 2)
        guard case .sent(let sent) = traffic[0], case .received(let received) = traffic[1] else {
            Issue.record("order")
            return
        }
        #expect(sent[1] == 19 && received[1] == 19)
        #expect(b.pfkeyWire == .linux)
    }

    @Test(arguments: [["wire": "solaris"], ["timeout": "0"], ["sequence": "random"], ["inet6-family": "300"], ["color": "red"]])
    func badSettings(settings: [String: String]) {
        #expect(throws: BackendError.self) { try PFKeySettings(settings) }
    }

    @Test func settings() throws {
        let s = try PFKeySettings(["wire": "freebsd", "inet6-family": "26", "timeout": "2.5", "sequence": "counter"])
        #expect(s.wire.flavour == .freeBSD && s.wire.inet6Family == 26 && s.timeout == 2.5 && !s.zeroSequence)
        #expect(try PFKeySettings().zeroSequence)
    }
}

extension Result where Failure == BackendError {
    var isSuccessForTest: Bool { if case .success = self { return true } else { return false } }
    var failureForTest: BackendError? { if case .failure(let e) = self { return e } else { return nil } }
}
