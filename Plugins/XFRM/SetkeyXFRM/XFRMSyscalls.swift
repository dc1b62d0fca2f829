#if canImport(Glibc)
import Glibc
#endif
import CXFRM
import SetkeyCore

// One `sys_*` function per C call: the only places this backend touches libmnl's socket
// functions and the kernel. Everything above goes through `XFRMSocket`, whose
// `NetlinkTransport` protocol is the seam tests replace.

func sys_mnl_socket_open(_ bus: Int32) -> OpaquePointer? { mnl_socket_open(bus) }

func sys_mnl_socket_bind(_ socket: OpaquePointer, _ groups: UInt32) -> Int32 {
    mnl_socket_bind(socket, groups, pid_t(MNL_SOCKET_AUTOPID))
}

func sys_mnl_socket_portid(_ socket: OpaquePointer) -> UInt32 { mnl_socket_get_portid(socket) }

func sys_mnl_socket_fd(_ socket: OpaquePointer) -> Int32 { mnl_socket_get_fd(socket) }

func sys_mnl_socket_close(_ socket: OpaquePointer) -> Int32 { mnl_socket_close(socket) }

func sys_mnl_socket_setsockopt(_ socket: OpaquePointer, _ option: Int32, _ value: Int32) -> Int32 {
    var v = value
    return mnl_socket_setsockopt(socket, option, &v, socklen_t(MemoryLayout<Int32>.size))
}

func sys_setsockopt(_ fd: Int32, _ level: Int32, _ option: Int32, _ value: Int32) -> Int32 {
    var v = value
    return setsockopt(fd, level, option, &v, socklen_t(MemoryLayout<Int32>.size))
}

func sys_getsockopt(_ fd: Int32, _ level: Int32, _ option: Int32) -> Int32? {
    var v: Int32 = 0
    var length = socklen_t(MemoryLayout<Int32>.size)
    return getsockopt(fd, level, option, &v, &length) == 0 ? v : nil
}

func sys_fcntl(_ fd: Int32, _ command: Int32, _ value: Int32) -> Int32 { fcntl(fd, command, value) }

func sys_mnl_socket_sendto(_ socket: OpaquePointer, _ bytes: UnsafeRawBufferPointer) -> Int {
    mnl_socket_sendto(socket, bytes.baseAddress, bytes.count)
}

func sys_mnl_socket_recvfrom(_ socket: OpaquePointer, _ buffer: UnsafeMutableRawBufferPointer) -> Int {
    mnl_socket_recvfrom(socket, buffer.baseAddress, buffer.count)
}

func sys_poll(_ fd: Int32, _ events: Int16, _ timeout: Int32) -> Int32 {
    var p = pollfd(fd: fd, events: events, revents: 0)
    return poll(&p, 1, timeout)
}

/// The calls `XFRMSocket` makes after opening, replaceable in tests to produce EINTR,
/// EAGAIN, short sends, foreign datagrams and ENOBUFS without a kernel.
struct XFRMSocketCalls {
    var sendto: (OpaquePointer, UnsafeRawBufferPointer) -> Int = sys_mnl_socket_sendto
    var recvfrom: (OpaquePointer, UnsafeMutableRawBufferPointer) -> Int = sys_mnl_socket_recvfrom
    var poll: (Int32, Int16, Int32) -> Int32 = sys_poll

    /// The real system calls.
    static var system: XFRMSocketCalls { XFRMSocketCalls() }
}

/// Runs `body` until it stops failing with EINTR, returning its result or the errno.
@inline(__always)
func retryingOnInterrupt<T: BinaryInteger>(retry: Bool = true, _ body: () -> T) -> Result<T, Errno> {
    while true {
        let r = body()
        if r >= 0 { return .success(r) }
        let e = Errno.current
        if retry, e == .interrupted { continue }
        return .failure(e)
    }
}
