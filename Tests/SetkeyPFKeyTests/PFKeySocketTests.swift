#if canImport(Glibc)
import Glibc
#endif
import Testing
import SetkeyCore
@testable import SetkeyPFKey

/// The socket wrapper over scripted system calls: errno handling, EINTR, short and
/// oversized messages, without a kernel or root.
@Suite struct PFKeySocketTests {
    /// What the fake system calls do, step by step. Single-threaded use only.
    final class Script: @unchecked Sendable {
        var socketResult: CInt = 7
        var errnoValue: CInt = 0
        var recvResults: [(Int, CInt, [UInt8])] = []  // (return value, errno, bytes written)
        var sendResults: [(Int, CInt)] = []
        var closed: [CInt] = []
        var options: [CInt] = []
        var recvFlags: [CInt] = []
    }

    func calls(_ s: Script) -> PFKeySystemCalls {
        PFKeySystemCalls(
            socket: { _, _, _ in
                if s.socketResult < 0 { s.errnoValue = -s.socketResult; return -1 }
                return s.socketResult
            },
            send: { _, buffer, _ in
                guard !s.sendResults.isEmpty else { return buffer.count }
                let (n, e) = s.sendResults.removeFirst()
                s.errnoValue = e
                return n
            },
            recv: { _, buffer, flags in
                s.recvFlags.append(flags)
                guard !s.recvResults.isEmpty else { s.errnoValue = EAGAIN; return -1 }
                let (n, e, bytes) = s.recvResults.removeFirst()
                s.errnoValue = e
                for (i, b) in bytes.prefix(buffer.count).enumerated() { buffer[i] = b }
                return n
            },
            setsockopt: { _, _, name, _ in s.options.append(name); return 0 },
            close: { fd in s.closed.append(fd); return 0 },
            errno: { s.errnoValue })
    }

    @Test(arguments: [EAFNOSUPPORT, EPROTONOSUPPORT])
    func noPFKeyOnTheHostIsUnavailable(errno: CInt) {
        let s = Script()
        s.socketResult = -errno
        #expect(throws: BackendError.unavailable("PF_KEY is not available on this host: \(Errno(errno))")) {
            try PFKeySocket(system: calls(s), receiveTimeout: 1)
        }
    }

    @Test func notRootIsPermissionDenied() {
        let s = Script()
        s.socketResult = -EPERM
        #expect(throws: BackendError.permissionDenied(.operationNotPermitted, detail: "socket(PF_KEY)")) {
            try PFKeySocket(system: calls(s), receiveTimeout: 1)
        }
    }

    @Test func buffersAndTimeoutAreSetAndCloseHappensOnce() throws {
        let s = Script()
        let socket = try PFKeySocket(system: calls(s), receiveTimeout: 1)
        #expect(s.options == [SO_SNDBUF, SO_RCVBUF, SO_RCVTIMEO])
        socket.close()
        socket.close()
        #expect(s.closed == [7])
    }

    @Test func interruptedReceiveIsRetried() throws {
        let s = Script()
        let socket = try PFKeySocket(system: calls(s), receiveTimeout: 1)
        s.recvResults = [(-1, EINTR, []), (16, 0, [UInt8](repeating: 2, count: 16))]
        #expect(try socket.receive(waiting: true) == [UInt8](repeating: 2, count: 16))
        #expect(s.recvFlags.count == 2)
    }

    @Test func nothingQueuedIsNil() throws {
        let s = Script()
        let socket = try PFKeySocket(system: calls(s), receiveTimeout: 1)
        #expect(try socket.receive(waiting: false) == nil)
        #expect(s.recvFlags.last.map { $0 & CInt(MSG_DONTWAIT) != 0 } == true)
        #expect(s.recvFlags.last.map { $0 & CInt(MSG_TRUNC) != 0 } == true)
    }

    @Test func aMessageLargerThanTheBufferIsMalformed() throws {
        let s = Script()
        let socket = try PFKeySocket(system: calls(s), receiveTimeout: 1)
        s.recvResults = [(PFKey.maximumMessageSize + 8, 0, [])]
        #expect(throws: BackendError.self) { try socket.receive(waiting: true) }
    }

    @Test func receiveErrorsCarryTheErrno() throws {
        let s = Script()
        let socket = try PFKeySocket(system: calls(s), receiveTimeout: 1)
        s.recvResults = [(-1, ENOBUFS, [])]
        #expect(throws: BackendError.system(operation: "recv(PF_KEY)", .noBufferSpace)) { try socket.receive(waiting: true) }
    }

    @Test func sendRetriesEINTRAndReportsShortSends() throws {
        let s = Script()
        let socket = try PFKeySocket(system: calls(s), receiveTimeout: 1)
        s.sendResults = [(-1, EINTR), (16, 0)]
        try socket.send([UInt8](repeating: 0, count: 16))
        s.sendResults = [(8, 0)]
        #expect(throws: BackendError.self) { try socket.send([UInt8](repeating: 0, count: 16)) }
        s.sendResults = [(-1, ENOBUFS)]
        #expect(throws: BackendError.system(operation: "send(PF_KEY)", .noBufferSpace)) {
            try socket.send([UInt8](repeating: 0, count: 16))
        }
    }

    /// This host's kernel has no PF_KEY (the kernel lab's has): the backend must say so.
    @Test func theBackendOnThisHost() throws {
        let fd = socket(PF_KEY, CInt(SOCK_RAW.rawValue), 2)
        if fd >= 0 {
            close(fd)
            return  // a kernel with PF_KEY: nothing to check here (the kernel-lab tests cover it)
        }
        let e = Errno.current
        guard e == .addressFamilyNotSupported || e == .protocolNotSupported else { return }  // e.g. EPERM
        #expect(throws: BackendError.unavailable("PF_KEY is not available on this host: \(e)")) {
            try PFKeyBackend(context: BackendContext())
        }
    }
}
