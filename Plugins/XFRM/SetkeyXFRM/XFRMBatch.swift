import CXFRM
import SetkeyCore

/// Many requests written back to back for one `sendmsg`, through libmnl's batch API: a
/// buffer of twice the limit, `mnl_nlmsg_batch_next` refusing the message that crosses the
/// limit, `mnl_nlmsg_batch_reset` moving that message to the front once the rest is sent.
/// Counterpart: `struct mnl_nlmsg_batch`.
final class XFRMBatch {
    /// The most bytes one `sendmsg` carries.
    let limit: Int
    private let storage: UnsafeMutableRawPointer
    private let batch: OpaquePointer

    /// An empty batch of at most `limit` bytes per send.
    init(limit: Int) {
        self.limit = max(limit, Int(cxfrm_mnl_socket_buffer_size()))
        storage = UnsafeMutableRawPointer.allocate(byteCount: 2 * self.limit, alignment: 8)
        batch = mnl_nlmsg_batch_start(storage, self.limit)
    }

    deinit {
        mnl_nlmsg_batch_stop(batch)
        storage.deallocate()
    }

    /// Whether nothing is waiting to be sent.
    var isEmpty: Bool { mnl_nlmsg_batch_is_empty(batch) }

    /// The bytes ready to be sent.
    var pending: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: mnl_nlmsg_batch_head(batch), count: mnl_nlmsg_batch_size(batch))
    }

    /// Writes `request` after the pending messages.
    /// - Returns: false when it crossed the limit: send `pending`, then call `reset()`, which
    ///   keeps this message as the first of the next batch.
    /// - Throws: `kernelRejected(EMSGSIZE)` when the message cannot fit even in an empty batch.
    func append(_ request: XFRMRequest, sequence: UInt32, portID: UInt32,
                extraFlags: UInt16 = 0) throws(BackendError) -> Bool {
        let current = mnl_nlmsg_batch_current(batch)!
        let used = UnsafeRawPointer(current) - UnsafeRawPointer(storage)
        do {
            try request.write(at: current, capacity: 2 * limit - used, sequence: sequence, portID: portID,
                              extraFlags: extraFlags)
        } catch {
            throw .kernelRejected(.messageTooLong, detail: "\(request.type) does not fit in \(limit) bytes")
        }
        return mnl_nlmsg_batch_next(batch)
    }

    /// Forgets what was sent; a message refused by `append` becomes the first pending one.
    func reset() { mnl_nlmsg_batch_reset(batch) }
}
