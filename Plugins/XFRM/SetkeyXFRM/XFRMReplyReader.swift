import CXFRM
import SetkeyCore

/// Receives the messages of one datagram, as libmnl's callback runner hands them over.
protocol XFRMReplyHandler: AnyObject {
    /// A data message (an XFRM type). Returns false to stop reading this reply.
    func data(_ message: XFRMMessageView) throws(BackendError) -> Bool
    /// An `NLMSG_ERROR`: an acknowledgement or a failure. Returns false to stop.
    func acknowledgement(_ ack: XFRMAcknowledgement) throws(BackendError) -> Bool
    /// `NLMSG_DONE` ending a dump, with the dump's status (0 or a negative errno). Returns
    /// false to stop.
    func done(_ message: XFRMMessageView, status: Int32) throws(BackendError) -> Bool
}

/// How reading one datagram ended.
enum XFRMDispatchOutcome: Equatable {
    /// Every message was handled; more may come.
    case more
    /// A handler asked to stop.
    case stopped
    /// The kernel flagged a dump message `NLM_F_DUMP_INTR`: the dump must be restarted.
    case dumpInterrupted
}

/// Runs libmnl's callback loop (`mnl_cb_run2`) over a received datagram, after checking
/// its framing (libmnl stops silently at a truncated message). Port ids are checked by
/// libmnl against ours; control messages go to Swift callbacks that decode errors, ACKs and
/// DONE with bounds checks; a handler's thrown error stops the loop and is rethrown.
/// Counterpart: `mnl_cb_run2` with a control callback array.
enum XFRMReplyReader {
    /// Dispatches every message of `bytes` to `handler`.
    /// - Throws: `malformedReply` for a truncated or foreign message, or what the handler threw.
    static func dispatch(_ bytes: UnsafeRawBufferPointer, portID: UInt32,
                         to handler: any XFRMReplyHandler) throws(BackendError) -> XFRMDispatchOutcome {
        _ = try XFRMMessageView.validateFraming(bytes)
        let context = XFRMCallbackContext(handler)
        let result: Int32 = withExtendedLifetime(context) {
            let data = Unmanaged.passUnretained(context).toOpaque()
            var table = controlCallbacks  // libmnl takes a non-const pointer
            return table.withUnsafeMutableBufferPointer { ctl in
                mnl_cb_run2(bytes.baseAddress, bytes.count, 0, portID, xfrmDataCallback, data,
                            ctl.baseAddress, UInt32(ctl.count))
            }
        }
        if let failure = context.failure { throw failure }
        if result == MNL_CB_ERROR {
            let e = Errno.current
            switch e {
            case .interrupted: return .dumpInterrupted
            case .noSuchProcess: throw .malformedReply("a message addressed to another netlink port")
            default: throw .malformedReply("libmnl rejected the reply: \(e)")
            }
        }
        return result == MNL_CB_STOP ? .stopped : .more
    }

    /// `NLMSG_NOOP`, `NLMSG_ERROR`, `NLMSG_DONE`, `NLMSG_OVERRUN` ... up to `NLMSG_MIN_TYPE`.
    private static let controlCallbacks: [mnl_cb_t?] = {
        var table = [mnl_cb_t?](repeating: nil, count: Int(NLMSG_MIN_TYPE))
        table[Int(NLMSG_ERROR)] = xfrmErrorCallback
        table[Int(NLMSG_DONE)] = xfrmDoneCallback
        return table
    }()
}

/// What the C callbacks reach through libmnl's `void *data`.
final class XFRMCallbackContext {
    let handler: any XFRMReplyHandler
    var failure: BackendError?
    init(_ handler: any XFRMReplyHandler) { self.handler = handler }

    static func from(_ data: UnsafeMutableRawPointer?) -> XFRMCallbackContext {
        Unmanaged<XFRMCallbackContext>.fromOpaque(data!).takeUnretainedValue()
    }

    /// Runs one handler call, turning its outcome into libmnl's return codes.
    func run(_ body: () throws(BackendError) -> Bool) -> Int32 {
        do {
            return try body() ? MNL_CB_OK : MNL_CB_STOP
        } catch {
            failure = error
            return MNL_CB_ERROR
        }
    }
}

private func xfrmDataCallback(_ header: UnsafePointer<nlmsghdr>?, _ data: UnsafeMutableRawPointer?) -> Int32 {
    let context = XFRMCallbackContext.from(data)
    return context.run { () throws(BackendError) -> Bool in
        try context.handler.data(XFRMMessageView(header!))
    }
}

private func xfrmErrorCallback(_ header: UnsafePointer<nlmsghdr>?, _ data: UnsafeMutableRawPointer?) -> Int32 {
    let context = XFRMCallbackContext.from(data)
    return context.run { () throws(BackendError) -> Bool in
        try context.handler.acknowledgement(XFRMAcknowledgement(XFRMMessageView(header!)))
    }
}

private func xfrmDoneCallback(_ header: UnsafePointer<nlmsghdr>?, _ data: UnsafeMutableRawPointer?) -> Int32 {
    let context = XFRMCallbackContext.from(data)
    return context.run { () throws(BackendError) -> Bool in
        let message = try XFRMMessageView(header!)
        // Dumps end with an int: 0, or the negative errno that cut the dump short.
        let status: Int32 = message.payload.count >= 4 ? message.payload.loadUnaligned(fromByteOffset: 0, as: Int32.self) : 0
        return try context.handler.done(message, status: status)
    }
}
