#if canImport(Glibc)
import Glibc
#endif
import CXFRM
import SetkeyCore

/// Reads the XFRM multicast groups (SA, POLICY, EXPIRE, ACQUIRE) and turns each message into
/// a `KeyEvent`, as `ip xfrm monitor` reads them.
/// Counterpart: `xfrm_send_state_notify`, `xfrm_send_policy_notify`, `xfrm_send_acquire`.
final class XFRMMonitor: XFRMReplyHandler {
    private let transport: any NetlinkTransport
    private var events = [KeyEvent]()
    private let buffer: UnsafeMutableRawBufferPointer

    init(transport: any NetlinkTransport) {
        self.transport = transport
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 << 10, alignment: 8)
    }

    deinit { buffer.deallocate() }

    /// Delivers events until `handler` returns false. A full receive buffer (ENOBUFS) is
    /// reported as an event of its own and reading goes on.
    func run(_ handler: (KeyEvent) -> Bool) throws(BackendError) {
        while true {
            let n: Int
            do {
                guard let got = try transport.receive(into: buffer, wait: true) else { continue }
                n = got
            } catch .system(_, .noBufferSpace) {
                events.append(KeyEvent(kind: .other("ENOBUFS: events were lost"), seconds: Int64(time(nil))))
                n = 0
            }
            if n > 0 { try handle(UnsafeRawBufferPointer(rebasing: buffer[0..<n])) }
            let batch = events
            events.removeAll(keepingCapacity: true)
            for e in batch where !handler(e) { return }
        }
    }

    /// Decodes one datagram of events (also used by tests).
    func handle(_ bytes: UnsafeRawBufferPointer) throws(BackendError) {
        _ = try XFRMReplyReader.dispatch(bytes, portID: 0, to: self)
    }

    /// The events decoded so far and not yet delivered.
    func takeEvents() -> [KeyEvent] {
        defer { events.removeAll() }
        return events
    }

    func data(_ m: XFRMMessageView) throws(BackendError) -> Bool {
        var tv = timeval()
        gettimeofday(&tv, nil)
        var event = KeyEvent(kind: .other(m.type.description), seconds: Int64(tv.tv_sec),
                             microseconds: Int32(tv.tv_usec), originPID: m.portID == 0 ? nil : m.portID)
        try Self.fill(&event, from: m, now: UInt64(max(0, tv.tv_sec)))
        events.append(event)
        return true
    }

    func acknowledgement(_ ack: XFRMAcknowledgement) throws(BackendError) -> Bool { true }
    func done(_ message: XFRMMessageView, status: Int32) throws(BackendError) -> Bool { true }

    /// Sets the kind, SA, policy and SA type of `event` from message `m`.
    static func fill(_ event: inout KeyEvent, from m: XFRMMessageView, now: UInt64) throws(BackendError) {
        switch m.type {
        case .newSA, .updateSA:
            event.kind = m.type == .newSA ? .saAdded : .saUpdated
            event.sa = try XFRMBackend.decodeSA(m, now: now)
        case .deleteSA:
            event.kind = .saDeleted
            let attrs = try m.attributes(after: xfrm_usersa_id.self)
            if let raw = attrs.sa {
                event.sa = try XFRMDecoder.securityAssociation(raw.loadStruct(fromByteOffset: 0, as: xfrm_usersa_info.self),
                                                               attrs, now: now)
            }
        case .expire:
            let e = try m.fixed(xfrm_user_expire.self, name: "xfrm_user_expire")
            event.kind = .saExpired(hard: e.hard != 0)
            event.sa = try XFRMDecoder.securityAssociation(e.state, m.attributes(after: xfrm_user_expire.self), now: now)
        case .flushSA:
            let f = try m.fixed(xfrm_usersa_flush.self, name: "xfrm_usersa_flush")
            event.kind = .saFlushed
            event.saType = SAType(ipProtocol: f.proto) ?? .unspecified
        case .newPolicy, .updatePolicy:
            event.kind = m.type == .newPolicy ? .policyAdded : .policyUpdated
            event.policy = try XFRMBackend.decodePolicy(m, now: now)
        case .deletePolicy:
            event.kind = .policyDeleted
            let attrs = try m.attributes(after: xfrm_userpolicy_id.self)
            if let raw = attrs.policy {
                event.policy = try XFRMDecoder.securityPolicy(
                    raw.loadStruct(fromByteOffset: 0, as: xfrm_userpolicy_info.self), attrs, now: now)
            }
        case .policyExpire:
            let e = try m.fixed(xfrm_user_polexpire.self, name: "xfrm_user_polexpire")
            event.kind = .policyExpired
            event.policy = try XFRMDecoder.securityPolicy(e.pol, m.attributes(after: xfrm_user_polexpire.self), now: now)
        case .flushPolicy:
            event.kind = .policyFlushed
        case .acquire:
            let a = try m.fixed(xfrm_user_acquire.self, name: "xfrm_user_acquire")
            event.kind = .acquire
            event.saType = SAType(ipProtocol: a.id.proto) ?? .unspecified
            event.policy = try XFRMDecoder.securityPolicy(a.policy, m.attributes(after: xfrm_user_acquire.self), now: now)
        default:
            break
        }
        if let sa = event.sa { event.saType = sa.type }
    }
}
