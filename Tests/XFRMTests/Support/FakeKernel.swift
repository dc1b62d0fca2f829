import CXFRM
import SetkeyCore
@testable import SetkeyXFRM

/// A scripted XFRM "kernel" behind a `ScriptedTransport`: answers the barrier (GETSPDINFO
/// with NLM_F_ACK) with NEWSPDINFO + ACK, fails the requests `verdict` names, answers dumps
/// from `policies`/`states`, and records what it was asked.
final class FakeKernel {
    let transport: ScriptedTransport
    /// The errno (and extended-ACK text) for a request, nil to accept it silently.
    var verdict: (_ type: UInt16, _ payload: [UInt8]) -> (Int32, String?)? = { _, _ in nil }
    /// NEWPOLICY payloads a policy dump returns.
    var policies: [[UInt8]] = []
    /// NEWSA payloads an SA dump returns.
    var states: [[UInt8]] = []
    /// Replies queued before the answer to the next datagram (ENOBUFS, strays ...).
    var injectBeforeNextAnswer: [ScriptedTransport.Reply] = []
    /// Drop the answer to the next datagram (as a full receive buffer does), keeping only
    /// what `injectBeforeNextAnswer` holds.
    var dropNextAnswer = false
    private(set) var dumpRequests: [(type: UInt16, payload: [UInt8])] = []

    init() {
        transport = ScriptedTransport()
        transport.respond = { [unowned self] d in self.answer(d) }
    }

    /// Message types of everything sent, in order.
    var sentTypes: [UInt16] { transport.sentMessages.map(\.type) }

    private func answer(_ datagram: [UInt8]) -> [ScriptedTransport.Reply] {
        var out = injectBeforeNextAnswer
        injectBeforeNextAnswer = []
        defer { dropNextAnswer = false }
        let dropping = dropNextAnswer
        let port = transport.portID
        for m in ScriptedTransport.split(datagram) {
            if m.flags & UInt16(NLM_F_DUMP) == UInt16(NLM_F_DUMP) {
                dumpRequests.append((m.type, m.payload))
                let records = m.type == 0x15 ? policies : states
                let type: UInt16 = m.type == 0x15 ? 0x13 : 0x10
                for r in records {
                    out.append(.datagram(KernelReply.message(type: type, flags: 2, sequence: m.sequence, portID: port, payload: r)))
                }
                out.append(.datagram(KernelReply.done(sequence: m.sequence, portID: port)))
                continue
            }
            if m.type == 0x25 {  // XFRM_MSG_GETSPDINFO
                out.append(.datagram(KernelReply.message(type: 0x24, sequence: m.sequence, portID: port, payload: [0xff, 0xff, 0xff, 0xff])))
            } else if let (errno, text) = verdict(m.type, m.payload) {
                out.append(.datagram(KernelReply.error(errno, sequence: m.sequence, portID: port, requestType: m.type, message: text)))
                continue
            }
            if m.flags & UInt16(NLM_F_ACK) != 0 {
                out.append(.datagram(KernelReply.error(0, sequence: m.sequence, portID: port, requestType: m.type)))
            }
        }
        return dropping ? injectedOnly(out) : out
    }

    private func injectedOnly(_ out: [ScriptedTransport.Reply]) -> [ScriptedTransport.Reply] {
        out.filter { if case .failure = $0 { return true } else { return false } }
    }

    /// The payload the kernel would send for `policy` stored with `index`.
    static func policyRecord(_ policy: SecurityPolicy, index: UInt32, reqids: [UInt32]? = nil) -> [UInt8] {
        var info = XFRMPolicyMapping.info(for: policy)
        info.index = index
        info.curlft.add_time = 1_700_000_000
        let r = XFRMRequest.newPolicy(info, templates: XFRMPolicyMapping.templates(for: policy,
                                                                                     reqids: reqids ?? policy.requests.map(\.reqid.rawValue)),
                                      context: nil, update: false)
        return Array(r.encoded(sequence: 1).dropFirst(16))
    }

    /// The payload the kernel would send for `sa`.
    static func stateRecord(_ sa: SecurityAssociation) throws -> [UInt8] {
        Array(try XFRMRequestPlanner.saRequest(sa, update: false).encoded(sequence: 1).dropFirst(16))
    }
}
