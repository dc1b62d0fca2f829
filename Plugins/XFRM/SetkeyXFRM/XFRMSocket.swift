#if canImport(Glibc)
import Glibc
#endif
import CXFRM
import SetkeyCore

/// What the backend needs from a netlink socket; `XFRMSocket` is the real one, tests
/// provide scripted ones.
protocol NetlinkTransport: AnyObject {
    /// The socket's netlink port id (`nl_pid`).
    var portID: UInt32 { get }
    /// The receive buffer the kernel granted (`SO_RCVBUF`), which bounds how many error
    /// replies can wait unread.
    var receiveBufferBytes: Int { get }
    /// Sends one datagram (any number of messages).
    func send(_ bytes: UnsafeRawBufferPointer) throws(BackendError)
    /// Receives one datagram from the kernel into `buffer`. Returns nil when `wait` is false
    /// and nothing is queued.
    /// - Throws: `system(ENOBUFS)` when the kernel dropped messages for a full receive buffer.
    func receive(into buffer: UnsafeMutableRawBufferPointer, wait: Bool) throws(BackendError) -> Int?
    /// Closes it (idempotent).
    func close()
}

/// A NETLINK_XFRM socket through libmnl: opened, bound (optionally to multicast groups),
/// non-blocking (waits are `poll`s), extended ACKs and capped ACKs on, buffers sized for
/// pipelined batches (`SO_*BUFFORCE` when privileged). Closed in `close()` or `deinit`.
/// Counterpart: `mnl_socket_open(NETLINK_XFRM)` + `mnl_socket_bind`.
final class XFRMSocket: NetlinkTransport {
    private var socket: OpaquePointer?
    private let fd: Int32
    let portID: UInt32
    let receiveBufferBytes: Int
    /// The system calls used after opening (tests replace them).
    var calls = XFRMSocketCalls.system

    /// Opens and configures the socket.
    /// - Parameters:
    ///   - groups: `XFRMGRP_*` bits to receive multicast events from (0 for requests only).
    ///   - bufferBytes: the send and receive buffer size to ask for.
    /// - Throws: `unavailable` when no XFRM netlink socket can be opened or bound.
    init(groups: UInt32 = 0, bufferBytes: Int32 = 8 << 20) throws(BackendError) {
        guard let s = sys_mnl_socket_open(NETLINK_XFRM) else {
            throw .unavailable("cannot open a NETLINK_XFRM socket: \(Errno.current)")
        }
        if case .failure(let e) = retryingOnInterrupt({ sys_mnl_socket_bind(s, groups) }) {
            _ = sys_mnl_socket_close(s)
            throw .unavailable("cannot bind a NETLINK_XFRM socket: \(e)")
        }
        socket = s
        fd = sys_mnl_socket_fd(s)
        portID = sys_mnl_socket_portid(s)
        // Best effort: older kernels lack extended/capped ACKs; small buffers only cost speed.
        _ = sys_mnl_socket_setsockopt(s, NETLINK_EXT_ACK, 1)
        _ = sys_mnl_socket_setsockopt(s, NETLINK_CAP_ACK, 1)
        Self.setBuffer(fd, forced: SO_SNDBUFFORCE, plain: SO_SNDBUF, bytes: bufferBytes)
        Self.setBuffer(fd, forced: SO_RCVBUFFORCE, plain: SO_RCVBUF, bytes: bufferBytes)
        receiveBufferBytes = Int(sys_getsockopt(fd, SOL_SOCKET, SO_RCVBUF) ?? 212_992)
        let flags = sys_fcntl(fd, F_GETFL, 0)
        _ = sys_fcntl(fd, F_SETFL, (flags < 0 ? 0 : flags) | O_NONBLOCK)
    }

    private static func setBuffer(_ fd: Int32, forced: Int32, plain: Int32, bytes: Int32) {
        if sys_setsockopt(fd, SOL_SOCKET, forced, bytes) != 0 {
            _ = sys_setsockopt(fd, SOL_SOCKET, plain, bytes)
        }
    }

    deinit { close() }

    func close() {
        if let s = socket {
            _ = sys_mnl_socket_close(s)
            socket = nil
        }
    }

    func send(_ bytes: UnsafeRawBufferPointer) throws(BackendError) {
        guard let s = socket else { throw .system(operation: "sendmsg(NETLINK_XFRM)", .badFileDescriptor) }
        var sent = 0
        while true {
            switch retryingOnInterrupt({ calls.sendto(s, bytes) }) {
            case .success(let n): sent = n
            case .failure(.tryAgain):
                try waitFor(Int16(POLLOUT))
                continue
            case .failure(let e): throw .system(operation: "sendmsg(NETLINK_XFRM)", e)
            }
            break
        }
        guard sent == bytes.count else {
            throw .system(operation: "sendmsg(NETLINK_XFRM) sent \(sent) of \(bytes.count) bytes", .ioError)
        }
    }

    func receive(into buffer: UnsafeMutableRawBufferPointer, wait: Bool) throws(BackendError) -> Int? {
        guard let s = socket else { throw .system(operation: "recvmsg(NETLINK_XFRM)", .badFileDescriptor) }
        while true {
            switch retryingOnInterrupt({ calls.recvfrom(s, buffer) }) {
            case .success(let n):
                return n
            case .failure(.tryAgain):
                guard wait else { return nil }
                try waitFor(Int16(POLLIN))
            case .failure(.noSuchProcess):
                continue  // libmnl dropped a datagram that did not come from the kernel
            case .failure(let e):
                throw .system(operation: "recvmsg(NETLINK_XFRM)", e)
            }
        }
    }

    private func waitFor(_ events: Int16) throws(BackendError) {
        if case .failure(let e) = retryingOnInterrupt({ calls.poll(fd, events, -1) }) {
            throw .system(operation: "poll(NETLINK_XFRM)", e)
        }
    }
}
