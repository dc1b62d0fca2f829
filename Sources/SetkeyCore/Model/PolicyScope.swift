/// Where a FreeBSD policy applies: everywhere, to one `if_ipsec` interface, or to one socket.
/// Other kernels report only global policies (and, on Linux, per-socket ones by id).
/// Counterpart: FreeBSD `IPSEC_POLICYSCOPE_GLOBAL/IFNET/PCB` (`sadb_x_policy_scope`).
public enum PolicyScope: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case global = 1
    case interface = 2
    case socket = 4

    /// The word FreeBSD's `setkey -DP` prints after `scope=`.
    public var keyword: String {
        switch self {
        case .global: return "global"
        case .interface: return "ifnet"
        case .socket: return "pcb"
        }
    }
    public var description: String { keyword }
}
