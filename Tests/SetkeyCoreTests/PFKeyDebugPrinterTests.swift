import Testing
import SetkeyCore

/// `-v` output against what ipsec-tools 0.9.1 printed in the kernel lab.
@Suite struct PFKeyDebugPrinterTests {
    let wire = PFKey.Wire.linux

    func record(_ m: PFKey.Message) throws -> String {
        PFKey.DebugPrinter.record(try m.encoded(for: wire), wire: wire)
    }

    /// `setkey -v -f verbose.conf`. The received records lag one behind: Linux answers a FLUSH
    /// twice (the reply and the broadcast), and setkey reads one message per request, so each
    /// later request shows the previous one's leftover (see verbose.load in the reference).
    @Test func verboseLoadMatchesTheCapture() throws {
        let send = PFKey.RequestBuilder(wire: wire, pid: 651)
        let kernel = PFKey.KernelReplyBuilder(wire: wire)
        let flush = send.flush(.unspecified)
        var text = try record(flush) + record(flush)
        text += try record(send.spdFlush()) + record(flush)
        text += try record(send.add(PFKeyModelSamples.sa)) + record(send.spdFlush())
        text += try record(send.spdAdd(PFKeyModelSamples.policy))
        text += try record(kernel.saMessage(PFKeyModelSamples.reported(pid: 651), type: .add))
        #expect(text == PFKeyGoldenFile.read("verbose.load.stdout"))
    }

    /// `setkey -D -v`: request, the dump record, and the spurious record 0.9.1 decodes from the
    /// bytes after the message in its receive buffer (zeros here).
    @Test func verboseDumpMatchesTheCapture() throws {
        let request = PFKey.RequestBuilder(wire: wire, pid: 666).dump(.unspecified)
        let reply = try PFKey.KernelReplyBuilder(wire: wire).saMessage(PFKeyModelSamples.reported(pid: 666)).encoded(for: wire)
        var buffer = PFKey.VerboseReceiveBuffer()
        buffer.receive(reply)
        let text = try record(request) + PFKey.DebugPrinter.record(reply, wire: wire)
            + buffer.trailingRecord(after: reply.count, wire: wire)
        #expect(text == PFKeyGoldenFile.read("verbose.D.kdebug"))
    }

    @Test func verbosePolicyDumpMatchesTheCapture() throws {
        let request = PFKey.RequestBuilder(wire: wire, pid: 667).spdDump()
        let reply = PFKey.KernelReplyBuilder(wire: wire).policyMessage(PFKeyModelSamples.reportedPolicy)
        #expect(try record(request) + record(reply) == PFKeyGoldenFile.read("verbose.DP.kdebug"))
    }

    @Test func theTrailingRecordShowsWhatALongerEarlierMessageLeft() throws {
        var buffer = PFKey.VerboseReceiveBuffer()
        buffer.receive(PFKeyFixtures.addReply)  // 272 bytes
        buffer.receive(PFKeyFixtures.errorReply)  // 16 bytes over its start
        let text = buffer.trailingRecord(after: 16, wire: wire)
        // The SA extension (len 2, type 1) and the SPI read as a header.
        #expect(text.hasPrefix("sadb_msg{ version=2 type=0 errno=1 satype=0\n  len=0 reserved=368 seq=201523456 pid=0\n"))
    }

    @Test func emptyInputPrintsAZeroHeader() {
        #expect(PFKey.DebugPrinter.text([], wire: wire) == "sadb_msg{ version=0 type=0 errno=0 satype=0\n  len=0 reserved=0 seq=0 pid=0\n")
    }

    @Test func zeroExtensionLengthStops() {
        let bytes: [UInt8] = [2, 3, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]
        #expect(PFKey.DebugPrinter.text(bytes, wire: wire).hasSuffix(
            "sadb_ext{ len=0 type=1 }\nkdebug_sadb: invalid ext_len=0 was passed.\n"))
    }

    @Test func extensionLengthIsComparedInWordsAgainstBytes() {
        // One 8-byte extension claiming 9 words: 9 > 8 bytes left, so it stops.
        let bytes: [UInt8] = [2, 3, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 9, 0, 17, 0, 0, 0, 0, 0]
        #expect(PFKey.DebugPrinter.text(bytes, wire: wire).hasSuffix("kdebug_sadb: ext_len exceeds end of buffer.\n"))
    }

    @Test func securityContextIsAnInvalidTypeForTheLinuxBuild() throws {
        let m = PFKey.Message(type: .spdAdd, pid: 1, extensions: [
            .securityContext(PFKey.SecurityContextExtension(doi: 1, algorithm: 1, context: "x")),
            .kmPrivate(PFKey.WordExtension(value: 0)),
        ])
        #expect(try record(m).hasSuffix("sadb_ext{ len=2 type=24 }\nkdebug_sadb: invalid ext_type 24 was passed.\n\n"))
    }

    @Test func keyLengthMismatchIsReportedAndTheBytesStillPrinted() {
        // KEY_AUTH of 2 words (8 bytes of room) claiming 96 bits.
        let bytes: [UInt8] = [2, 3, 0, 3, 4, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
                              2, 0, 8, 0, 96, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8]
        let text = PFKey.DebugPrinter.text(bytes, wire: wire)
        #expect(text.hasSuffix("  key=kdebug_sadb_key: key length mismatch, bit:12 len:8.\n 01020304 05060708 00000000 }\n"))
    }

    @Test func ipv6SockaddrsPrintFlowinfoAndScope() throws {
        let m = PFKey.Message(type: .get, saType: 3, pid: 1, extensions: [
            .address(.source, PFKey.AddressExtension(IPAddress("fec0::10")!, port: 500, proto: 255, wire: wire)),
        ])
        #expect(try record(m).contains("""
            sadb_address{ proto=255 prefixlen=128 reserved=0x0000 }
            sockaddr{ len=28 family=10 port=500
              flowinfo=0x00000000, scope_id=0x00000000
             fec00000 00000000 00000000 00000010  }

            """))
    }

    @Test func tunnelRequestsPrintTheirEndpoints() throws {
        var p = PFKeyModelSamples.policy
        p.requests = [IPsecRequest(proto: .esp, mode: .tunnel,
                                   endpoints: TunnelEndpoints(source: PFKeyModelSamples.a, destination: PFKeyModelSamples.b),
                                   level: .unique, reqid: RequestID(7))]
        let text = try record(PFKey.RequestBuilder(wire: wire, pid: 1).spdAdd(p))
        #expect(text.contains("""
             { len=48 proto=50 mode=2 level=3 reqid=7
            sockaddr{ len=16 family=2 port=0
             0a010001  }
            sockaddr{ len=16 family=2 port=0
             0a010002  }
             }

            """))
    }

    @Test func bsdPolicyHasNoPriorityAndBSDSockaddrsTheirLength() throws {
        let text = PFKey.DebugPrinter.text(PFKeyFixtures.netBSDTunnelPolicy, wire: .netBSD)
        #expect(text.contains("sadb_x_policy{ type=2 dir=2 id=0 }\n { len=64 proto=50 mode=2 level=3 reqid=7\nsockaddr{ len=28 family=24 port=0\n"))
    }

    @Test func supportedListsAndIdentities() throws {
        var text = PFKey.DebugPrinter.text(PFKeyFixtures.registerReply, wire: wire)
        #expect(text.hasSuffix("sadb_ext{ len=2 type=14 }\nsadb_sup{\n  { id=3 ivlen=0 min=160 max=160 }\n}\n"
            + "sadb_ext{ len=2 type=15 }\nsadb_sup{\n  { id=12 ivlen=8 min=128 max=256 }\n}\n"))
        let m = PFKey.Message(type: .acquire, pid: 1, extensions: [
            .identity(.source, PFKey.IdentityExtension(identityType: 2, id: 5, data: Array("a\u{1}b\u{0}".utf8) + [0, 0, 0, 0])),
        ])
        text = try record(m)
        #expect(text.contains("sadb_ident_src{ type=2 id=5\n  str=\"a\\001b\" }\n"))
    }
}
