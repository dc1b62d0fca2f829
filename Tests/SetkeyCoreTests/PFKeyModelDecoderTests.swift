import Testing
import SetkeyCore

@Suite struct PFKeyModelDecoderTests {
    let decoder = PFKey.ModelDecoder(wire: .linux)
    let kernel = PFKey.KernelReplyBuilder(wire: .linux)

    func message(_ bytes: [UInt8]) throws -> PFKey.Message { try PFKey.Message(decoding: bytes, wire: .linux) }

    @Test func addEchoBecomesTheReportedSA() throws {
        let sa = try decoder.securityAssociation(message(PFKeyFixtures.addReply))
        #expect(sa == PFKeyModelSamples.reported(pid: 651))
        #expect(sa.state == .mature && sa.reported?.current.addTime == 1_796_322_731)
        #expect(sa.encryption?.key == PFKeyModelSamples.aesKey && sa.authentication?.id == AlgorithmID(.authentication, 3))
    }

    @Test(arguments: [SAState.larval, .mature, .dying, .dead])
    func modelToKernelMessageAndBack(state: SAState) throws {
        var sa = PFKeyModelSamples.reported(pid: 7, sequence: 3)
        sa.reported?.state = state
        sa.hardLifetime = Lifetime(allocations: 1, bytes: 2, addTime: 3, useTime: 4)
        sa.natTraversal = NATTraversal(sourcePort: 4500, destinationPort: 4501)
        sa.securityContext = SecurityContext(doi: 1, algorithm: 2, context: "ctx")
        for wire in [PFKey.Wire.linux, .netBSD, .freeBSD] {
            var expected = sa
            if wire.flavour != .linux { expected.securityContext = nil }
            let bytes = try PFKey.KernelReplyBuilder(wire: wire).saMessage(sa).encoded(for: wire)
            let back = try PFKey.ModelDecoder(wire: wire).securityAssociation(PFKey.Message(decoding: bytes, wire: wire))
            #expect(back == expected, "\(wire)")
        }
    }

    @Test func linuxReportsModeAnyAsTransport() throws {
        var sa = PFKeyModelSamples.reported(pid: 1)
        sa.mode = .any
        let back = try decoder.securityAssociation(kernel.saMessage(sa))
        #expect(back.mode == .transport)
    }

    @Test func espWithoutAKeyExtensionHasAnEmptyKey() throws {
        // Linux sends no KEY_ENCRYPT for `-E null`; the algorithm stays, with no key.
        var m = try message(PFKeyFixtures.addReply)
        m.extensions.removeAll { $0.type == .keyEncryption }
        #expect(try decoder.securityAssociation(m).encryption == KeyedAlgorithm(id: AlgorithmID(.encryption, 12)))
        m.extensions[0] = .sa(PFKey.SAExtension(spi: 0x7001, state: 1, authentication: 3))
        #expect(try decoder.securityAssociation(m).encryption == nil)  // no id, no key: no algorithm
    }

    @Test func ipcompCarriesItsCompressionAlgorithm() throws {
        let sa = SecurityAssociation(source: PFKeyModelSamples.a, destination: PFKeyModelSamples.b, type: .ipcomp,
                                     spi: SPI(0x3001), mode: .transport, flags: [],
                                     compression: KeyedAlgorithm(id: AlgorithmID(.compression, 2)),
                                     reported: ReportedSAState(messageSequence: 0, messagePID: 0))
        #expect(try decoder.securityAssociation(kernel.saMessage(sa)) == sa)
    }

    @Test func missingOrUnmodelledPartsAreErrors() throws {
        var m = try message(PFKeyFixtures.addReply)
        m.saType = 0
        #expect(throws: PFKey.DecodingError.invalidField(nil, "SA type 0")) { try decoder.securityAssociation(m) }
        m = try message(PFKeyFixtures.addReply)
        m.extensions.removeAll { $0.type == .sa }
        #expect(throws: PFKey.DecodingError.missingExtension(.sa)) { try decoder.securityAssociation(m) }
        m = try message(PFKeyFixtures.addReply)
        m.extensions.removeAll { $0.type == .addressDestination }
        #expect(throws: PFKey.DecodingError.missingExtension(.addressDestination)) { try decoder.securityAssociation(m) }
        m = try message(PFKeyFixtures.addReply)
        m.extensions[0] = .sa(PFKey.SAExtension(spi: 1, state: 9))
        #expect(throws: PFKey.DecodingError.invalidField(.sa, "state 9")) { try decoder.securityAssociation(m) }
    }

    @Test func policyDumpRecordBecomesTheReportedPolicy() throws {
        let p = try decoder.securityPolicy(kernel.policyMessage(PFKeyModelSamples.reportedPolicy))
        #expect(p == PFKeyModelSamples.reportedPolicy)
    }

    @Test func perSocketPoliciesAreMarked() throws {
        var m = kernel.policyMessage(PFKeyModelSamples.reportedPolicy)
        if case .policy(var x)? = m.first(.policy), let i = m.extensions.firstIndex(where: { $0.type == .policy }) {
            x.direction = 5  // out(socket)
            x.id = 0x7c      // 124 % 8 == 4
            m.extensions[i] = .policy(x)
        }
        let p = try decoder.securityPolicy(m)
        #expect(p.direction == .outbound && p.reported?.isPerSocket == true)
    }

    @Test func bsdPolicyWithoutPriority() throws {
        let m = try PFKey.Message(decoding: PFKeyFixtures.netBSDTunnelPolicy, wire: .netBSD)
        let p = try PFKey.ModelDecoder(wire: .netBSD).securityPolicy(m)
        #expect(p.priority == nil)
        #expect(p.requests == [IPsecRequest(proto: .esp, mode: .tunnel,
                                            endpoints: TunnelEndpoints(source: IPAddress("fec0::1")!,
                                                                       destination: IPAddress("fec0::2")!),
                                            level: .unique, reqid: RequestID(7))])
        #expect(p.selector.source == IPPrefix(IPAddress("fec0::1")!))
    }

    @Test func policyErrors() throws {
        var m = kernel.policyMessage(PFKeyModelSamples.reportedPolicy)
        m.extensions.removeAll { $0.type == .policy }
        #expect(throws: PFKey.DecodingError.missingExtension(.policy)) { try decoder.securityPolicy(m) }
        m = PFKey.RequestBuilder(wire: .linux, pid: 1).spdAdd(PFKeyModelSamples.policy)
        if case .policy(var x)? = m.first(.policy) {
            x.requests[0].proto = 99
            m.extensions[0] = .policy(x)
        }
        #expect(throws: PFKey.DecodingError.invalidField(.policy, "request protocol 99")) { try decoder.securityPolicy(m) }
    }

    @Test func registerReplyGivesTheAlgorithmTable() throws {
        let table = decoder.supportedAlgorithms(try message(PFKeyFixtures.registerReply))
        #expect(table == [AlgorithmID(.authentication, 3): KeyBitsRange(160, 160),
                          AlgorithmID(.encryption, 12): KeyBitsRange(128, 256)])
    }

    @Test func errorReplyCarriesItsErrno() throws {
        #expect(decoder.error(of: try message(PFKeyFixtures.errorReply)) == .fileExists)
        #expect(decoder.error(of: try message(PFKeyFixtures.addReply)) == nil)
    }

    @Test func eventsFromRawMessages() throws {
        let added = decoder.event(PFKeyFixtures.addReply, seconds: 5, microseconds: 6)
        #expect(added.kind == .saAdded && added.sa?.spi == SPI(0x7001) && added.originPID == 651)
        #expect(added.rawMessage == PFKeyFixtures.addReply && added.saType == .esp)
        let garbage = decoder.event([2, 3, 0], seconds: 0, microseconds: 0)
        #expect(garbage.kind == .other("ADD") && garbage.sa == nil)
        let expire = PFKey.KernelReplyBuilder(wire: .linux).eventMessage(
            KeyEvent(kind: .saExpired(hard: true), sa: PFKeyModelSamples.reported(pid: 0), seconds: 0))
        let raw = try #require(expire).encoded(for: .linux)
        #expect(decoder.event(raw, seconds: 0, microseconds: 0).kind == .saExpired(hard: true))
        #expect(decoder.kind(of: try message(PFKeyFixtures.registerReply)) == .other("REGISTER"))
    }

    @Test func bsdEnvelopesAreUnwrapped() throws {
        let bsd = PFKey.ModelDecoder(wire: .netBSD)
        let inner = try PFKey.RequestBuilder(wire: .netBSD, pid: 3).flush(.esp).encoded(for: .netBSD)
        var envelope = try PFKey.RequestBuilder(wire: .netBSD, pid: 3).promisc().encoded(for: .netBSD)
        #expect(bsd.unwrappingPromiscuousEnvelope(envelope) == nil)
        envelope[4] = 4
        envelope += inner
        #expect(bsd.unwrappingPromiscuousEnvelope(envelope) == inner)
        #expect(bsd.event(envelope, seconds: 0, microseconds: 0).kind == .saFlushed)
    }
}
