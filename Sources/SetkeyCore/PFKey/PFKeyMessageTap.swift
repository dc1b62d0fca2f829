extension PFKey {
    /// A PF_KEY message a backend exchanged with its kernel, exactly as sent or received.
    public enum Traffic: Sendable, Hashable {
        /// A request, before it was sent.
        case sent([UInt8])
        /// A message read from the socket (replies, and in promiscuous mode everything).
        case received([UInt8])

        /// The message bytes.
        public var bytes: [UInt8] {
            switch self {
            case .sent(let b), .received(let b): return b
            }
        }
    }
}

/// A backend that speaks PF_KEY and can show the messages it exchanges, so `-v` and `-H`
/// print the real bytes instead of re-encoding the model. The CLI sets the observer before
/// the first request; backends that do not speak PF_KEY do not conform.
/// Counterpart: the `kdebug_sadb`/hex calls around `send` and `recv` in ipsec-tools
/// `sendkeymsg`.
public protocol PFKeyMessageObserving: AnyObject {
    /// Called with every message sent and every message received that belongs to this
    /// process's requests (and everything in promiscuous mode).
    var pfkeyObserver: ((PFKey.Traffic) -> Void)? { get set }
    /// The wire the backend speaks, for decoding what the observer sees.
    var pfkeyWire: PFKey.Wire { get }
}
