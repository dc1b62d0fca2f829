extension PFKey.KernelReplyBuilder {
    /// The message a promiscuous PF_KEY socket would have received for a monitor event
    /// (Linux `key_notify_sa`/`key_notify_policy`/`key_expire`; no BSD envelope).
    ///
    /// SA and policy notifications carry the value (expires without keys, with only the
    /// lifetime that fired); flushes and kinds without a value are header-only; `other` kinds
    /// use the message type of that name (header only), unknown names give nil.
    public func eventMessage(_ event: KeyEvent) -> PFKey.Message? {
        let pid = event.originPID ?? 0
        switch event.kind {
        case .saAdded, .saUpdated, .saDeleted:
            let type: PFKey.MessageType = event.kind == .saAdded ? .add : event.kind == .saUpdated ? .update : .delete
            guard let sa = event.sa else { return header(type, event.saType.rawValue, pid) }
            var m = saMessage(sa, type: type, pid: pid)
            m.sequence = 0
            m.pid = pid
            return m
        case .saExpired(let hard):
            guard let sa = event.sa else { return header(.expire, event.saType.rawValue, 0) }
            var m = saMessage(sa, type: .expire, includeKeys: false)
            m.sequence = 0
            m.pid = 0
            m.extensions.removeAll { $0.type == (hard ? .lifetimeSoft : .lifetimeHard) }
            return m
        case .saFlushed: return header(.flush, event.saType.rawValue, pid)
        case .acquire:
            var m = header(.acquire, event.saType.rawValue, 0)
            if let sa = event.sa {
                m.extensions = [
                    .address(.source, PFKey.AddressExtension(sa.source, proto: 255, wire: wire)),
                    .address(.destination, PFKey.AddressExtension(sa.destination, proto: 255, wire: wire)),
                ]
            }
            return m
        case .policyAdded, .policyUpdated, .policyDeleted, .policyExpired:
            let type: PFKey.MessageType
            switch event.kind {
            case .policyAdded: type = .spdAdd
            case .policyUpdated: type = .spdUpdate
            case .policyDeleted: type = .spdDelete
            default: type = .spdExpire
            }
            guard let p = event.policy else { return header(type, 0, pid) }
            var m = policyMessage(p, type: type, pid: pid)
            m.sequence = 0
            m.pid = pid
            return m
        case .policyFlushed: return header(.spdFlush, 0, pid)
        case .other(let name):
            guard let type = PFKey.MessageType(name: name) else { return nil }
            return header(type, event.saType.rawValue, pid)
        }
    }

    private func header(_ type: PFKey.MessageType, _ saType: UInt8, _ pid: UInt32) -> PFKey.Message {
        PFKey.Message(type: type, saType: saType, sequence: 0, pid: pid)
    }
}
