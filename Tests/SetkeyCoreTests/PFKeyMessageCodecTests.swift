import Testing
import SetkeyCore

@Suite struct PFKeyMessageCodecTests {
    let linux = PFKey.Wire.linux

    @Test(arguments: [
        ("add request", PFKeyFixtures.addRequest), ("add reply", PFKeyFixtures.addReply),
        ("spdadd request", PFKeyFixtures.spdAddRequest), ("register reply", PFKeyFixtures.registerReply),
        ("error reply", PFKeyFixtures.errorReply),
    ])
    func linuxFixturesRoundTripByteForByte(name: String, bytes: [UInt8]) throws {
        let m = try PFKey.Message(decoding: bytes, wire: linux)
        #expect(try m.encoded(for: linux) == bytes, "\(name)")
        #expect(try PFKey.Message(decoding: m.encoded(for: linux), wire: linux) == m)
    }

    @Test func netBSDFixtureRoundTripsWithItsOwnWire() throws {
        let m = try PFKey.Message(decoding: PFKeyFixtures.netBSDTunnelPolicy, wire: .netBSD)
        #expect(try m.encoded(for: .netBSD) == PFKeyFixtures.netBSDTunnelPolicy)
        let request = try #require(m.policy?.requests.first)
        #expect(request.reqid == 7)
        #expect(request.level == 3)
        #expect(request.endpoints?.source.address == IPAddress("fec0::1"))
        #expect(request.endpoints?.source.length == 28)
        #expect(request.endpoints?.destination.family == 24)
        #expect(m.address(.source)?.socketAddress.address == IPAddress("fec0::1"))
        #expect(m.address(.source)?.padding == [0, 0, 0, 0])
    }

    @Test func netBSDFixtureIsNotALinuxMessage() {
        #expect(throws: PFKey.DecodingError.self) { try PFKey.Message(decoding: PFKeyFixtures.netBSDTunnelPolicy, wire: .linux) }
    }

    @Test func decodedFieldsOfTheAddRequest() throws {
        let m = try PFKey.Message(decoding: PFKeyFixtures.addRequest, wire: linux)
        #expect(m.type == .add && m.saType == 3 && m.pid == 651 && m.sequence == 0)
        #expect(m.extensions.map(\.type) == [.keyEncryption, .keyAuthentication, .sa, .sa2, .addressSource, .addressDestination])
        let sa = try #require(m.sa)
        #expect(sa.spi == 0x7001 && sa.authentication == 3 && sa.encryption == 12 && sa.flags == 0x40)
        #expect(m.key(.authentication)?.bits == 160)
        #expect(m.key(.authentication)?.key.hex == "00112233445566778899aabbccddeeff00112233")
        #expect(m.key(.authentication)?.material.count == 24)
        #expect(m.address(.destination)?.socketAddress.address == IPAddress("10.1.0.2"))
        #expect(m.sa2?.mode == 1)
    }

    @Test func freeBSDOnlyExtensionsRoundTrip() throws {
        let m = PFKey.Message(type: .add, saType: 3, pid: 9, extensions: [
            .sa(PFKey.SAExtension(spi: 1, replay: 255)),
            .saReplay(PFKey.WordExtension(value: 4096)),
            .natTFragment(.fragment(1400, wire: .freeBSD)),
            .address(.natTOriginalResponder, PFKey.AddressExtension(IPAddress(ipv4: 0x0a000001), proto: 255, wire: .freeBSD)),
            .address(.newSource, PFKey.AddressExtension(IPAddress(ipv4: 0x0a000002), proto: 255, wire: .freeBSD)),
        ])
        let bytes = try m.encoded(for: .freeBSD)
        #expect(try PFKey.Message(decoding: bytes, wire: .freeBSD) == m)
        #expect(throws: PFKey.EncodingError.extensionNotOnWire(.saReplay, .linux)) { try m.encoded(for: .linux) }
        if case .natTFragment(let f)? = m.first(.natTFragment) { #expect(f.fragmentLength(wire: .freeBSD) == 1400) }
    }

    @Test func everyLinuxExtensionRoundTrips() throws {
        let ctx = PFKey.SecurityContextExtension(doi: 1, algorithm: 1, context: "system_u:object_r:ipsec_spd_t:s0")
        let m = PFKey.Message(type: .acquire, saType: 3, sequence: 3, pid: 0, extensions: [
            .identity(.source, PFKey.IdentityExtension(identityType: 2, id: 0, data: Array("host.example\u{0}\u{0}\u{0}\u{0}".utf8))),
            .identity(.destination, PFKey.IdentityExtension(identityType: 1, id: 7, data: [])),
            .sensitivity(PFKey.SensitivityExtension(dpd: 1, sensitivityLevel: 2, sensitivityLength: 1, integrityLevel: 3,
                                                    integrityLength: 0, bitmaps: [1, 2, 3, 4, 5, 6, 7, 8])),
            .proposal(PFKey.ProposalExtension(replay: 32, combinations: [
                PFKey.Combination(authentication: 3, encryption: 12, authenticationMinimumBits: 160,
                                  authenticationMaximumBits: 160, encryptionMinimumBits: 128, encryptionMaximumBits: 256,
                                  softAddTime: 100, hardAddTime: 200)])),
            .spiRange(PFKey.SPIRangeExtension(minimum: 0x100, maximum: 0x0fffffff)),
            .kmPrivate(PFKey.WordExtension(value: 0)),
            .securityContext(ctx),
            .kmAddress(PFKey.KMAddressExtension(data: [UInt8](repeating: 0, count: 32))),
            .filter(PFKey.FilterExtension(source: [10, 0, 0, 0] + [UInt8](repeating: 0, count: 12),
                                          destination: [UInt8](repeating: 0, count: 16), family: 2,
                                          sourcePrefixLength: 8, destinationPrefixLength: 0)),
            .natTType(PFKey.NATTTypeExtension(type: 2)),
            .natTPort(.source, PFKey.NATTPortExtension(port: 4500)),
            .natTPort(.destination, PFKey.NATTPortExtension(port: 4501)),
            .address(.natTOriginal, PFKey.AddressExtension(IPAddress("2001:db8::1")!, proto: 255, wire: .linux)),
        ])
        let bytes = try m.encoded(for: linux)
        #expect(bytes.count % 8 == 0)
        #expect(try PFKey.Message(decoding: bytes, wire: linux) == m)
        #expect(ctx.context == "system_u:object_r:ipsec_spd_t:s0")
        #expect(ctx.contextLength == 33)
    }
}

@Suite struct PFKeyMessageDecodingErrorTests {
    let linux = PFKey.Wire.linux
    /// A header-only FLUSH from pid 1, `len` patched in.
    func header(len: UInt8 = 2, version: UInt8 = 2, type: UInt8 = 9) -> [UInt8] {
        [version, type, 0, 0, len, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0]
    }

    @Test func emptyInputIsTruncated() {
        #expect(throws: PFKey.DecodingError.truncated(what: "sadb_msg", offset: 0, needed: 16, available: 0)) {
            try PFKey.Message(decoding: [], wire: linux)
        }
    }

    @Test func fifteenBytesAreTruncated() {
        #expect(throws: PFKey.DecodingError.self) { try PFKey.Message(decoding: Array(header().prefix(15)), wire: linux) }
    }

    @Test func headerOnlyDecodes() throws {
        let m = try PFKey.Message(decoding: header(), wire: linux)
        #expect(m.type == .flush && m.extensions.isEmpty && m.pid == 1)
    }

    @Test func declaredLengthLongerThanDataIsTruncated() {
        #expect(throws: PFKey.DecodingError.truncated(what: "message", offset: 0, needed: 24, available: 16)) {
            try PFKey.Message(decoding: header(len: 3), wire: linux)
        }
    }

    @Test func declaredLengthShorterThanDataIsAMismatch() {
        #expect(throws: PFKey.DecodingError.lengthMismatch(declared: 16, actual: 24)) {
            try PFKey.Message(decoding: header() + [UInt8](repeating: 0, count: 8), wire: linux)
        }
    }

    @Test func zeroLengthIsAnError() {
        #expect(throws: PFKey.DecodingError.self) { try PFKey.Message(decoding: header(len: 0), wire: linux) }
    }

    @Test func badVersion() {
        #expect(throws: PFKey.DecodingError.badVersion(1)) { try PFKey.Message(decoding: header(version: 1), wire: linux) }
    }

    @Test(arguments: [UInt8(0), 25, 255])
    func unknownMessageTypes(type: UInt8) {
        #expect(throws: PFKey.DecodingError.unknownMessageType(type)) {
            try PFKey.Message(decoding: header(type: type), wire: linux)
        }
    }

    @Test func messageType24IsLinuxOnly() throws {
        _ = try PFKey.Message(decoding: header(type: 24), wire: linux)
        #expect(throws: PFKey.DecodingError.unknownMessageType(24)) {
            try PFKey.Message(decoding: header(type: 24), wire: .netBSD)
        }
    }

    @Test func zeroLengthExtension() {
        #expect(throws: PFKey.DecodingError.zeroLengthExtension(offset: 16)) {
            try PFKey.Message(decoding: header(len: 3) + [0, 0, 1, 0, 0, 0, 0, 0], wire: linux)
        }
    }

    @Test func extensionPastTheEnd() {
        #expect(throws: PFKey.DecodingError.self) {
            try PFKey.Message(decoding: header(len: 3) + [2, 0, 1, 0, 0, 0, 0, 0], wire: linux)
        }
    }

    @Test func unknownExtensionType() {
        #expect(throws: PFKey.DecodingError.unknownExtensionType(27, offset: 16)) {
            try PFKey.Message(decoding: header(len: 3) + [1, 0, 27, 0, 0, 0, 0, 0], wire: linux)
        }
    }

    @Test func duplicateExtension() {
        let kmPrivate: [UInt8] = [1, 0, 17, 0, 0, 0, 0, 0]
        #expect(throws: PFKey.DecodingError.duplicateExtension(.kmPrivate)) {
            try PFKey.Message(decoding: header(len: 4) + kmPrivate + kmPrivate, wire: linux)
        }
    }

    @Test func saExtensionOfTheWrongSize() {
        #expect(throws: PFKey.DecodingError.extensionTooShort(.sa, length: 8, minimum: 16)) {
            try PFKey.Message(decoding: header(len: 3) + [1, 0, 1, 0, 0, 0, 0, 0], wire: linux)
        }
        #expect(throws: PFKey.DecodingError.self) {
            try PFKey.Message(decoding: header(len: 5) + [3, 0, 1, 0] + [UInt8](repeating: 0, count: 20), wire: linux)
        }
    }

    @Test func keyLongerThanItsExtension() {
        // KEY_AUTH of one word claiming 8 bits: no room for the key byte.
        #expect(throws: PFKey.DecodingError.invalidField(.keyAuthentication, "8 key bits in 0 bytes")) {
            try PFKey.Message(decoding: header(len: 3) + [1, 0, 8, 0, 8, 0, 0, 0], wire: linux)
        }
    }

    @Test func addressWithAWordOfPadding() {
        var bytes = header(len: 6)
        bytes += [4, 0, 5, 0, 255, 32, 0, 0, 2, 0, 0, 0, 10, 0, 0, 1] + [UInt8](repeating: 0, count: 16)  // 32-byte ext: a word too many
        #expect(throws: PFKey.DecodingError.invalidField(.addressSource, "8 bytes after the sockaddr")) {
            try PFKey.Message(decoding: bytes, wire: linux)
        }
    }

    @Test func addressPrefixLongerThanTheFamily() {
        var bytes = header(len: 5)
        bytes += [3, 0, 5, 0, 255, 33, 0, 0, 2, 0, 0, 0, 10, 0, 0, 1] + [UInt8](repeating: 0, count: 8)
        bytes[4] = 5
        #expect(throws: PFKey.DecodingError.self) { try PFKey.Message(decoding: Array(bytes.prefix(40)), wire: linux) }
    }

    @Test func policyRequestShorterThanItsHeader() {
        var bytes = header(len: 6)
        bytes += [4, 0, 18, 0, 2, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0x80]  // X_POLICY, ipsec, out
        bytes += [8, 0, 50, 0, 1, 2, 0, 0] + [UInt8](repeating: 0, count: 8)  // len 8: below Linux's 16
        #expect(throws: PFKey.DecodingError.invalidField(.policy, "request length 8 at offset 32")) {
            try PFKey.Message(decoding: bytes, wire: linux)
        }
    }

    @Test func policyRequestWithAnUnknownEndpointFamily() {
        var bytes = header(len: 8)
        bytes += [6, 0, 18, 0, 2, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0x80]
        bytes += [32, 0, 50, 0, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]  // 16-byte header, len 32
        bytes += [7, 0] + [UInt8](repeating: 0, count: 14)            // family 7
        #expect(throws: PFKey.DecodingError.invalidField(.policy, "sockaddr of unknown family 7")) {
            try PFKey.Message(decoding: bytes, wire: linux)
        }
    }

    /// Fewer bytes than a request header after the last request: kept as trailing bytes
    /// (Linux ignores them too).
    @Test func policyTrailingBytesAreKept() throws {
        var bytes = header(len: 5)
        bytes += [3, 0, 18, 0, 2, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0x80] + [UInt8](repeating: 0, count: 8)
        let m = try PFKey.Message(decoding: bytes, wire: linux)
        #expect(m.policy?.requests.isEmpty == true)
        #expect(m.policy?.trailing.count == 8)
        #expect(try m.encoded(for: linux) == bytes)
    }

    @Test func concatenatedMessagesAreSplit() throws {
        let all = PFKeyFixtures.errorReply + PFKeyFixtures.addReply + header()
        let (messages, failure) = PFKey.Message.decodeAll(all, wire: linux)
        #expect(failure == nil)
        #expect(messages.count == 3)
        let truncated = PFKey.Message.decodeAll(all + header(len: 3), wire: linux)
        #expect(truncated.messages.count == 3)
        #expect(truncated.framingError?.offset == all.count)
    }
}
