import Testing
import SetkeyCore

@Suite struct PFKeyFileDecoderTests {
    func decode(_ bytes: [UInt8], includeDead: Bool = false, withPorts: Bool = false) -> PFKey.FileDecoder.Output {
        PFKey.FileDecoder.decode(bytes, wire: .linux, includeDead: includeDead, withPorts: withPorts)
    }

    func dump(_ state: SAState = .mature, pid: UInt32 = 1) throws -> [UInt8] {
        var sa = PFKeyModelSamples.reported(pid: pid)
        sa.reported?.state = state
        return try PFKey.KernelReplyBuilder(wire: .linux).saMessage(sa).encoded(for: .linux)
    }

    @Test func emptyAndShortFilesAreInvalid() {
        #expect(decode([]) == PFKey.FileDecoder.Output(records: [], error: .invalidArgument))
        #expect(decode(Array(PFKeyFixtures.errorReply.prefix(15))).error == .invalidArgument)
    }

    @Test func oneErrorReply() {
        #expect(decode(PFKeyFixtures.errorReply) == PFKey.FileDecoder.Output(records: [.errorLine("File exists.")], error: nil))
    }

    @Test(arguments: [(UInt8(10), "No SAD entries."), (18, "No SPD entries."), (4, "No entry."), (5, "No entry."),
                      (15, "No entry."), (3, "(null).")])
    func enoentTexts(type: UInt8, text: String) {
        var m = PFKeyFixtures.errorReply
        m[1] = type
        m[2] = 2  // ENOENT
        #expect(decode(m).records == [.errorLine(text)])
    }

    @Test func dumpRecordsWithTheirVerboseTrailer() throws {
        let first = try dump(pid: 1), second = try dump(pid: 2)
        let out = decode(first + second)
        #expect(out.error == nil && out.records.count == 2)
        guard case .sa(let sa, let trailer)? = out.records.first else { Issue.record("not an SA"); return }
        #expect(sa.reported?.messagePID == 1)
        #expect(trailer == PFKey.DebugPrinter.record(second, wire: .linux))  // -v decodes the next message
        guard case .sa(_, let last)? = out.records.last else { return }
        #expect(last?.hasPrefix("sadb_msg{ version=0 type=0") == true)
    }

    @Test func deadSAsAreSkippedUnlessAll() throws {
        let bytes = try dump(.dead) + dump(.mature)
        #expect(decode(bytes).records.count == 1)
        #expect(decode(bytes, includeDead: true).records.count == 2)
    }

    @Test func getRepliesHaveNoTrailerAndOtherTypesPrintNothing() throws {
        var get = try dump()
        get[1] = PFKey.MessageType.get.rawValue
        guard case .sa(_, let trailer)? = decode(get).records.first else { Issue.record("no record"); return }
        #expect(trailer == nil)
        #expect(decode(PFKeyFixtures.addReply).records.isEmpty)
        #expect(decode(PFKeyFixtures.registerReply).records.isEmpty)
    }

    @Test func policyRecords() throws {
        let bytes = try PFKey.KernelReplyBuilder(wire: .linux).policyMessage(PFKeyModelSamples.reportedPolicy).encoded(for: .linux)
        #expect(decode(bytes).records == [.policy(PFKeyModelSamples.reportedPolicy)])
    }

    @Test func zeroLengthMessageEndsTheFileAfterWhatCameBefore() throws {
        var zero = PFKeyFixtures.errorReply
        zero[4] = 0
        let out = decode(PFKeyFixtures.errorReply + zero)
        #expect(out.records == [.errorLine("File exists.")] && out.error == .invalidArgument)
    }

    @Test func messageRunningPastTheEndIsInvalid() throws {
        let out = decode(PFKeyFixtures.errorReply + Array(try dump().prefix(40)))
        #expect(out.records.count == 1 && out.error == .invalidArgument)
    }

    @Test func onlyTheFirst32KiBAreRead() throws {
        let one = PFKeyFixtures.errorReply
        let bytes = [[UInt8]](repeating: one, count: 2049).flatMap { $0 }  // 32,784 bytes
        #expect(decode(bytes).records.count == 2048)
    }

    @Test func structureFailuresPrintLibipsecText() throws {
        var bytes = try dump()
        bytes[3] = 7  // satype RIPv2
        #expect(decode(bytes).records == [.text("Not supported\n")])
        bytes = try dump()
        var m = try PFKey.Message(decoding: bytes, wire: .linux)
        m.extensions = m.extensions.map {
            if case .address(.destination, _) = $0 {
                return .address(.destination, PFKey.AddressExtension(IPAddress("::1")!, proto: 0, wire: .linux))
            }
            return $0
        }
        #expect(decode(try m.encoded(for: .linux)).records == [.text("Family mismatch\n")])
        m.extensions.append(.filter(PFKey.FilterExtension(source: [], destination: [], family: 2, sourcePrefixLength: 0,
                                                          destinationPrefixLength: 0)))
        #expect(decode(try m.encoded(for: .linux)).records == [.text("Invalid extension type\n")])
    }

    @Test func recordsCutShortAfterTheirAddresses() throws {
        var m = try PFKey.Message(decoding: dump(), wire: .linux)
        m.extensions.removeAll { $0.type == .sa2 }
        #expect(decode(try m.encoded(for: .linux)).records == [.text("10.1.0.1 10.1.0.2 no SA2 extension.\n")])
        #expect(decode(try m.encoded(for: .linux), withPorts: true).records
                == [.text("10.1.0.1[0] 10.1.0.2[0] no SA2 extension.\n")])
        m.extensions.removeAll { $0.type == .sa }
        #expect(decode(try m.encoded(for: .linux)).records == [.text("10.1.0.1 10.1.0.2 no SA extension.\n")])
        m.extensions.removeAll { $0.type == .addressDestination }
        #expect(decode(try m.encoded(for: .linux)).records == [.text("10.1.0.1  no ADDRESS_DST extension.\n")])
        m.extensions.removeAll { $0.type == .addressSource }
        #expect(decode(try m.encoded(for: .linux)).records == [.text("no ADDRESS_SRC extension.\n")])
    }
}
