#if canImport(Glibc)
import Glibc
#endif

/// The system calls the PF_KEY socket makes, one closure per C call: the live ones by
/// default, replaced in tests to produce EINTR, errors and short reads without a kernel.
/// Counterpart: `socket(2)`, `send(2)`, `recv(2)`, `setsockopt(2)`, `close(2)`.
struct PFKeySystemCalls: Sendable {
    var socket: @Sendable (_ domain: CInt, _ type: CInt, _ proto: CInt) -> CInt
    var send: @Sendable (_ fd: CInt, _ buffer: UnsafeRawBufferPointer, _ flags: CInt) -> Int
    var recv: @Sendable (_ fd: CInt, _ buffer: UnsafeMutableRawBufferPointer, _ flags: CInt) -> Int
    var setsockopt: @Sendable (_ fd: CInt, _ level: CInt, _ name: CInt, _ value: UnsafeRawBufferPointer) -> CInt
    var close: @Sendable (_ fd: CInt) -> CInt
    /// The errno of the last failed call.
    var errno: @Sendable () -> CInt

    /// The C library.
    static let live = PFKeySystemCalls(
        socket: { sys_socket($0, $1, $2) },
        send: { sys_send($0, $1, $2) },
        recv: { sys_recv($0, $1, $2) },
        setsockopt: { sys_setsockopt($0, $1, $2, $3) },
        close: { sys_close($0) },
        errno: { Glibc.errno })
}

func sys_socket(_ domain: CInt, _ type: CInt, _ proto: CInt) -> CInt { Glibc.socket(domain, type, proto) }

func sys_send(_ fd: CInt, _ buffer: UnsafeRawBufferPointer, _ flags: CInt) -> Int {
    Glibc.send(fd, buffer.baseAddress, buffer.count, flags)
}

func sys_recv(_ fd: CInt, _ buffer: UnsafeMutableRawBufferPointer, _ flags: CInt) -> Int {
    Glibc.recv(fd, buffer.baseAddress, buffer.count, flags)
}

func sys_setsockopt(_ fd: CInt, _ level: CInt, _ name: CInt, _ value: UnsafeRawBufferPointer) -> CInt {
    Glibc.setsockopt(fd, level, name, value.baseAddress, socklen_t(value.count))
}

func sys_close(_ fd: CInt) -> CInt { Glibc.close(fd) }
