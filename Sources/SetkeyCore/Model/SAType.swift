/// The kind of an SA: what the protocol word of an SA statement selects.
/// Counterpart: `sadb_msg_satype` (`SADB_SATYPE_*`), and for XFRM `xfrm_id.proto`.
public enum SAType: UInt8, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    /// All types (`flush;`, `dump;`): `SADB_SATYPE_UNSPEC`.
    case unspecified = 0
    /// `ah`: `SADB_SATYPE_AH`.
    case ah = 2
    /// `esp`: `SADB_SATYPE_ESP`.
    case esp = 3
    /// `ipcomp`: `SADB_X_SATYPE_IPCOMP`.
    case ipcomp = 9
    /// `tcp`: TCP-MD5 signature SA, BSD only: `SADB_X_SATYPE_TCPSIGNATURE`.
    case tcpSignature = 11

    /// The IP protocol number that carries this SA (50, 51, 108, 6), 0 for unspecified.
    public var ipProtocol: UInt8 {
        switch self {
        case .unspecified: return 0
        case .ah: return 51
        case .esp: return 50
        case .ipcomp: return 108
        case .tcpSignature: return 6
        }
    }

    /// The type for an IP protocol number (50, 51, 108, 6), if any.
    public init?(ipProtocol: UInt8) {
        switch ipProtocol {
        case 50: self = .esp
        case 51: self = .ah
        case 108: self = .ipcomp
        case 6: self = .tcpSignature
        default: return nil
        }
    }

    /// The setkey keyword (`esp`, `ah`, `ipcomp`, `tcp`; `unspec` for all).
    public var keyword: String {
        switch self {
        case .unspecified: return "unspec"
        case .ah: return "ah"
        case .esp: return "esp"
        case .ipcomp: return "ipcomp"
        case .tcpSignature: return "tcp"
        }
    }

    public var description: String { keyword }
    public static func < (a: SAType, b: SAType) -> Bool { a.rawValue < b.rawValue }
}

/// The encapsulation mode of an SA or a policy request (`-m`, `esp/tunnel/...`).
/// Counterpart: `IPSEC_MODE_*` (`sadb_x_sa2_mode`), `XFRM_MODE_*`.
public enum IPsecMode: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// `any`: the kernel decides (Linux stores it as transport).
    case any = 0
    /// `transport`.
    case transport = 1
    /// `tunnel`.
    case tunnel = 2
    /// Linux BEET mode (never written by setkey, may be reported by a kernel).
    case beet = 3

    public var keyword: String {
        switch self {
        case .any: return "any"
        case .transport: return "transport"
        case .tunnel: return "tunnel"
        case .beet: return "beet"
        }
    }
    public var description: String { keyword }
}

/// The life-cycle state of an SA.
/// Counterpart: `SADB_SASTATE_LARVAL/MATURE/DYING/DEAD` (`sadb_sa_state`).
public enum SAState: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Reserved SPI, no keys yet (GETSPI).
    case larval = 0
    /// In use.
    case mature = 1
    /// Soft lifetime reached: still usable, a replacement is due.
    case dying = 2
    /// Hard lifetime reached: unusable, kept only to be shown with `-a`.
    case dead = 3

    public var keyword: String {
        switch self {
        case .larval: return "larval"
        case .mature: return "mature"
        case .dying: return "dying"
        case .dead: return "dead"
        }
    }
    public var description: String { keyword }
}
