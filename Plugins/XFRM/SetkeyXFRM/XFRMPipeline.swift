import CXFRM
import SetkeyCore

/// Sends many requests per `sendmsg` without asking for ACKs and attributes the errors that
/// come back anyway (`NLMSG_ERROR` carries the failed request's sequence number) to the
/// mutation that caused them. A run ends with one acknowledged request (GETSPDINFO) as a
/// barrier: once its ACK is in, every earlier request has been processed and its error, if
/// any, received. Between sends, queued errors are drained so the receive buffer never fills;
/// if it does anyway (ENOBUFS), errors may have been lost, and every request not known to
/// have failed is reported as unknown rather than as a success.
/// Counterpart: the "no ACK, one acked barrier" row of notes/xfrm-performance.md.
final class XFRMPipeline: XFRMReplyHandler {
    private let connection: XFRMConnection
    private let batch: XFRMBatch
    /// The sequence number of the first request, and the owner (mutation index) of each.
    private var firstSequence: UInt32 = 0
    private var owners: [Int] = []
    /// What failed, by mutation index (the first error of a mutation wins).
    private(set) var failures: [Int: BackendError] = [:]
    private var barrier: UInt32?
    private var barrierAnswered = false
    /// Requests whose errors may have been dropped (ENOBUFS) and were not acknowledged since.
    private var lostSince: Int?
    private var lostOwners = Set<Int>()
    /// An overrun happened since the last barrier was sent.
    private var overrun = false

    /// The most requests per `sendmsg`: their errors (about 1 KiB of receive buffer each,
    /// skb overhead included) must fit in the receive buffer until they are drained. Without
    /// `SO_RCVBUFFORCE` (unprivileged) the buffer is small, and every request fails with EPERM.
    private let requestsPerSend: Int
    private var unsent = 0

    init(connection: XFRMConnection, batchLimit: Int) {
        self.connection = connection
        batch = XFRMBatch(limit: batchLimit)
        requestsPerSend = max(16, connection.transport.receiveBufferBytes / 1024)
    }

    /// Queues `request` on behalf of mutation `owner`, sending full batches as it goes.
    func enqueue(_ request: XFRMRequest, owner: Int) throws(BackendError) {
        let sequence = connection.nextSequence()
        if owners.isEmpty { firstSequence = sequence }
        owners.append(owner)
        if try !batch.append(request, sequence: sequence, portID: connection.transport.portID) {
            try sendPending()
            batch.reset()
            unsent = 1
        } else {
            unsent += 1
            if unsent >= requestsPerSend {
                try sendPending()
                batch.reset()
                unsent = 0
            }
        }
    }

    /// Sends what is queued, then the barrier, and waits for the barrier's ACK.
    func sync() throws(BackendError) {
        guard !owners.isEmpty || !batch.isEmpty else { return }
        try sendBarrier()
        while !barrierAnswered {
            if overrun {
                try sendBarrier()  // the barrier's own ACK may be among the dropped messages
                continue
            }
            try receive(wait: true)
        }
        barrier = nil
        if let start = lostSince {
            for owner in owners[start...] where failures[owner] == nil { lostOwners.insert(owner) }
            lostSince = nil
        }
        owners.removeAll(keepingCapacity: true)
    }

    /// The result of each of `count` mutations (what `sync` left unreported is a success).
    func results(count: Int, refused: [Int: BackendError]) -> [Result<Void, BackendError>] {
        (0..<count).map { i in
            if let e = refused[i] ?? failures[i] { return .failure(e) }
            if lostOwners.contains(i) {
                return .failure(.system(operation: "recvmsg(NETLINK_XFRM): receive buffer overrun, outcome unknown",
                                        .noBufferSpace))
            }
            return .success(())
        }
    }

    /// Records a failure found outside the pipeline (a dump for `deleteall` failing).
    func recordFailure(_ error: BackendError, owner: Int) {
        if failures[owner] == nil { failures[owner] = error }
    }

    private func sendBarrier() throws(BackendError) {
        overrun = false  // this barrier is sent after any overrun seen so far
        let sequence = connection.nextSequence()
        barrier = sequence
        barrierAnswered = false
        if try !batch.append(.spdInfo, sequence: sequence, portID: connection.transport.portID,
                                 extraFlags: UInt16(NLM_F_ACK)) {
            try sendPending()
            batch.reset()
        }
        try sendPending()
        batch.reset()
        unsent = 0
    }

    private func sendPending() throws(BackendError) {
        let bytes = batch.pending
        guard bytes.count > 0 else { return }
        try connection.transport.send(bytes)
        // The kernel handles a netlink request inside sendmsg: its errors are queued by now.
        while try receive(wait: false) != .nothing {}
    }

    private enum Received { case nothing, datagram, overrun }

    /// Reads one datagram.
    @discardableResult
    private func receive(wait: Bool) throws(BackendError) -> Received {
        let buffer = connection.receiveBuffer
        let n: Int?
        do {
            n = try connection.transport.receive(into: buffer, wait: wait)
        } catch .system(_, .noBufferSpace) {
            if lostSince == nil { lostSince = 0 }
            overrun = true
            return .overrun
        }
        guard let n else { return .nothing }
        _ = try XFRMReplyReader.dispatch(UnsafeRawBufferPointer(rebasing: buffer[0..<n]),
                                         portID: connection.transport.portID, to: self)
        return .datagram
    }

    func data(_ message: XFRMMessageView) throws(BackendError) -> Bool {
        true  // the barrier's GETSPDINFO reply; mutations send no data back
    }

    func acknowledgement(_ ack: XFRMAcknowledgement) throws(BackendError) -> Bool {
        if let b = barrier, ack.sequence == b {
            barrierAnswered = true
            return true
        }
        let index = Int(ack.sequence &- firstSequence)
        guard !owners.isEmpty, ack.sequence &- firstSequence < UInt32(owners.count) else { return true }
        if let failure = ack.failure { recordFailure(failure, owner: owners[index]) }
        return true
    }

    func done(_ message: XFRMMessageView, status: Int32) throws(BackendError) -> Bool { true }
}
