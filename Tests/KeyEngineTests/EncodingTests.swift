@testable import KeyEngine
import SetkeyCore
import Testing

/// The binary encoding of records and the frame checksum.
@Suite struct EncodingTests {
    @Test(arguments: [("", UInt32(0)), ("a", 0xC1D0_4330), ("123456789", 0xE306_9283)])
    func crc32cKnownVectors(text: String, expected: UInt32) {
        #expect(CRC32C.checksum(Array(text.utf8)) == expected)
    }

    @Test func crc32cOfLongInputMatchesBytewiseContinuation() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let whole = CRC32C.checksum(bytes)
        let split = bytes.withUnsafeBytes { raw in
            CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[3...]),
                            continuing: CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[..<3])))
        }
        #expect(whole == split)
    }

    static func richSA() -> StoredSA {
        var sa = espSA(spi: 0xdead_beef, source: "2001:db8::1", destination: "2001:db8::2")
        sa.sourcePort = 4500
        sa.destinationPort = 4501
        sa.mode = .tunnel
        sa.reqid = RequestID(77)
        sa.replayWindow = 300
        sa.flags = [.cyclicSequence, .zeroPadding, .noECN]
        sa.authentication = KeyedAlgorithm(id: hmacSHA256, key: key(bytes: 32), icvBits: 128, kernelName: "hmac(sha256)")
        sa.hardLifetime = Lifetime(allocations: 1, bytes: 2, addTime: 3, useTime: 4)
        sa.softLifetime = Lifetime(bytes: 100)
        sa.natTraversal = NATTraversal(sourcePort: 4500, destinationPort: 4500, originalAddress: address("10.0.0.1"),
                                       originalResponderAddress: address("10.0.0.2"), fragmentSize: 1400)
        sa.securityContext = SecurityContext(doi: 1, algorithm: 2, context: "system_u:object_r:ipsec_spd_t:s0")
        return StoredSA(serial: 1 << 40, sa: sa, state: .dying, stateSince: 5, created: 6, firstUse: 7, bytes: 8, packets: 9)
    }

    static func richPolicy() -> StoredPolicy {
        var p = policy("10.0.0.0/8", "2001:db8::/32", .forward, priority: 0x4000_0000, upper: .icmpv6, sport: 135, dport: 2)
        p.requests = [IPsecRequest(proto: .esp, mode: .tunnel,
                                   endpoints: TunnelEndpoints(source: address("192.0.2.1"), destination: address("192.0.2.2"),
                                                              sourcePort: 4500, destinationPort: 4500),
                                   level: .unique, reqid: RequestID(0x4001)),
                      IPsecRequest(proto: .ipcomp, mode: .transport, level: .use)]
        p.securityContext = SecurityContext(doi: 1, algorithm: 1, context: "ctx")
        return StoredPolicy(serial: 3, policy: p, id: 18, position: 2, created: 1_700_000_000)
    }

    @Test(arguments: [
        JournalRecord.saAdded(EncodingTests.richSA()), .saUpdated(EncodingTests.richSA()), .saDeleted(serial: 0),
        .saFlushed(.ipcomp), .saExpired(serial: 9, hard: true, at: 99), .saPurged(serial: .max),
        .saCounted(serial: 1, bytes: 2, packets: 3, firstUse: 4), .policyAdded(EncodingTests.richPolicy()),
        .policyReplaced(replacing: 2, EncodingTests.richPolicy()), .policyDeleted(serial: 5), .policiesFlushed,
        .counters(EngineCounters(nextSerial: 10, policyIndexGenerator: 16, nextPolicyID: 4, nextRequestID: 0x4002)),
    ])
    func everyRecordRoundTrips(record: JournalRecord) throws {
        var batch = JournalBatch(time: 1_700_000_000_123_456, pid: 4242)
        batch.add(record)
        let bytes = batch.take()
        var entries = [JournalEntry]()
        let scan = try FrameScan.read(bytes, from: 0, allowTornTail: false) { entries.append($0) }
        #expect(scan.tail == nil)
        #expect(entries == [JournalEntry(time: 1_700_000_000_123_456, pid: 4242, record: record)])
        #expect(scan.validEnd == bytes.count)
    }

    /// A frame around `payload` with a correct length and checksum.
    static func frame(_ payload: [UInt8]) -> [UInt8] {
        var w = ByteWriter()
        w.u32LE(UInt32(payload.count))
        let crc = payload.withUnsafeBytes { CRC32C.checksum($0, continuing: CRC32C.checksum(w.bytes)) }
        w.u32LE(crc)
        w.raw(payload)
        return w.take()
    }

    @Test func aTruncatedRecordWithAGoodChecksumIsADecodeFailure() {
        #expect(throws: DecodeFailure.self) { _ = try FrameScan.read(Self.frame([1]), from: 0, allowTornTail: true) { _ in } }
    }

    @Test func anUnknownRecordKindIsADecodeFailure() {
        #expect(throws: DecodeFailure.self) {
            _ = try FrameScan.read(Self.frame([200, 0, 0]), from: 0, allowTornTail: true) { _ in }
        }
    }

    static func threeFrames() -> [UInt8] {
        var batch = JournalBatch(time: 1, pid: 1)
        for s in 0..<3 { batch.add(.saDeleted(serial: UInt64(s))) }
        return batch.take()
    }

    @Test func aFlippedLengthInTheMiddleIsCorruptionNotATornTail() {
        var bytes = Self.threeFrames()
        bytes[0] = 0xf0  // the first frame now claims to run past the end of the file
        var delivered = 0
        #expect(throws: DecodeFailure.self) {
            _ = try FrameScan.read(bytes, from: 0, allowTornTail: true) { _ in delivered += 1 }
        }
        #expect(delivered == 0, "nothing is delivered from a corrupt file")
    }

    @Test func aCutLastFrameIsATornTailAfterTheIntactOnes() throws {
        let bytes = Array(Self.threeFrames().dropLast(2))
        var delivered = 0
        let scan = try FrameScan.read(bytes, from: 0, allowTornTail: true) { _ in delivered += 1 }
        #expect(delivered == 2)
        #expect(scan.tail?.isTail == true)
        #expect(throws: DecodeFailure.self) { _ = try FrameScan.read(bytes, from: 0, allowTornTail: false) { _ in } }
    }

    @Test func varintBoundaries() throws {
        for v: UInt64 in [0, 127, 128, 16383, 16384, UInt64(UInt32.max), .max] {
            var w = ByteWriter()
            w.varint(v)
            let decoded = try w.bytes.withUnsafeBytes { raw in
                var r = ByteReader(raw, range: 0..<raw.count)
                return try r.varint()
            }
            #expect(decoded == v)
        }
    }
}
