#if canImport(Glibc)
import Glibc
#endif
import Testing
import SetkeyCore

/// Messages a real Linux af_key sent (Tests/Fixtures/pfkey-kernel), replayed offline.
@Suite struct PFKeyKernelFixtureTests {
    static func messages(_ name: String, file: String = #filePath) -> [[UInt8]] {
        var dir = file
        for _ in 0..<2 {
            if dir.last == "/" { dir.removeLast() }
            while let last = dir.last, last != "/" { dir.removeLast() }
        }
        guard let f = fopen(dir + "Fixtures/pfkey-kernel/\(name).hex", "rb") else { return [] }
        defer { fclose(f) }
        var text = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 8192)
        while true {
            let n = fread(&chunk, 1, chunk.count, f)
            if n <= 0 { break }
            text += chunk[0..<n]
        }
        return String(decoding: text, as: UTF8.self).split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            var bytes = [UInt8]()
            var high: UInt8?
            for c in line.utf8 {
                let v = c <= 57 ? c - 48 : c - 87
                if let h = high { bytes.append(h << 4 | v); high = nil } else { high = v }
            }
            return bytes
        }
    }

    static let files = ["register", "add-replies", "dump-sa-variety", "spddump-spd-variety", "error-replies", "promisc"]

    @Test(arguments: files)
    func everyMessageRoundTripsAndPassesLibipsecsCheck(file: String) throws {
        let all = Self.messages(file)
        #expect(!all.isEmpty, "\(file) missing")
        for bytes in all {
            let m = try PFKey.Message(decoding: bytes, wire: .linux)
            #expect(try m.encoded(for: .linux) == bytes)
            #expect(PFKey.StructureCheck.failure(bytes, wire: .linux) == nil)
            #expect(!PFKey.DebugPrinter.text(bytes, wire: .linux).contains("kdebug_sadb"))
        }
    }

    @Test func registerRepliesListTheSameAlgorithmsForEveryType() throws {
        let decoder = PFKey.ModelDecoder(wire: .linux)
        let tables = try Self.messages("register").map { decoder.supportedAlgorithms(try PFKey.Message(decoding: $0, wire: .linux)) }
        #expect(tables.count == 3 && Set(tables).count == 1)
        let t = try #require(tables.first)
        #expect(t[AlgorithmID(.encryption, 12)] == KeyBitsRange(128, 256))  // aes-cbc
        #expect(t[AlgorithmID(.encryption, 11)] == KeyBitsRange(0, 0))      // null
        #expect(t[AlgorithmID(.authentication, 251)] == KeyBitsRange(0, 0)) // null
        #expect(t[AlgorithmID(.authentication, 5)] == KeyBitsRange(256, 256))
        #expect(t[AlgorithmID(.encryption, 20)] == nil)  // no AEAD through PF_KEY
    }

    @Test func dumpRecordsAreTheReferenceSAsInKernelOrder() throws {
        let decoder = PFKey.ModelDecoder(wire: .linux)
        let sas = try Self.messages("dump-sa-variety").map { try decoder.securityAssociation(PFKey.Message(decoding: $0, wire: .linux)) }
        #expect(sas.count == 19)
        #expect(sas.first?.spi == SPI(0x4001) && sas.last?.spi == SPI(0x1001))  // newest first
        #expect(sas.map { $0.reported?.messageSequence } == Array(1...18).map { UInt32($0) } + [0])
        #expect(sas.allSatisfy { $0.state == .mature && $0.flags.isEmpty && $0.reported?.referenceCount == 0 })
        let natt = try #require(sas.first)
        #expect(natt.natTraversal?.sourcePort == 4500 && natt.natTraversal?.type == 2 && natt.mode == .tunnel)
        let null = try #require(sas.first { $0.spi == SPI(0x1009) })
        // No KEY_ENCRYPT for -E null: the algorithm with an empty key.
        #expect(null.encryption == KeyedAlgorithm(id: AlgorithmID(.encryption, 11)) && null.authentication?.key.count == 20)
        let ipcomp = try #require(sas.first { $0.spi == SPI(0x10003) })
        #expect(ipcomp.compression?.id == AlgorithmID(.compression, 2) && ipcomp.source == IPAddress("fec0::11"))
        let lifetimes = try #require(sas.first { $0.spi == SPI(0x1002) })
        #expect(lifetimes.hardLifetime.addTime == 3600 && lifetimes.softLifetime.bytes == 50_000 && lifetimes.reqid == RequestID(100))
    }

    @Test func addEchoesCarryKeysAndTheRequestsSequence() throws {
        let adds = try Self.messages("add-replies").map { try PFKey.Message(decoding: $0, wire: .linux) }
        #expect(adds.count == 19 && adds.allSatisfy { $0.type == .add && $0.errno == 0 })
        #expect(adds.map(\.sequence) == adds.map(\.sequence).sorted())
        #expect(adds.first?.key(.encryption)?.key == SAKey(Array("kamekame12341234kame1234".utf8)))
    }

    @Test func policyDumpRecordsIncludeTheFwdCopies() throws {
        let decoder = PFKey.ModelDecoder(wire: .linux)
        let ps = try Self.messages("spddump-spd-variety").map { try decoder.securityPolicy(PFKey.Message(decoding: $0, wire: .linux)) }
        #expect(ps.count == 14)
        #expect(ps.filter { $0.direction == .forward }.count == 4)
        #expect(ps.allSatisfy { $0.reported?.hasLifetimes == true && $0.reported?.referenceCount == 2 })
        #expect(ps.contains { $0.priority == PolicyPriority(0xC000_0000) })
        let unique = try #require(ps.first { $0.requests.first?.level == .unique })
        #expect(unique.requests.first?.reqid == RequestID(42) && unique.requests.first?.endpoints != nil)
    }

    @Test func errorRepliesAreHeaderOnly() throws {
        let errors = try Self.messages("error-replies").map { try PFKey.Message(decoding: $0, wire: .linux) }
        #expect(errors.map { $0.error } == [.fileExists, .noSuchProcess, .invalidArgument, .invalidArgument,
                                            .noSuchFileOrDirectory, .noSuchProcess])
        #expect(errors.allSatisfy { $0.extensions.isEmpty })
    }

    @Test func promiscuousSocketSeesTheRequestAndTheNotification() throws {
        let decoder = PFKey.ModelDecoder(wire: .linux)
        let events = Self.messages("promisc").map { decoder.event($0, seconds: 0, microseconds: 0) }
        #expect(events.map(\.kind) == [.other("X_PROMISC"), .other("X_PROMISC"), .saAdded, .saAdded])
        #expect(events[2].sa?.state == .larval)  // the other socket's request, as it sent it
        #expect(events[3].sa?.state == .mature)  // the kernel's notification
    }
}

/// What other backends print for `-v` is only as good as `KernelReplyBuilder`'s imitation of
/// the kernel: rebuilt from the decoded model, the captured records come out byte for byte.
@Suite struct PFKeyKernelImitationTests {
    @Test func saRecordsRebuiltFromTheModelAreTheKernelsBytes() throws {
        let decoder = PFKey.ModelDecoder(wire: .linux), kernel = PFKey.KernelReplyBuilder(wire: .linux)
        for bytes in PFKeyKernelFixtureTests.messages("dump-sa-variety") {
            let sa = try decoder.securityAssociation(PFKey.Message(decoding: bytes, wire: .linux))
            #expect(try kernel.saMessage(sa).encoded(for: .linux) == bytes, "\(sa.spi)")
        }
    }

    @Test func policyRecordsRebuiltFromTheModelAreTheKernelsBytes() throws {
        let decoder = PFKey.ModelDecoder(wire: .linux), kernel = PFKey.KernelReplyBuilder(wire: .linux)
        for bytes in PFKeyKernelFixtureTests.messages("spddump-spd-variety") {
            let p = try decoder.securityPolicy(PFKey.Message(decoding: bytes, wire: .linux))
            #expect(try kernel.policyMessage(p).encoded(for: .linux) == bytes, "\(p.reported?.id ?? 0)")
        }
    }

    @Test func addNotificationsRebuiltFromTheModelAreTheKernelsBytes() throws {
        let decoder = PFKey.ModelDecoder(wire: .linux), kernel = PFKey.KernelReplyBuilder(wire: .linux)
        for bytes in PFKeyKernelFixtureTests.messages("add-replies") {
            let sa = try decoder.securityAssociation(PFKey.Message(decoding: bytes, wire: .linux))
            #expect(try kernel.saMessage(sa, type: .add).encoded(for: .linux) == bytes, "\(sa.spi)")
        }
    }
}
