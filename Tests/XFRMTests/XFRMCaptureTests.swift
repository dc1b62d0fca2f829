#if canImport(Glibc)
import Glibc
#endif
import Testing
import SetkeyCore
@testable import SetkeyXFRM

/// Captures real kernel replies as `.hex` fixtures for the replay tests, when
/// `XFRM_CAPTURE_DIR` names a folder (run by hand; the kernel lab runs the SA variant).
/// The policies are spd-variety.conf of the reference capture, with the `fwd` copies the
/// executor adds for `in` policies in RFC mode.
@Suite(.enabled(if: NetworkNamespace.isAvailable && getenv("XFRM_CAPTURE_DIR") != nil,
                "set XFRM_CAPTURE_DIR (and run as root) to capture kernel replies"))
struct XFRMCaptureTests {
    static var directory: String { String(cString: getenv("XFRM_CAPTURE_DIR")) }

    @Test func capturePolicyDumpErrorsAndEvents() throws {
        try NetworkNamespace.withFresh {
            let monitorSocket = try XFRMSocket(groups: XFRM.Group.sa | XFRM.Group.policy | XFRM.Group.expire)
            let monitor = CapturingTransport(monitorSocket)
            let capture = CapturingTransport(try XFRMSocket())
            let b = XFRMBackend(transport: capture)
            defer { b.close(); monitor.close() }

            let results = try b.apply(ReferencePolicies.spdVariety.map(Mutation.spdAdd))
            #expect(results.allSatisfy { $0.isSuccess })
            let before = capture.received.count
            var dumped = 0
            try b.dumpPolicies { _ in dumped += 1 }
            #expect(dumped == ReferencePolicies.spdVariety.count)
            Fixtures.write(Array(capture.received[before...]), to: Self.directory + "/policy-dump-spd-variety.hex",
                           comment: "XFRM_MSG_GETPOLICY dump reply (NLM_F_MULTI NEWPOLICY ... NLMSG_DONE) from\n"
                               + "the host kernel for ReferencePolicies.spdVariety (spd-variety.conf + fwd copies)")

            let errorsStart = capture.received.count
            let duplicate = try b.apply([.spdAdd(ReferencePolicies.spdVariety[0])])
            #expect(duplicate[0].failure == .alreadyExists(.fileExists))
            var comp = SecurityAssociation(source: Make.address("fec0::11"), destination: Make.address("fec0::10"),
                                           type: .ipcomp, spi: SPI(0x10003))
            comp.compression = Make.algorithm("deflate", .compression)
            let tooBig = try b.apply([.add(comp)])
            #expect(tooBig[0].failure?.errno == .invalidArgument)
            let esp = Make.esp("10.0.0.1", "10.0.0.2", spi: 0x1001)
            _ = try b.apply([.add(esp)])
            Fixtures.write(Array(capture.received[errorsStart...]), to: Self.directory + "/errors-eexist-comp-spi-esp.hex",
                           comment: "replies to NEWPOLICY duplicate (EEXIST), NEWSA ipcomp spi 0x10003 (EINVAL with\n"
                               + "extended ACK text), NEWSA esp (this host: EPROTONOSUPPORT), each followed by the barrier")

            _ = try b.apply([.spdDelete(ReferencePolicies.spdVariety[0].identity), .spdFlush, .flush(.esp)])
            var events = [[UInt8]]()
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 18, alignment: 8)
            defer { buffer.deallocate() }
            while let n = try monitor.receive(into: buffer, wait: false) { events.append(Array(buffer[0..<n])) }
            #expect(events.count >= ReferencePolicies.spdVariety.count + 2)
            Fixtures.write(events, to: Self.directory + "/monitor-policy-events.hex",
                           comment: "multicast datagrams (XFRMGRP_SA|POLICY|EXPIRE) seen while the policies were\n"
                               + "added, the first deleted, the SPD flushed and the ESP SAs flushed")
        }
    }
}
