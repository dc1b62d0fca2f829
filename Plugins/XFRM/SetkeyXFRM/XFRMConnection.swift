import CXFRM
import SetkeyCore

/// One netlink conversation with the kernel's XFRM: fresh sequence numbers, single requests
/// answered by data or an error, and dumps read until `NLMSG_DONE` (restarted when the
/// kernel flags `NLM_F_DUMP_INTR`). Replies with another sequence number are not ours and are
/// dropped, as iproute2's `rtnl_dump_filter` does.
/// Counterpart: `__rtnl_talk_iov` / `rtnl_dump_filter` in iproute2's lib/libnetlink.c.
final class XFRMConnection {
    let transport: any NetlinkTransport
    private var lastSequence: UInt32
    /// Where datagrams are received (kernel dump datagrams stay well below this).
    let receiveBuffer: UnsafeMutableRawBufferPointer
    /// How often a dump is restarted after `NLM_F_DUMP_INTR` before giving up.
    static let dumpAttempts = 5

    init(transport: any NetlinkTransport, firstSequence: UInt32, receiveBufferBytes: Int = 256 << 10) {
        self.transport = transport
        lastSequence = firstSequence &- 1
        receiveBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: receiveBufferBytes, alignment: 8)
    }

    deinit { receiveBuffer.deallocate() }

    /// The next sequence number (never 0: libmnl and the kernel treat 0 as "none").
    func nextSequence() -> UInt32 {
        lastSequence &+= 1
        if lastSequence == 0 { lastSequence = 1 }
        return lastSequence
    }

    /// Sends `request` alone and reads until its answer.
    /// - Parameter onData: called for each data message answering it.
    /// - Throws: the kernel's failure for it, or a transport/decoding failure.
    func transact(_ request: XFRMRequest, onData: (XFRMMessageView) throws(BackendError) -> Void) throws(BackendError) {
        let sequence = nextSequence()
        try sendAlone(request, sequence: sequence, extraFlags: 0)
        try withoutActuallyEscaping(onData) { (body) throws(BackendError) in
            let handler = XFRMSingleReplyHandler(sequence: sequence, expectsDump: false, onData: body)
            _ = try read(until: handler)
        }
    }

    /// Runs the dump `request`, calling `onData` for each record in kernel order. When the
    /// kernel interrupts the dump, `restart` is called and the dump starts again.
    func dump(_ request: XFRMRequest, restart: () -> Void,
              onData: (XFRMMessageView) throws(BackendError) -> Void) throws(BackendError) {
        for attempt in 1...Self.dumpAttempts {
            let sequence = nextSequence()
            try sendAlone(request, sequence: sequence, extraFlags: 0)
            let interrupted = try withoutActuallyEscaping(onData) { (body) throws(BackendError) -> Bool in
                let handler = XFRMSingleReplyHandler(sequence: sequence, expectsDump: true, onData: body)
                return try read(until: handler)
            }
            if !interrupted { return }
            if attempt < Self.dumpAttempts { restart() }
        }
        throw .kernelRejected(.interrupted, detail: "the dump was interrupted \(Self.dumpAttempts) times")
    }

    /// Reads datagrams until `handler` stops. Returns true when a dump was interrupted (the
    /// rest of it is drained first).
    private func read(until handler: XFRMSingleReplyHandler) throws(BackendError) -> Bool {
        var interrupted = false
        while !handler.finished {
            guard let n = try transport.receive(into: receiveBuffer, wait: true) else { continue }
            let bytes = UnsafeRawBufferPointer(rebasing: receiveBuffer[0..<n])
            if try XFRMReplyReader.dispatch(bytes, portID: transport.portID, to: handler) == .dumpInterrupted {
                // libmnl stops at the flagged message, which may be the DONE itself.
                interrupted = true
                handler.discarding = true
                if try Self.containsEnd(of: handler.sequence, in: bytes) { handler.finish() }
            }
        }
        return interrupted
    }

    /// Whether `bytes` (framing already checked) holds the DONE or ERROR ending `sequence`.
    static func containsEnd(of sequence: UInt32, in bytes: UnsafeRawBufferPointer) throws(BackendError) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let m = try XFRMMessageView(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
            if m.sequence == sequence, m.type == .done || m.type == .error { return true }
            offset += Int(cxfrm_nlmsg_align(XFRMMessageView.headerLength + m.payload.count))
        }
        return false
    }

    private func sendAlone(_ request: XFRMRequest, sequence: UInt32, extraFlags: UInt16) throws(BackendError) {
        let raw = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 8)
        defer { raw.deallocate() }
        let length: Int
        do {
            length = try request.write(at: raw.baseAddress!, capacity: raw.count, sequence: sequence,
                                       portID: transport.portID, extraFlags: extraFlags)
        } catch {
            throw .kernelRejected(.messageTooLong, detail: "\(request.type) does not fit in \(raw.count) bytes")
        }
        try transport.send(UnsafeRawBufferPointer(rebasing: raw[0..<length]))
    }
}

/// Collects the answer to one request (a data reply, a dump, or an error).
final class XFRMSingleReplyHandler: XFRMReplyHandler {
    let sequence: UInt32
    let expectsDump: Bool
    let onData: (XFRMMessageView) throws(BackendError) -> Void
    /// Whether the answer is complete.
    private(set) var finished = false
    /// After `NLM_F_DUMP_INTR`: read the dump to its end without passing records on.
    var discarding = false

    /// Marks the answer complete (an interrupted dump's end seen outside the callbacks).
    func finish() { finished = true }

    init(sequence: UInt32, expectsDump: Bool, onData: @escaping (XFRMMessageView) throws(BackendError) -> Void) {
        self.sequence = sequence
        self.expectsDump = expectsDump
        self.onData = onData
    }

    func data(_ message: XFRMMessageView) throws(BackendError) -> Bool {
        guard message.sequence == sequence else { return true }
        if !discarding { try onData(message) }
        if !expectsDump && message.flags & UInt16(NLM_F_MULTI) == 0 { finished = true }
        return !finished
    }

    func acknowledgement(_ ack: XFRMAcknowledgement) throws(BackendError) -> Bool {
        guard ack.sequence == sequence else { return true }
        finished = true
        if let failure = ack.failure { throw failure }
        return false
    }

    func done(_ message: XFRMMessageView, status: Int32) throws(BackendError) -> Bool {
        guard message.sequence == sequence else { return true }
        finished = true
        if status < 0 { throw .fromKernel(Errno(-status)) }
        return false
    }
}
