import SetkeyCore

/// Request/reply over a PF_KEY transport: every request gets a fresh sequence number (or 0,
/// as setkey sends), replies are taken only when their pid, type and sequence match, and
/// everything else (other processes' messages, ACQUIREs, the second copy Linux sends of a
/// FLUSH) is skipped. Messages still queued from an earlier request are drained before a
/// request is sent: the kernel answers inside `send`, so they can only be leftovers.
/// Counterpart: libipsec `pfkey_send` + `pfkey_recv`; OpenBSD ipsecctl `pfkey_reply`.
final class PFKeyChannel {
    let transport: any PFKeyTransport
    let wire: PFKey.Wire
    let pid: UInt32
    /// Whether requests carry 0 (setkey) rather than a counter.
    let zeroSequence: Bool
    private var nextSequence: UInt32 = 1
    /// Sees every message sent and every reply taken.
    var observer: ((PFKey.Traffic) -> Void)?

    init(transport: any PFKeyTransport, wire: PFKey.Wire, pid: UInt32, zeroSequence: Bool) {
        self.transport = transport
        self.wire = wire
        self.pid = pid
        self.zeroSequence = zeroSequence
    }

    /// A builder stamped with this channel's pid and the next sequence number.
    func builder() -> PFKey.RequestBuilder {
        let seq = zeroSequence ? 0 : nextSequence
        nextSequence = nextSequence == UInt32.max ? 1 : nextSequence + 1
        return PFKey.RequestBuilder(wire: wire, pid: pid, sequence: seq)
    }

    /// Sends `request` and returns its one reply.
    /// - Throws: the kernel's error as `BackendError.fromKernel`, `.system` for socket
    ///   failures and timeouts, `.malformedReply` for a reply that does not decode.
    func request(_ request: PFKey.Message) throws(BackendError) -> PFKey.Message {
        try send(request)
        let reply = try awaitReply(to: request, dump: false)
        if let e = reply.error { throw .fromKernel(e) }
        return reply
    }

    /// Sends a dump request and calls `body` with every record until the one with
    /// sequence 0. An empty table (ENOENT) calls `body` never and is not an error.
    func dump(_ request: PFKey.Message, _ body: (PFKey.Message) -> Void) throws(BackendError) {
        try send(request)
        while true {
            let reply = try awaitReply(to: request, dump: true)
            if let e = reply.error {
                if e == .noSuchFileOrDirectory { return }
                throw .fromKernel(e)
            }
            body(reply)
            if reply.sequence == 0 { return }
        }
    }

    /// Sends a message without waiting for anything (X_PROMISC).
    func send(_ message: PFKey.Message) throws(BackendError) {
        let bytes: [UInt8]
        do { bytes = try message.encoded(for: wire) } catch {
            throw .invalidConfiguration("cannot encode \(message.type) for the \(wire.flavour.rawValue) wire: \(error)")
        }
        try drain()
        observer?(.sent(bytes))
        try transport.send(bytes)
    }

    /// Reads and drops whatever is queued.
    private func drain() throws(BackendError) {
        while try transport.receive(waiting: false) != nil {}
    }

    /// The next message that answers `request`. Dump records carry their own sequence
    /// numbers, so for dumps only an error reply is matched by sequence.
    private func awaitReply(to request: PFKey.Message, dump: Bool) throws(BackendError) -> PFKey.Message {
        while true {
            guard let bytes = try transport.receive(waiting: true) else {
                throw .system(operation: "recv(PF_KEY): no reply to \(request.type)", .tryAgain)
            }
            guard let header = Header(bytes, wire: wire), header.pid == pid, header.type == request.type.rawValue,
                  header.sequence == request.sequence || (dump && header.errno == 0) else { continue }
            observer?(.received(bytes))
            do {
                return try PFKey.Message(decoding: bytes, wire: wire)
            } catch {
                throw .malformedReply("\(request.type) reply: \(error)")
            }
        }
    }

    /// The fields of a base header that decide whether a message is a reply.
    struct Header {
        var type: UInt8, errno: UInt8, sequence: UInt32, pid: UInt32

        init?(_ bytes: [UInt8], wire: PFKey.Wire) {
            var r = PFKey.ByteReader(bytes)
            guard bytes.count >= PFKey.headerSize, (try? r.skip(1)) != nil,
                  let type = try? r.readUInt8(), let errno = try? r.readUInt8(), (try? r.skip(5)) != nil,
                  let seq = try? r.readUInt32(wire.hostOrder), let pid = try? r.readUInt32(wire.hostOrder) else { return nil }
            self.type = type
            self.errno = errno
            self.sequence = seq
            self.pid = pid
        }
    }
}
