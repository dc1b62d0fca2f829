import Testing
import SetkeyCore
@testable import SetkeyXFRM

/// `NLMSG_ERROR` decoding: ACKs, capped and uncapped echoes, extended-ACK attributes, and
/// the malformed ones.
@Suite struct XFRMAcknowledgementTests {
    private func decode(_ bytes: [UInt8]) throws(BackendError) -> XFRMAcknowledgement {
        var out: XFRMAcknowledgement?
        var failure: BackendError?
        bytes.withUnsafeBytes { raw in
            do throws(BackendError) { out = try XFRMAcknowledgement(XFRMMessageView(raw)) } catch { failure = error }
        }
        if let failure { throw failure }
        return out!
    }

    @Test func aCappedAckIsErrnoZeroWithNoFailure() throws {
        let a = try decode(KernelReply.error(0, sequence: 77))
        #expect(a == XFRMAcknowledgement(errno: 0, sequence: 77))
        #expect(a.failure == nil)
    }

    @Test func aCappedErrorWithExtendedAckTextAndOffset() throws {
        let tlv = ByteFixture()
            .u16(4 + 12).u16(1).text("Invalid SPI", size: 12)  // NLMSGERR_ATTR_MSG with its NUL
            .u16(8).u16(2).u32(36)                             // NLMSGERR_ATTR_OFFS
        let bytes = ByteFixture()
            .u32(UInt32(16 + 20 + tlv.count)).u16(2).u16(0x300).u32(5).u32(1)  // NLMSG_ERROR, CAPPED|ACK_TLVS
            .i32(-22).u32(16).u16(0x10).u16(1).u32(5).u32(1)                    // error, echoed header only
            .raw(tlv.bytes)
        let a = try decode(bytes.bytes)
        #expect(a == XFRMAcknowledgement(errno: 22, sequence: 5, message: "Invalid SPI", offset: 36))
        #expect(a.failure == .kernelRejected(.invalidArgument, detail: "Invalid SPI"))
    }

    @Test func anUncappedErrorSkipsTheWholeEchoedRequest() throws {
        let echoed = ByteFixture().u32(20).u16(0x11).u16(1).u32(9).u32(1).u32(0xdead_beef)  // request with 4 bytes payload
        let tlv = ByteFixture().u16(8).u16(1).text("no", size: 4)
        let bytes = ByteFixture()
            .u32(UInt32(16 + 4 + 20 + 8)).u16(2).u16(0x200).u32(9).u32(1)  // ACK_TLVS, not capped
            .i32(-3).raw(echoed.bytes).raw(tlv.bytes)
        #expect(try decode(bytes.bytes) == XFRMAcknowledgement(errno: 3, sequence: 9, message: "no"))
        #expect(try decode(bytes.bytes).failure == .notFound(.noSuchProcess))
    }

    @Test func malformedErrorsAreRejected() {
        let short = ByteFixture().u32(24).u16(2).u16(0).u32(1).u32(1).i32(-1).u32(0)
        #expect(throws: BackendError.self) { _ = try decode(short.bytes) }
        let positive = KernelReply.error(-5, sequence: 1)  // error field +5
        #expect(throws: BackendError.malformedReply("NLMSG_ERROR with error 5")) { _ = try decode(positive) }
        let echoTooLong = ByteFixture().u32(36).u16(2).u16(0).u32(1).u32(1).i32(-1).u32(400).u16(0).u16(0).u32(0).u32(0)
        #expect(throws: BackendError.self) { _ = try decode(echoTooLong.bytes) }
        var badTLV = KernelReply.error(22, sequence: 1, message: "abc")
        badTLV[36] = 200  // NLMSGERR_ATTR_MSG length past the end
        #expect(throws: BackendError.self) { _ = try decode(badTLV) }
    }
}

@Suite struct XFRMRequestIDAllocatorTests {
    @Test func startsAt0x4000AndSkipsIdsInUse() {
        var a = XFRMRequestIDAllocator()
        #expect(a.needsInventory)
        a.setInventory([0x4000, 0x4002])
        #expect(!a.needsInventory)
        #expect(a.allocate() == 0x4001)
        #expect(a.allocate() == 0x4003)
        #expect(a.allocate() == 0x4004)
    }

    @Test func wrapsPastTheTopBackTo0x4000() {
        var a = XFRMRequestIDAllocator()
        a.setInventory(Set((0x4000...0x4005).map { UInt32($0) }))
        for _ in 0..<3 { _ = a.allocate() }
        #expect(a.inUse?.contains(0x4008) == true)
    }
}

@Suite struct XFRMSettingsTests {
    @Test func emptyIsTheDefaults() throws {
        #expect(try XFRMSettings([:]) == XFRMSettings())
    }

    @Test func bothSettingsAreRead() throws {
        let s = try XFRMSettings(["batch-bytes": "65536", "socket-buffer": "1048576"])
        #expect(s.batchBytes == 65536 && s.socketBuffer == 1_048_576)
    }

    @Test(arguments: [["batch-bytes": "12"], ["batch-bytes": "x"], ["socket-buffer": "-1"], ["colour": "blue"]])
    func badValuesAndUnknownKeysAreConfigurationErrors(settings: [String: String]) {
        #expect {
            _ = try XFRMSettings(settings)
        } throws: { error in
            if case .invalidConfiguration = error as? BackendError { return true }
            return false
        }
    }
}

@Suite struct XFRMVocabularyTests {
    @Test(arguments: [
        (XFRM.MessageType.newSA, UInt16(0x10), "XFRM_MSG_NEWSA"), (.deleteSA, 0x11, "XFRM_MSG_DELSA"),
        (.getSA, 0x12, "XFRM_MSG_GETSA"), (.newPolicy, 0x13, "XFRM_MSG_NEWPOLICY"),
        (.deletePolicy, 0x14, "XFRM_MSG_DELPOLICY"), (.getPolicy, 0x15, "XFRM_MSG_GETPOLICY"),
        (.acquire, 0x17, "XFRM_MSG_ACQUIRE"), (.expire, 0x18, "XFRM_MSG_EXPIRE"),
        (.updatePolicy, 0x19, "XFRM_MSG_UPDPOLICY"), (.updateSA, 0x1a, "XFRM_MSG_UPDSA"),
        (.policyExpire, 0x1b, "XFRM_MSG_POLEXPIRE"), (.flushSA, 0x1c, "XFRM_MSG_FLUSHSA"),
        (.flushPolicy, 0x1d, "XFRM_MSG_FLUSHPOLICY"), (.getSPDInfo, 0x25, "XFRM_MSG_GETSPDINFO"),
        (.error, 2, "NLMSG_ERROR"), (.done, 3, "NLMSG_DONE"),
        (XFRM.MessageType(rawValue: 0x99), 0x99, "XFRM_MSG_153"),
    ])
    func messageTypesHaveTheKernelNumbersAndSpellings(type: XFRM.MessageType, number: UInt16, name: String) {
        #expect(type.rawValue == number)
        #expect(type.description == name)
    }

    @Test(arguments: [
        (XFRM.AttributeType.authentication, UInt16(1)), (.encryption, 2), (.compression, 3), (.encapsulation, 4),
        (.templates, 5), (.sa, 6), (.policy, 7), (.securityContext, 8), (.lastUsed, 15), (.aead, 18),
        (.truncatedAuthentication, 20), (.proto, 25), (.addressFilter, 26),
    ])
    func attributeTypesHaveTheKernelNumbers(type: XFRM.AttributeType, number: UInt16) {
        #expect(type.rawValue == number)
    }

    /// Every algorithm setkey on Linux can name maps to its kernel name and back.
    @Test func everyLinuxCatalogueAlgorithmRoundTripsThroughItsKernelName() throws {
        for d in AlgorithmCatalogue.descriptors where d.personalities.contains(.linux) && d.linuxName != nil && !d.names.isEmpty {
            let key = SAKey([UInt8](repeating: 7, count: d.keyBits.minimum / 8))
            var sa = Make.esp("10.0.0.1", "10.0.0.2", spi: 0x100)
            sa.encryption = nil
            switch d.kind {
            case .encryption: sa.encryption = KeyedAlgorithm(id: d.id, key: key)
            case .authentication: sa.authentication = KeyedAlgorithm(id: d.id, key: key)
            case .compression: sa.type = .ipcomp; sa.compression = KeyedAlgorithm(id: d.id)
            }
            let attr = try #require(try XFRMAlgorithmMapping.attributes(for: sa).first)
            #expect(attr.name == d.linuxName)
            let hasLength: Bool
            switch attr.slot {
            case .authentication, .aead: hasLength = true
            case .encryption, .compression: hasLength = false
            }
            let back = try withBytes(attr.encoded) { (raw) throws(BackendError) -> KeyedAlgorithm in
                try XFRMDecoder.algorithm(raw, hasLength: hasLength, kind: d.kind)
            }
            #expect(back.id == d.id, "\(d.canonicalName)")
            #expect(back.icvBits == nil && back.kernelName == nil)
        }
    }

    @Test func anUnknownKernelAlgorithmKeepsItsName() {
        let a = XFRMAlgorithmMapping.model(kind: .encryption, name: "cbc(sm4-ce)", key: .empty, icvBits: nil)
        #expect(a.kernelName == "cbc(sm4-ce)" && a.id.number == 0)
    }
}
