import Testing
import CXFRM
import SetkeyCore
@testable import SetkeyXFRM

/// Bounds checks on everything read from the socket: framing, attributes, padding written.
@Suite struct XFRMMessageFramingTests {
    private func view(_ bytes: [UInt8]) throws(BackendError) -> XFRMMessageView {
        var out: XFRMMessageView?
        var failure: BackendError?
        bytes.withUnsafeBytes { raw in
            do throws(BackendError) {
                _ = try XFRMMessageView.validateFraming(raw)
                out = try XFRMMessageView(raw)
            } catch { failure = error }
        }
        if let failure { throw failure }
        return out!
    }

    @Test(arguments: [0, 1, 15])
    func headersShorterThan16BytesAreMalformed(length: Int) {
        #expect(throws: BackendError.self) { _ = try view(Array(KernelReply.done(sequence: 1).prefix(length))) }
    }

    @Test func lengthPastTheDatagramIsMalformed() {
        var d = KernelReply.done(sequence: 1)
        d[0] = 24  // claims 24 bytes, has 20
        #expect(throws: BackendError.malformedReply("netlink message length 24 outside 16...20")) { _ = try view(d) }
    }

    @Test func lengthBelowTheHeaderIsMalformed() {
        var d = KernelReply.done(sequence: 1)
        d[0] = 8
        #expect(throws: BackendError.self) { _ = try view(d) }
    }

    @Test func twoMessagesBackToBackAreOneDatagram() throws {
        let two = KernelReply.message(type: 0x10, sequence: 5, payload: [1, 2, 3]) + KernelReply.done(sequence: 5)
        let count = try two.withUnsafeBytes { (raw) -> Int in try XFRMMessageView.validateFraming(raw) }
        #expect(count == 2)
        let truncated = Array(two.dropLast(2))
        #expect(throws: BackendError.self) {
            try truncated.withUnsafeBytes { raw in _ = try XFRMMessageView.validateFraming(raw) }
        }
    }

    @Test func everyTruncationOfARealPolicyDumpIsAnErrorNeverACrash() throws {
        let datagram = try #require(Fixtures.datagrams("policy-dump-spd-variety")?.first)
        let port = UInt32(datagram[12]) | UInt32(datagram[13]) << 8 | UInt32(datagram[14]) << 16 | UInt32(datagram[15]) << 24
        var errors = 0
        for cut in stride(from: 1, to: datagram.count, by: 7) {
            let c = ReplyCollector()
            c.decode = { (m) throws(BackendError) in _ = try XFRMBackend.decodePolicy(m, now: 0) }
            let part = Array(datagram.prefix(cut))
            var failed = false
            part.withUnsafeBytes { raw in
                do throws(BackendError) { _ = try XFRMReplyReader.dispatch(raw, portID: port, to: c) } catch { failed = true }
            }
            if failed { errors += 1 }
        }
        #expect(errors > 0)
    }

    @Test func corruptedLengthsInsideARealSAAreErrorsNeverCrashes() throws {
        let datagram = try #require(Fixtures.datagrams("sa-dump-sa-variety")?.first)
        // Overwrite each 16-bit word of the first message (past the netlink header) with
        // extreme values: attribute lengths and key lengths must be caught by bounds checks.
        let first = Int(UInt32(datagram[0]) | UInt32(datagram[1]) << 8)
        for offset in stride(from: 16 + 224, to: first - 1, by: 2) {
            for value: [UInt8] in [[0xff, 0xff], [0x03, 0x00], [0x00, 0x00]] {
                var d = Array(datagram.prefix(first))
                d[offset] = value[0]
                d[offset + 1] = value[1]
                let c = ReplyCollector()
                c.decode = { (m) throws(BackendError) in _ = try XFRMBackend.decodeSA(m, now: 0) }
                d.withUnsafeBytes { raw in
                    do throws(BackendError) { _ = try XFRMReplyReader.dispatch(raw, portID: 0, to: c) } catch {}
                }
            }
        }
    }

    @Test func aMessageForAnotherPortIsRejected() {
        let d = KernelReply.done(sequence: 1, portID: 999)
        let c = ReplyCollector()
        _ = d.withUnsafeBytes { raw in
            #expect(throws: BackendError.malformedReply("a message addressed to another netlink port")) {
                _ = try XFRMReplyReader.dispatch(raw, portID: 4242, to: c)
            }
        }
    }

    @Test func writtenStructsHaveZeroPadding() {
        // xfrm_usersa_id: 16 address + 4 spi + 2 family + 1 proto + 1 padding.
        for spi: UInt32 in [1, 0xffff_ffff, 0x1234_5678] {
            let id = SAIdentity(source: Make.address("10.0.0.1"), destination: Make.address("10.0.0.2"), type: .esp, spi: SPI(spi))
            let bytes = XFRMRequest.saIdentity(.getSA, XFRMStateMapping.identity(id)).encoded(sequence: 1)
            #expect(bytes[16 + 23] == 0)
        }
        // xfrm_selector: 3 padding bytes after proto; xfrm_userpolicy_info: 4 at the end.
        let p = Make.policy("10.0.0.1", "10.0.0.2", .outbound, action: .none, upper: .udp)
        guard case .send(let r) = XFRMRequestPlanner.plan(.spdAdd(p)) else { Issue.record("refused"); return }
        let b = r[0].encoded(sequence: 1)
        #expect(Array(b[(16 + 45)..<(16 + 48)]) == [0, 0, 0])
        #expect(Array(b[(16 + 164)..<(16 + 168)]) == [0, 0, 0, 0])
    }
}

@Suite struct XFRMAttributesTests {
    private func parse(_ bytes: [UInt8]) throws(BackendError) -> XFRMAttributes {
        var out = XFRMAttributes()
        var failure: BackendError?
        bytes.withUnsafeBytes { raw in
            do throws(BackendError) { out = try XFRMAttributes(parsing: raw) } catch { failure = error }
        }
        if let failure { throw failure }
        return out
    }

    private func algo(_ type: UInt16, name: String, bits: UInt32, key: [UInt8]) -> ByteFixture {
        ByteFixture().u16(UInt16(4 + 68 + key.count)).u16(type).text(name, size: 64).u32(bits).raw(key)
    }

    @Test func emptyAreaHasNoAttributes() throws {
        #expect(try parse([]).seen == 0)
    }

    @Test func oneAndTwoAttributesAreFound() throws {
        let a = try parse(algo(2, name: "cbc(aes)", bits: 128, key: Array(repeating: 1, count: 16)).bytes)
        #expect(a.encryption?.count == 68 + 16 && a.contains(.encryption))
        let b = try parse((algo(2, name: "cbc(aes)", bits: 32, key: [1, 2, 3, 4])
            .raw(algo(3, name: "deflate", bits: 0, key: []).bytes)).bytes)
        #expect(b.encryption != nil && b.compression != nil && b.authentication == nil)
    }

    @Test func aDuplicateIsMalformed() {
        let one = algo(2, name: "cbc(aes)", bits: 0, key: []).bytes
        #expect(throws: BackendError.malformedReply("attribute 2 appears twice")) { _ = try parse(one + one) }
    }

    @Test func truncatedHeaderAndOverlongLengthAreMalformed() {
        #expect(throws: BackendError.self) { _ = try parse([8, 0]) }
        #expect(throws: BackendError.self) { _ = try parse(ByteFixture().u16(12).u16(2).u32(0).bytes) }
        #expect(throws: BackendError.self) { _ = try parse(ByteFixture().u16(2).u16(2).bytes) }
    }

    @Test func aKnownAttributeShorterThanItsStructIsMalformed() {
        #expect(throws: BackendError.malformedReply("XFRMA_ALG_CRYPT needs 68 bytes, got 4")) {
            _ = try parse(ByteFixture().u16(8).u16(2).u32(0).bytes)
        }
        #expect(throws: BackendError.self) {  // templates must be whole xfrm_user_tmpl structs
            _ = try parse(ByteFixture().u16(4 + 70).u16(5).zeros(70).zeros(2).bytes)
        }
    }

    @Test func unknownAndNewerTypesAreSkippedAndFlagsMasked() throws {
        let unknown = ByteFixture().u16(8).u16(40).u32(7)               // type 40: newer than this build
        let flagged = ByteFixture().u16(12).u16(0x8000 | 15).u64(1)     // XFRMA_LASTUSED with NLA_F_NESTED set
        let a = try parse(unknown.bytes + flagged.bytes + unknown.bytes)  // an unknown type may repeat
        #expect(a.lastUsed?.count == 8)
        #expect(a.seen == 1 << 15)
    }

    @Test func aKeyLongerThanItsAttributeIsMalformed() {
        let lying = algo(2, name: "cbc(aes)", bits: 256, key: Array(repeating: 0, count: 16)).bytes
        #expect(throws: BackendError.malformedReply("cbc(aes): a 256-bit key overruns its 84-byte attribute")) {
            let a = try parse(lying)
            _ = try XFRMDecoder.algorithm(a.encryption!, hasLength: false, kind: .encryption)
        }
    }
}
