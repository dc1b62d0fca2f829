import Testing
import SetkeyCore

@Suite struct PFKeyRequestBuilderTests {
    let builder = PFKey.RequestBuilder(wire: .linux, pid: 651)
    let a = PFKeyModelSamples.a, b = PFKeyModelSamples.b

    func bytes(_ m: PFKey.Message, _ wire: PFKey.Wire = .linux) throws -> [UInt8] { try m.encoded(for: wire) }

    @Test func addIsByteForByteWhatSetkeySent() throws {
        #expect(try bytes(builder.add(PFKeyModelSamples.sa)) == PFKeyFixtures.addRequest)
    }

    @Test func spdAddIsByteForByteWhatSetkeySent() throws {
        #expect(try bytes(builder.spdAdd(PFKeyModelSamples.policy)) == PFKeyFixtures.spdAddRequest)
    }

    @Test func headerOnlyRequests() throws {
        #expect(try bytes(builder.flush(.unspecified)) == [2, 9, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0x8b, 2, 0, 0])
        #expect(try bytes(builder.dump(.esp)) == [2, 10, 0, 3, 2, 0, 0, 0, 0, 0, 0, 0, 0x8b, 2, 0, 0])
        #expect(try bytes(builder.spdDump()) == [2, 18, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0x8b, 2, 0, 0])
        #expect(try bytes(builder.spdFlush()) == [2, 19, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0x8b, 2, 0, 0])
        #expect(try bytes(builder.register(.unspecified)) == [2, 7, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0x8b, 2, 0, 0])
        #expect(try bytes(builder.promisc()) == [2, 11, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0x8b, 2, 0, 0])
    }

    @Test func sequenceIsZeroUnlessGiven() throws {
        let counted = PFKey.RequestBuilder(wire: .linux, pid: 1, sequence: 0x01020304)
        #expect(try bytes(counted.flush(.ah)) == [2, 9, 0, 2, 2, 0, 0, 0, 4, 3, 2, 1, 1, 0, 0, 0])
    }

    @Test func getAndDeleteCarrySAAndSA2WithDefaults() throws {
        let id = SAIdentity(source: a, destination: b, type: .ah, spi: SPI(0x2001))
        for (m, type) in [(builder.get(id), PFKey.MessageType.get), (builder.delete(id), .delete)] {
            #expect(m.type == type && m.saType == 2)
            #expect(m.extensions.map(\.type) == [.sa, .sa2, .addressSource, .addressDestination])
            #expect(m.sa == PFKey.SAExtension(spi: 0x2001, flags: 0x40))
            #expect(m.sa2 == PFKey.SA2Extension(mode: 0, reqid: 0))
            #expect(m.address(.source)?.proto == 255 && m.address(.source)?.prefixLength == 32)
        }
    }

    @Test func deleteAllIsADumpOnLinuxAndADeleteWithoutSAOnBSD() throws {
        let linux = builder.deleteAll(source: a, destination: b, type: .esp)
        #expect(linux.type == .dump && linux.saType == 3 && linux.extensions.isEmpty)
        let bsd = PFKey.RequestBuilder(wire: .netBSD, pid: 1).deleteAll(source: a, destination: b, type: .esp)
        #expect(bsd.type == .delete && bsd.extensions.map(\.type) == [.addressSource, .addressDestination])
        let step = builder.deleteBySPI(SPI(9), source: a, destination: b, type: .esp)
        #expect(step.type == .delete && step.sa?.spi == 9)
    }

    @Test func nullEncryptionSendsAZeroBitKey() throws {
        var sa = PFKeyModelSamples.sa
        sa.encryption = KeyedAlgorithm(id: AlgorithmID(.encryption, 11))
        let m = builder.add(sa)
        #expect(m.key(.encryption)?.bits == 0)
        let encoded = try bytes(m)
        #expect(Array(encoded[16..<24]) == [1, 0, 9, 0, 0, 0, 0, 0])  // one word: header only
    }

    @Test func nullAuthenticationSendsNoKeyButTheAlgorithmId() throws {
        var sa = PFKeyModelSamples.sa
        sa.authentication = KeyedAlgorithm(id: AlgorithmID(.authentication, 251))
        let m = builder.add(sa)
        #expect(m.key(.authentication) == nil)
        #expect(m.sa?.authentication == 251)
    }

    @Test func lifetimesOrderAndFields() throws {
        var sa = PFKeyModelSamples.sa
        sa.hardLifetime = Lifetime(bytes: 100_000, addTime: 3600)
        sa.softLifetime = Lifetime(bytes: 50_000, addTime: 1800)
        sa.replayWindow = 300  // IT: the low 8 bits
        sa.reqid = RequestID(100)
        let m = builder.add(sa)
        #expect(m.extensions.map(\.type) == [.keyEncryption, .keyAuthentication, .lifetimeHard, .lifetimeSoft, .sa, .sa2,
                                             .addressSource, .addressDestination])
        #expect(m.lifetime(.hard) == PFKey.LifetimeExtension(bytes: 100_000, addTime: 3600))
        #expect(m.lifetime(.soft) == PFKey.LifetimeExtension(bytes: 50_000, addTime: 1800))
        #expect(m.sa?.replay == 44)
        #expect(m.sa2?.reqid == 100)
    }

    @Test func onlyAHardByteLimitStillSendsTheHardLifetime() {
        var sa = PFKeyModelSamples.sa
        sa.hardLifetime = Lifetime(bytes: 1)
        #expect(builder.add(sa).lifetime(.hard) != nil && builder.add(sa).lifetime(.soft) == nil)
    }

    @Test func ipcompPutsTheCompressionIdInEncryptAndSendsNoKey() {
        let sa = SecurityAssociation(source: a, destination: b, type: .ipcomp, spi: SPI(0x3002),
                                     flags: [.cyclicSequence, .rawCPI],
                                     compression: KeyedAlgorithm(id: AlgorithmID(.compression, 2)))
        let m = builder.add(sa)
        #expect(m.saType == 9 && m.sa?.encryption == 2 && m.sa?.flags == 0xc0)
        #expect(m.extensions.map(\.type) == [.sa, .sa2, .addressSource, .addressDestination])
    }

    @Test func espUDPAddsTypeOriginalAddressAndPorts() throws {
        var sa = PFKeyModelSamples.sa
        sa.sourcePort = 4500
        sa.destinationPort = 4500
        sa.natTraversal = NATTraversal(originalAddress: IPAddress("192.0.2.9"))
        let m = builder.add(sa)
        #expect(m.extensions.map(\.type) == [.keyEncryption, .keyAuthentication, .sa, .sa2, .natTType, .natTOriginalAddress,
                                             .addressSource, .addressDestination, .natTSourcePort, .natTDestinationPort])
        #expect(m.natTType?.type == 2 && m.natTPort(.source)?.port == 4500)
        #expect(m.address(.source)?.socketAddress.port == 4500)
        let encoded = try bytes(m)
        let sport = try #require(encoded.indices.first { encoded[$0] == 1 && encoded[$0 + 2] == 21 && encoded[$0 + 1] == 0 })
        #expect(Array(encoded[sport + 4..<sport + 6]) == [0x11, 0x94])  // 4500 in network order
    }

    @Test func ipv6AddressesArePaddedTo32Bytes() throws {
        let sa = SecurityAssociation(source: IPAddress("fec0::10")!, destination: IPAddress("fec0::11")!, type: .esp,
                                     spi: SPI(0x10001), encryption: KeyedAlgorithm(id: AlgorithmID(.encryption, 7),
                                                                                   key: SAKey(Array("kamekame".utf8))))
        let encoded = try bytes(builder.add(sa))
        let m = try PFKey.Message(decoding: encoded, wire: .linux)
        #expect(m.address(.source)?.socketAddress.family == 10)
        #expect(m.address(.source)?.padding.count == 4)
        #expect(encoded.count == 16 + 16 + 16 + 16 + 40 + 40)
    }

    @Test func policyDefaultsAndPriorities() {
        var p = PFKeyModelSamples.policy
        #expect(builder.spdAdd(p).policy?.priority == 0x8000_0000)
        #expect(PFKey.RequestBuilder(wire: .netBSD, pid: 1).spdAdd(p).policy?.priority == 0)
        p.priority = PolicyPriority(0x3fff_fff6)
        #expect(builder.spdUpdate(p).policy?.priority == 0x3fff_fff6)
        #expect(builder.spdUpdate(p).type == .spdUpdate)
        p.action = .discard
        #expect(builder.spdAdd(p).policy?.requests.isEmpty == true)
    }

    @Test func spdDeleteSendsABareDirection() {
        let m = builder.spdDelete(PFKeyModelSamples.policy.identity)
        #expect(m.type == .spdDelete)
        #expect(m.policy == PFKey.PolicyExtension(type: 0, direction: 2))
        #expect(m.extensions.map(\.type) == [.policy, .addressSource, .addressDestination])
    }

    @Test func tunnelRequestsCarryTheirEndpointsAndPorts() throws {
        var p = PFKeyModelSamples.policy
        p.selector = PolicySelector(source: IPPrefix(IPAddress("10.1.0.0")!, length: 16),
                                    destination: IPPrefix(IPAddress("10.2.0.0")!, length: 16), sourcePort: 0,
                                    destinationPort: 22, upperLayer: .tcp)
        p.requests = [IPsecRequest(proto: .esp, mode: .tunnel,
                                   endpoints: TunnelEndpoints(source: a, destination: b, destinationPort: 4500),
                                   level: .unique, reqid: RequestID(7))]
        let m = builder.spdAdd(p)
        let r = try #require(m.policy?.requests.first)
        #expect(r.encodedLength(wire: .linux) == 48)
        #expect(r.endpoints?.destination.port == 4500)
        #expect(m.address(.source)?.proto == 6 && m.address(.source)?.prefixLength == 16)
        #expect(m.address(.destination)?.socketAddress.port == 22)
        let bsd = PFKey.RequestBuilder(wire: .netBSD, pid: 1).spdAdd(p)
        #expect(bsd.policy?.requests.first?.encodedLength(wire: .netBSD) == 40)
        #expect(try PFKey.Message(decoding: bsd.encoded(for: .netBSD), wire: .netBSD) == bsd)
    }

    @Test func aLinuxReqidTooWideForBSDIsAnEncodingError() {
        let request = PFKey.PolicyRequest(proto: 50, mode: 1, level: 3, reqid: 70000)
        let m = PFKey.Message(type: .spdAdd, extensions: [.policy(PFKey.PolicyExtension(type: 2, direction: 2,
                                                                                         requests: [request]))])
        #expect(throws: PFKey.EncodingError.self) { try m.encoded(for: .freeBSD) }
    }

    @Test func messagesForEveryMutation() {
        let id = SAIdentity(source: a, destination: b, type: .esp, spi: SPI(1))
        let mutations: [(Mutation, PFKey.MessageType)] = [
            (.add(PFKeyModelSamples.sa), .add), (.update(PFKeyModelSamples.sa), .update), (.delete(id), .delete),
            (.deleteAll(source: a, destination: b, type: .esp), .dump), (.flush(.unspecified), .flush),
            (.spdAdd(PFKeyModelSamples.policy), .spdAdd), (.spdUpdate(PFKeyModelSamples.policy), .spdUpdate),
            (.spdDelete(PFKeyModelSamples.policy.identity), .spdDelete), (.spdFlush, .spdFlush),
        ]
        for (mutation, type) in mutations {
            #expect(builder.messages(for: mutation).map(\.type) == [type], "\(mutation.keyword)")
        }
    }
}
