import Testing
import CXFRM
import SetkeyCore
@testable import SetkeyXFRM

/// Pipelining against a scripted kernel: many requests per sendmsg, no ACKs, failures
/// attributed by sequence number, one barrier, lost replies reported as unknown.
@Suite struct XFRMPipelineTests {
    private func policies(_ n: Int) -> [Mutation] {
        (0..<n).map { .spdAdd(Make.policy("10.0.\($0 / 256).\($0 % 256)", "11.0.0.1", .outbound)) }
    }

    @Test func fiveMutationsGoInOneSendmsgWithoutAcksAndFailuresFindTheirLines() throws {
        let k = FakeKernel()
        var count = 0
        k.verdict = { type, _ in
            guard type == 0x13 else { return nil }
            count += 1
            return count == 2 ? (17, nil) : count == 4 ? (22, "Invalid prefix length in selector") : nil
        }
        let b = XFRMBackend(transport: k.transport)
        let results = try b.apply(policies(5))
        #expect(k.transport.sent.count == 1)
        let sent = k.transport.sentMessages
        #expect(sent.map(\.type) == [0x13, 0x13, 0x13, 0x13, 0x13, 0x25])
        #expect(sent.prefix(5).allSatisfy { $0.flags == UInt16(NLM_F_REQUEST) })
        #expect(sent[5].flags == UInt16(NLM_F_REQUEST | NLM_F_ACK))
        #expect(Set(sent.map(\.sequence)).count == 6)
        #expect(results[0].isSuccess && results[2].isSuccess && results[4].isSuccess)
        #expect(results[1].failure == .alreadyExists(.fileExists))
        #expect(results[3].failure == .kernelRejected(.invalidArgument, detail: "Invalid prefix length in selector"))
    }

    @Test func smallBatchesSplitAcrossSendmsgsAndStillAttribute() throws {
        let k = FakeKernel()
        var count = 0
        k.verdict = { type, _ in
            guard type == 0x13 else { return nil }
            count += 1
            return count == 57 ? (17, nil) : nil
        }
        var settings = XFRMSettings()
        settings.batchBytes = 4096
        let b = XFRMBackend(transport: k.transport, settings: settings)
        let results = try b.apply(policies(100))
        #expect(k.transport.sent.count > 5)
        #expect(k.transport.sent.allSatisfy { $0.count <= 4096 })
        #expect(k.sentTypes.filter { $0 == 0x13 }.count == 100)
        #expect(results.indices.filter { !results[$0].isSuccess } == [56])
    }

    @Test func aSmallReceiveBufferMeansFewerRequestsPerSendmsg() throws {
        let k = FakeKernel()
        k.transport.receiveBufferBytes = 212_992  // rmem_max without SO_RCVBUFFORCE
        k.verdict = { type, _ in type == 0x13 ? (1, nil) : nil }  // EPERM, as for a user without CAP_NET_ADMIN
        let results = try XFRMBackend(transport: k.transport).apply(policies(1000))
        #expect(k.transport.sent.count == 1000 / 208 + 1)
        #expect(results.allSatisfy { $0.failure == .permissionDenied(.operationNotPermitted, detail: nil) })
    }

    @Test func lostRepliesMakeUnattributedOutcomesUnknown() throws {
        let k = FakeKernel()
        k.injectBeforeNextAnswer = [.failure(.noBufferSpace)]
        var first = true
        k.verdict = { type, _ in
            guard type == 0x13, first else { return nil }
            first = false
            return (17, nil)
        }
        let b = XFRMBackend(transport: k.transport)
        let results = try b.apply(policies(3))
        #expect(results[0].failure == .alreadyExists(.fileExists))
        for r in results.dropFirst() {
            #expect(r.failure?.errno == .noBufferSpace)
        }
        #expect(try b.apply(policies(1)).allSatisfy { $0.isSuccess })  // the next run starts clean
    }

    @Test func whenTheBarriersAnswerIsLostTooTheBarrierIsSentAgain() throws {
        let k = FakeKernel()
        k.injectBeforeNextAnswer = [.failure(.noBufferSpace)]
        k.dropNextAnswer = true
        let b = XFRMBackend(transport: k.transport)
        let results = try b.apply(policies(3))
        #expect(results.allSatisfy { $0.failure?.errno == .noBufferSpace })
        #expect(k.sentTypes.filter { $0 == 0x25 }.count == 2)
    }

    @Test func refusedMutationsSendNothing() throws {
        let k = FakeKernel()
        let b = XFRMBackend(transport: k.transport)
        let results = try b.apply([.spdAdd(Make.policy("10.0.0.1", "10.0.0.2", .outbound, action: .bypass))])
        #expect(results[0].failure?.errno == .invalidArgument)
        #expect(k.transport.sent.isEmpty)
        #expect(try b.apply([]).isEmpty)
    }

    @Test func aStrayErrorForAnotherSequenceIsIgnored() throws {
        let k = FakeKernel()
        k.injectBeforeNextAnswer = [.datagram(KernelReply.error(22, sequence: 7, portID: 4242))]
        let b = XFRMBackend(transport: k.transport)
        #expect(try b.apply(policies(2)).allSatisfy { $0.isSuccess })
    }

    @Test func deleteAllDumpsThatPairAndDeletesEachExactMatch() throws {
        let k = FakeKernel()
        k.states = try [Make.esp("10.0.0.1", "10.0.0.2", spi: 1), Make.esp("10.0.0.1", "10.0.0.2", spi: 2),
                        Make.esp("10.0.0.9", "10.0.0.2", spi: 3)].map(FakeKernel.stateRecord)
        let b = XFRMBackend(transport: k.transport)
        let results = try b.apply([.spdFlush, .deleteAll(source: Make.address("10.0.0.1"),
                                                          destination: Make.address("10.0.0.2"), type: .esp)])
        #expect(results.allSatisfy { $0.isSuccess })
        // flush + barrier, the dump (after the barrier), then the two deletes + barrier.
        #expect(k.sentTypes == [0x1d, 0x25, 0x12, 0x11, 0x11, 0x25])
        let dels = k.transport.sentMessages.filter { $0.type == 0x11 }
        #expect(dels.map { Array($0.payload[16..<20]) } == [[0, 0, 0, 1], [0, 0, 0, 2]])
        let dump = try #require(k.dumpRequests.first)
        // XFRMA_PROTO esp, then XFRMA_ADDRESS_FILTER with both /32 prefixes.
        #expect(Array(dump.payload.prefix(8)) == [5, 0, 25, 0, 50, 0, 0, 0])
        #expect(Array(dump.payload[8..<12]) == [40, 0, 26, 0])
        #expect(Array(dump.payload[(12 + 32)..<(12 + 36)]) == [2, 0, 32, 32])
    }

    @Test func uniqueWithoutReqidGetsTheNextFreeAutomaticIdAsAfKeyChooses() throws {
        let k = FakeKernel()
        let existing = Make.policy("10.9.0.1", "10.9.0.2", .outbound,
                                   requests: [IPsecRequest(proto: .esp, mode: .transport, level: .unique, reqid: RequestID(0x4000))])
        k.policies = [FakeKernel.policyRecord(existing, index: 1)]
        let unique = IPsecRequest(proto: .esp, mode: .transport, level: .unique)
        let p1 = Make.policy("10.0.0.1", "10.0.0.2", .outbound, requests: [unique])
        let p2 = Make.policy("10.0.0.3", "10.0.0.4", .outbound, requests: [unique, unique])
        let b = XFRMBackend(transport: k.transport)
        #expect(try b.apply([.spdAdd(p1), .spdAdd(p2)]).allSatisfy { $0.isSuccess })
        #expect(k.dumpRequests.count == 1)
        let adds = k.transport.sentMessages.filter { $0.type == 0x13 }
        // XFRMA_TMPL follows the 168-byte xfrm_userpolicy_info; reqid sits at byte 44 of a template.
        func reqids(_ payload: [UInt8]) -> [UInt32] {
            var out = [UInt32]()
            for o in stride(from: 168 + 4, to: payload.count, by: 64) {
                let low = UInt32(payload[o + 44])
                let high = UInt32(payload[o + 45]) << 8
                out.append(low | high)
            }
            return out
        }
        #expect(adds.map { reqids($0.payload) } == [[0x4001], [0x4002, 0x4003]])
    }
}

@Suite struct XFRMConnectionTests {
    @Test func getOfAMissingSAIsNotFound() {
        let k = FakeKernel()
        k.verdict = { type, _ in type == 0x12 ? (3, nil) : nil }
        let b = XFRMBackend(transport: k.transport)
        #expect(throws: BackendError.notFound(.noSuchProcess)) { _ = try b.get(Make.esp("10.0.0.1", "10.0.0.2", spi: 9).identity) }
    }

    @Test func getReturnsTheDecodedSA() throws {
        let sa = ReferenceSAs.saVariety[1]
        let t = ScriptedTransport()
        t.respond = { d in
            let m = ScriptedTransport.split(d)[0]
            return [.datagram(KernelReply.message(type: 0x10, sequence: m.sequence, payload: try! FakeKernel.stateRecord(sa)))]
        }
        let got = try XFRMBackend(transport: t).get(sa.identity)
        #expect(got == ReferenceSAs.asLinuxReportsIt(sa, addTime: 0))
    }

    @Test func dumpsReadAcrossDatagramsUntilDone() throws {
        let k = FakeKernel()
        k.policies = (1...40).map { FakeKernel.policyRecord(Make.policy("10.0.0.\($0)", "10.1.0.1", .inbound), index: UInt32($0 * 8)) }
        var ids = [UInt32]()
        try XFRMBackend(transport: k.transport).dumpPolicies { ids.append($0.reported!.id) }
        #expect(ids == (1...40).map { UInt32($0 * 8) })
    }

    @Test func aDumpEndingInAnErrorThrowsIt() {
        let t = ScriptedTransport()
        t.respond = { d in [.datagram(KernelReply.done(sequence: ScriptedTransport.split(d)[0].sequence, status: -12))] }
        #expect(throws: BackendError.kernelRejected(.noMemory, detail: nil)) {
            try XFRMBackend(transport: t).dumpPolicies { _ in }
        }
    }

    @Test func anInterruptedDumpRestartsAndDeliversEachRecordOnce() throws {
        let records = (1...3).map { FakeKernel.policyRecord(Make.policy("10.0.0.\($0)", "10.1.0.1", .outbound), index: UInt32($0 * 8 + 1)) }
        var attempt = 0
        let t = ScriptedTransport()
        t.respond = { d in
            let seq = ScriptedTransport.split(d)[0].sequence
            attempt += 1
            if attempt == 1 {  // A, then B flagged NLM_F_DUMP_INTR (0x10), then DONE flagged too
                return [.datagram(KernelReply.message(type: 0x13, flags: 2, sequence: seq, payload: records[0])
                                  + KernelReply.message(type: 0x13, flags: 0x12, sequence: seq, payload: records[1])),
                        .datagram(KernelReply.done(sequence: seq, flags: 0x12))]
            }
            return [.datagram(records.map { KernelReply.message(type: 0x13, flags: 2, sequence: seq, payload: $0) }.reduce([], +)
                              + KernelReply.done(sequence: seq))]
        }
        var ids = [UInt32]()
        try XFRMBackend(transport: t).dumpPolicies { ids.append($0.reported!.id) }
        #expect(attempt == 2)
        #expect(ids == [9, 17, 25])
    }

    @Test func aDumpInterruptedEveryTimeGivesUp() {
        let t = ScriptedTransport()
        t.respond = { d in [.datagram(KernelReply.done(sequence: ScriptedTransport.split(d)[0].sequence, flags: 0x12))] }
        #expect(throws: BackendError.kernelRejected(.interrupted, detail: "the dump was interrupted 5 times")) {
            try XFRMBackend(transport: t).dumpSAs(.all) { _ in }
        }
        #expect(t.sent.count == 5)
    }

    @Test func dataForAnotherSequenceIsDropped() throws {
        let record = FakeKernel.policyRecord(Make.policy("10.0.0.1", "10.0.0.2", .outbound), index: 9)
        let t = ScriptedTransport()
        t.respond = { d in
            let seq = ScriptedTransport.split(d)[0].sequence
            return [.datagram(KernelReply.message(type: 0x13, flags: 2, sequence: seq &+ 100, payload: record)),
                    .datagram(KernelReply.message(type: 0x13, flags: 2, sequence: seq, payload: record) + KernelReply.done(sequence: seq))]
        }
        var n = 0
        try XFRMBackend(transport: t).dumpPolicies { _ in n += 1 }
        #expect(n == 1)
    }
}
