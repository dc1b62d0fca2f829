extension PFKey.ModelDecoder {
    /// The message a promiscuous socket received, without the BSD `SADB_X_PROMISC`
    /// envelope (BSD kernels wrap copies of other sockets' messages in one; Linux does not).
    /// An envelope with nothing inside gives nil.
    public func unwrappingPromiscuousEnvelope(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count >= PFKey.headerSize, bytes[1] == PFKey.MessageType.promisc.rawValue else { return bytes }
        guard wire.flavour != .linux, bytes.count > PFKey.headerSize else {
            return wire.flavour == .linux ? bytes : nil
        }
        return Array(bytes[PFKey.headerSize...])
    }

    /// The monitor event for a message seen in promiscuous mode (`-x`).
    ///
    /// The kind follows the message type; the SA or policy is decoded when the message
    /// carries one that the model can hold (an undecodable one leaves it nil). The raw bytes
    /// are kept as received, envelope included.
    public func event(_ raw: [UInt8], seconds: Int64, microseconds: Int32) -> KeyEvent {
        var event = KeyEvent(kind: .other("malformed"), seconds: seconds, microseconds: microseconds, rawMessage: raw)
        guard let inner = unwrappingPromiscuousEnvelope(raw),
              let message = try? PFKey.Message(decoding: inner, wire: wire) else {
            if raw.count >= 2, let t = PFKey.MessageType(rawValue: raw[1]) { event.kind = .other(t.shortName) }
            return event
        }
        event.kind = kind(of: message)
        event.saType = SAType(rawValue: message.saType) ?? .unspecified
        event.originPID = message.pid
        if message.contains(.sa) { event.sa = try? securityAssociation(message) }
        if message.contains(.policy) { event.policy = try? securityPolicy(message) }
        return event
    }

    /// The event kind of a message type (EXPIRE is hard when it carries LIFETIME_HARD).
    public func kind(of m: PFKey.Message) -> KeyEvent.Kind {
        switch m.type {
        case .add: return .saAdded
        case .update: return .saUpdated
        case .delete: return .saDeleted
        case .expire: return .saExpired(hard: m.contains(.lifetimeHard))
        case .flush: return .saFlushed
        case .acquire: return .acquire
        case .spdAdd: return .policyAdded
        case .spdUpdate: return .policyUpdated
        case .spdDelete, .spdDelete2: return .policyDeleted
        case .spdExpire: return .policyExpired
        case .spdFlush: return .policyFlushed
        default: return .other(m.type.shortName)
        }
    }
}
