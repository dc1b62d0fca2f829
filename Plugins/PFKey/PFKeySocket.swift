#if canImport(Glibc)
import Glibc
#endif
import CPFKey
import SetkeyCore

/// A `socket(PF_KEY, SOCK_RAW, PF_KEY_V2)`, owned: closed by `close()` or when released.
///
/// Three layers per operation: the public throwing method, an internal helper returning
/// `Result<_, Errno>` that retries EINTR, and the system call in `PFKeySystemCalls`.
/// Counterpart: libipsec `pfkey_open`, `pfkey_send`, `pfkey_recv`.
final class PFKeySocket: PFKeyTransport {
    private var fd: CInt
    private let system: PFKeySystemCalls
    /// Room for the largest message PF_KEY can describe (a 16-bit count of 8-byte words).
    private var buffer = [UInt8](repeating: 0, count: PFKey.maximumMessageSize)

    /// Opens the socket and enlarges its buffers (as libipsec does, best effort).
    /// - Throws: `.unavailable` when the host has no PF_KEY, `.permissionDenied` without
    ///   CAP_NET_ADMIN, `.system` otherwise.
    init(system: PFKeySystemCalls = .live, receiveTimeout: Double?) throws(BackendError) {
        self.system = system
        fd = -1
        switch Self.open(system) {
        case .success(let descriptor): fd = descriptor
        case .failure(let e):
            switch e {
            case .addressFamilyNotSupported, .protocolNotSupported, Errno(ESOCKTNOSUPPORT), .invalidArgument:
                throw .unavailable("PF_KEY is not available on this host: \(e)")
            case .operationNotPermitted, .permissionDenied:
                throw .permissionDenied(e, detail: "socket(PF_KEY)")
            default:
                throw .system(operation: "socket(PF_KEY)", e)
            }
        }
        _ = setOption(SO_SNDBUF, 128 * 1024)
        _ = setOption(SO_RCVBUF, 1024 * 1024)
        try setReceiveTimeout(receiveTimeout)
    }

    deinit { close() }

    static func open(_ system: PFKeySystemCalls) -> Result<CInt, Errno> {
        let fd = system.socket(cpfkey_family(), CInt(SOCK_RAW.rawValue) | CInt(SOCK_CLOEXEC.rawValue),
                               CInt(cpfkey_protocol_version()))
        return fd >= 0 ? .success(fd) : .failure(Errno(system.errno()))
    }

    func send(_ message: [UInt8]) throws(BackendError) {
        switch send(message, retryOnInterrupt: true) {
        case .success(let n) where n == message.count: return
        case .success(let n):
            throw .system(operation: "send(PF_KEY): \(n) of \(message.count) bytes", .messageTooLong)
        case .failure(let e):
            throw .system(operation: "send(PF_KEY)", e)
        }
    }

    func send(_ message: [UInt8], retryOnInterrupt: Bool) -> Result<Int, Errno> {
        while true {
            let n = message.withUnsafeBytes { system.send(fd, $0, 0) }
            if n >= 0 { return .success(n) }
            let e = Errno(system.errno())
            if e == .interrupted && retryOnInterrupt { continue }
            precondition(e != .badFileDescriptor && e != .badAddress, "send(PF_KEY) on a bad descriptor or buffer")
            return .failure(e)
        }
    }

    func receive(waiting: Bool) throws(BackendError) -> [UInt8]? {
        switch receive(flags: waiting ? 0 : CInt(MSG_DONTWAIT), retryOnInterrupt: true) {
        case .success(let n):
            guard n <= buffer.count else {
                throw .malformedReply("a PF_KEY message of \(n) bytes does not fit the \(buffer.count)-byte buffer")
            }
            return Array(buffer[0..<n])
        case .failure(let e) where e == .tryAgain:
            return nil
        case .failure(let e):
            throw .system(operation: "recv(PF_KEY)", e)
        }
    }

    /// One datagram into the buffer; MSG_TRUNC makes the kernel report its real length.
    func receive(flags: CInt, retryOnInterrupt: Bool) -> Result<Int, Errno> {
        while true {
            let n = buffer.withUnsafeMutableBytes { system.recv(fd, $0, flags | CInt(MSG_TRUNC)) }
            if n >= 0 { return .success(n) }
            let e = Errno(system.errno())
            if e == .interrupted && retryOnInterrupt { continue }
            precondition(e != .badFileDescriptor && e != .badAddress, "recv(PF_KEY) on a bad descriptor or buffer")
            return .failure(e)
        }
    }

    func setReceiveTimeout(_ seconds: Double?) throws(BackendError) {
        let s = max(0, seconds ?? 0)
        var tv = timeval(tv_sec: Int(s), tv_usec: Int((s - s.rounded(.down)) * 1_000_000))
        if seconds != nil && tv.tv_sec == 0 && tv.tv_usec == 0 { tv.tv_usec = 1 }  // 0 would mean forever
        let rc = withUnsafeBytes(of: &tv) { system.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, $0) }
        if rc != 0 { throw .system(operation: "setsockopt(SO_RCVTIMEO)", Errno(system.errno())) }
    }

    private func setOption(_ name: CInt, _ value: CInt) -> Bool {
        var v = value
        return withUnsafeBytes(of: &v) { system.setsockopt(fd, SOL_SOCKET, name, $0) } == 0
    }

    func close() {
        guard fd >= 0 else { return }
        _ = system.close(fd)  // close(2) is not retried on EINTR: the descriptor is gone either way
        fd = -1
    }
}
