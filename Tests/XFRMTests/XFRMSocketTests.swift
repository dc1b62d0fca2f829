#if canImport(Glibc)
import Glibc
#endif
import Testing
import SetkeyCore
@testable import SetkeyXFRM

/// The socket wrapper's error paths through its system-call seam. Opening a NETLINK_XFRM
/// socket touches no XFRM state, so no namespace is needed; nothing is ever sent to the kernel.
@Suite struct XFRMSocketTests {
    /// Calls that fail with each errno of `script` in turn (0: succeed with `value`).
    final class Script: @unchecked Sendable {
        var errnos: [Int32]
        var calls = 0
        init(_ errnos: [Int32]) { self.errnos = errnos }
        func next(_ value: Int) -> Int {
            calls += 1
            let e = errnos.isEmpty ? 0 : errnos.removeFirst()
            if e == 0 { return value }
            errno = e
            return -1
        }
    }

    private func socket() throws -> XFRMSocket { try XFRMSocket(bufferBytes: 1 << 16) }

    @Test func sendRetriesEINTRAndWaitsOutEAGAIN() throws {
        let s = try socket()
        defer { s.close() }
        let script = Script([EINTR, EAGAIN, 0])
        var polled = 0
        s.calls.sendto = { _, b in script.next(b.count) }
        s.calls.poll = { _, _, _ in polled += 1; return 1 }
        try withBytes([UInt8](repeating: 0, count: 32)) { (raw) throws(BackendError) in try s.send(raw) }
        #expect(script.calls == 3 && polled == 1)
    }

    @Test func aShortSendAndAFailedSendAreSystemErrors() throws {
        let s = try socket()
        defer { s.close() }
        s.calls.sendto = { _, b in b.count - 1 }
        #expect(throws: BackendError.system(operation: "sendmsg(NETLINK_XFRM) sent 31 of 32 bytes", .ioError)) {
            try withBytes([UInt8](repeating: 0, count: 32)) { (raw) throws(BackendError) in try s.send(raw) }
        }
        s.calls.sendto = { _, _ in errno = EPERM; return -1 }
        #expect(throws: BackendError.system(operation: "sendmsg(NETLINK_XFRM)", .operationNotPermitted)) {
            try withBytes([UInt8](repeating: 0, count: 32)) { (raw) throws(BackendError) in try s.send(raw) }
        }
    }

    @Test func receiveWithoutWaitingReturnsNothingOnEAGAIN() throws {
        let s = try socket()
        defer { s.close() }
        s.calls.recvfrom = { _, _ in errno = EAGAIN; return -1 }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64, alignment: 8)
        defer { buffer.deallocate() }
        #expect(try s.receive(into: buffer, wait: false) == nil)
    }

    @Test func receiveSkipsForeignDatagramsRetriesEINTRAndWaits() throws {
        let s = try socket()
        defer { s.close() }
        let script = Script([ESRCH, EINTR, EAGAIN, 0])  // libmnl: ESRCH for a sender other than the kernel
        var polled = 0
        s.calls.recvfrom = { _, _ in script.next(20) }
        s.calls.poll = { _, _, _ in polled += 1; return 1 }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64, alignment: 8)
        defer { buffer.deallocate() }
        #expect(try s.receive(into: buffer, wait: true) == 20)
        #expect(script.calls == 4 && polled == 1)
    }

    @Test func anOverrunIsReportedAsENOBUFS() throws {
        let s = try socket()
        defer { s.close() }
        s.calls.recvfrom = { _, _ in errno = ENOBUFS; return -1 }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64, alignment: 8)
        defer { buffer.deallocate() }
        #expect(throws: BackendError.system(operation: "recvmsg(NETLINK_XFRM)", .noBufferSpace)) {
            _ = try s.receive(into: buffer, wait: true)
        }
    }

    @Test func aClosedSocketIsEBADF() throws {
        let s = try socket()
        s.close()
        s.close()  // idempotent
        #expect(throws: BackendError.system(operation: "sendmsg(NETLINK_XFRM)", .badFileDescriptor)) {
            try withBytes([UInt8](repeating: 0, count: 4)) { (raw) throws(BackendError) in try s.send(raw) }
        }
    }
}

@Suite struct XFRMMonitorTests {
    @Test func eventsStopWhenTheHandlerSaysSoAndOverrunsAreReported() throws {
        let add = KernelReply.message(type: 0x1d, sequence: 0, portID: 77, payload: [])    // FLUSHPOLICY
        let flush = KernelReply.message(type: 0x1c, sequence: 0, portID: 0, payload: [50])  // FLUSHSA esp
        let t = ScriptedTransport()
        t.queue = [.datagram(add), .failure(.noBufferSpace), .datagram(flush), .datagram(add)]
        var kinds = [KeyEvent.Kind]()
        var origins = [UInt32?]()
        try XFRMMonitor(transport: t).run { e in
            kinds.append(e.kind)
            origins.append(e.originPID)
            return e.kind != .saFlushed
        }
        #expect(kinds == [.policyFlushed, .other("ENOBUFS: events were lost"), .saFlushed])
        #expect(origins == [77, nil, nil])
        #expect(t.queue.count == 1)
    }

    @Test func aTruncatedEventIsAnError() {
        let t = ScriptedTransport()
        t.queue = [.datagram(KernelReply.message(type: 0x10, sequence: 0, portID: 0, payload: [1, 2, 3, 4]))]
        #expect(throws: BackendError.self) { try XFRMMonitor(transport: t).run { _ in true } }
    }
}
