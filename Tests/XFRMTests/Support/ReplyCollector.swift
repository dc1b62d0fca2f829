@testable import SetkeyXFRM
import SetkeyCore

/// Collects whatever a datagram holds, for replay tests.
final class ReplyCollector: XFRMReplyHandler {
    var messages: [(type: XFRM.MessageType, flags: UInt16, sequence: UInt32, payload: [UInt8])] = []
    var acknowledgements: [XFRMAcknowledgement] = []
    var dones: [Int32] = []
    /// Decodes data messages as they come (views die with the buffer).
    var decode: ((XFRMMessageView) throws(BackendError) -> Void)?

    func data(_ m: XFRMMessageView) throws(BackendError) -> Bool {
        messages.append((m.type, m.flags, m.sequence, Array(m.payload)))
        try decode?(m)
        return true
    }
    func acknowledgement(_ ack: XFRMAcknowledgement) throws(BackendError) -> Bool {
        acknowledgements.append(ack)
        return true
    }
    func done(_ message: XFRMMessageView, status: Int32) throws(BackendError) -> Bool {
        dones.append(status)
        return false
    }

    /// Dispatches every datagram of a fixture, with the port id the kernel addressed.
    @discardableResult
    func replay(_ datagrams: [[UInt8]]) throws(BackendError) -> [XFRMDispatchOutcome] {
        var outcomes = [XFRMDispatchOutcome]()
        for d in datagrams {
            let port = UInt32(d[12]) | UInt32(d[13]) << 8 | UInt32(d[14]) << 16 | UInt32(d[15]) << 24
            var failure: BackendError?
            d.withUnsafeBytes { raw in
                do throws(BackendError) {
                    outcomes.append(try XFRMReplyReader.dispatch(raw, portID: port, to: self))
                } catch {
                    failure = error
                }
            }
            if let failure { throw failure }
        }
        return outcomes
    }
}
