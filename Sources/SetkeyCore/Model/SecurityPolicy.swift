/// The direction a policy applies to.
/// Counterpart: `IPSEC_DIR_*` (`sadb_x_policy_dir`); `XFRM_POLICY_IN/OUT/FWD` (0/1/2).
public enum PolicyDirection: UInt8, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    /// `any` (only ever reported, never written).
    case any = 0
    case inbound = 1
    case outbound = 2
    /// `fwd`: forwarded traffic (Linux).
    case forward = 3

    public var keyword: String {
        switch self {
        case .any: return "any"
        case .inbound: return "in"
        case .outbound: return "out"
        case .forward: return "fwd"
        }
    }
    public var description: String { keyword }
    public static func < (a: PolicyDirection, b: PolicyDirection) -> Bool { a.rawValue < b.rawValue }
}

/// What to do with matching packets.
/// Counterpart: `IPSEC_POLICY_*` (`sadb_x_policy_type`); XFRM `action` + templates.
public enum PolicyAction: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case discard = 0
    case none = 1
    case ipsec = 2
    case entrust = 3
    case bypass = 4

    public var keyword: String {
        switch self {
        case .discard: return "discard"
        case .none: return "none"
        case .ipsec: return "ipsec"
        case .entrust: return "entrust"
        case .bypass: return "bypass"
        }
    }
    public var description: String { keyword }
}

/// How strictly a request must be satisfied.
/// Counterpart: `IPSEC_LEVEL_*` (`sadb_x_ipsecrequest_level`); XFRM template `optional`.
public enum IPsecLevel: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case `default` = 0
    case use = 1
    case require = 2
    case unique = 3

    public var keyword: String {
        switch self {
        case .default: return "default"
        case .use: return "use"
        case .require: return "require"
        case .unique: return "unique"
        }
    }
    public var description: String { keyword }
}

/// The protocol of a policy request.
/// Counterpart: `sadb_x_ipsecrequest_proto` (IPPROTO_ESP/AH/IPCOMP/TCP); `xfrm_user_tmpl.id.proto`.
public enum RequestProtocol: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case esp = 50
    case ah = 51
    case ipcomp = 108
    /// TCP-MD5 (FreeBSD).
    case tcp = 6

    public var keyword: String {
        switch self {
        case .esp: return "esp"
        case .ah: return "ah"
        case .ipcomp: return "ipcomp"
        case .tcp: return "tcp"
        }
    }
    /// The SA type that satisfies requests of this protocol.
    public var saType: SAType {
        switch self {
        case .esp: return .esp
        case .ah: return .ah
        case .ipcomp: return .ipcomp
        case .tcp: return .tcpSignature
        }
    }
    public var description: String { keyword }
}

/// Tunnel endpoints of a request (`esp/tunnel/SRC-DST/...`), with optional ports (NAT-T).
public struct TunnelEndpoints: Sendable, Hashable {
    public var source: IPAddress
    public var destination: IPAddress
    public var sourcePort: UInt16
    public var destinationPort: UInt16
    public init(source: IPAddress, destination: IPAddress, sourcePort: UInt16 = 0, destinationPort: UInt16 = 0) {
        self.source = source
        self.destination = destination
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
    }
}

/// One `PROTO/MODE/ENDPOINTS/LEVEL` request of an `ipsec` policy.
/// Counterpart: `sadb_x_ipsecrequest`; `xfrm_user_tmpl`.
public struct IPsecRequest: Sendable, Hashable {
    public var proto: RequestProtocol
    public var mode: IPsecMode
    /// Tunnel endpoints; nil for transport mode without endpoints (and `me-any`/`any-me`).
    public var endpoints: TunnelEndpoints?
    public var level: IPsecLevel
    /// `unique:N` (or a kernel-assigned id for `unique`); 0 when none.
    public var reqid: RequestID

    public init(proto: RequestProtocol, mode: IPsecMode, endpoints: TunnelEndpoints? = nil,
                level: IPsecLevel = .default, reqid: RequestID = .none) {
        self.proto = proto
        self.mode = mode
        self.endpoints = endpoints
        self.level = level
        self.reqid = reqid
    }
}

/// A policy priority: lower values are matched first.
/// Counterpart: `prio`/`priority` in the policy text; `sadb_x_policy_priority`;
/// `xfrm_userpolicy_info.priority`.
public struct PolicyPriority: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public init(_ value: UInt32) { rawValue = value }

    /// `prio high` (0x40000000).
    public static let high = PolicyPriority(0x4000_0000)
    /// `prio def` (0x80000000), the Linux default.
    public static let `default` = PolicyPriority(0x8000_0000)
    /// `prio low` (0xC0000000).
    public static let low = PolicyPriority(0xC000_0000)

    /// The bucket and signed offset `ipsec_dump_policy` prints (`def`, +10 for 0x7ffffff6).
    public var bucketAndOffset: (bucket: String, offset: Int64) {
        let p = Int64(rawValue)
        let base: Int64
        let name: String
        if p < 0x6000_0000 { base = 0x4000_0000; name = "high" }
        else if p < 0xA000_0000 { base = 0x8000_0000; name = "def" }
        else { base = 0xC000_0000; name = "low" }
        return (name, base - p)
    }

    public static func < (a: PolicyPriority, b: PolicyPriority) -> Bool { a.rawValue < b.rawValue }
    /// `prio def + 10` style text.
    public var description: String {
        let (bucket, offset) = bucketAndOffset
        if offset == 0 { return "prio \(bucket)" }
        return offset > 0 ? "prio \(bucket) + \(offset)" : "prio \(bucket) - \(-offset)"
    }
}

/// A Security Policy: which traffic, in which direction, gets which treatment.
///
/// The same value describes what `spdadd`/`spdupdate` ask for and what a backend reports.
/// Counterpart: `spdadd SRC DST UPPER -P POLICY`; `SADB_X_SPDADD` (X_POLICY + addresses);
/// `XFRM_MSG_NEWPOLICY` (`xfrm_userpolicy_info` + `XFRMA_TMPL`).
public struct SecurityPolicy: Sendable, Hashable {
    public var selector: PolicySelector
    public var direction: PolicyDirection
    public var action: PolicyAction
    /// The priority as written; nil when the text gave none (the backend applies its
    /// default: 0x80000000 on Linux, 0 elsewhere).
    public var priority: PolicyPriority?
    /// The requests of an `ipsec` policy, in order.
    public var requests: [IPsecRequest]
    /// `-ctx`: a security context.
    public var securityContext: SecurityContext?
    /// `spdadd tagged "NAME"`: a PF tag instead of a selector (kernels with tag support).
    public var tag: String?
    /// Bookkeeping a backend reports; nil in requests.
    public var reported: ReportedPolicyState?

    public init(selector: PolicySelector, direction: PolicyDirection, action: PolicyAction,
                priority: PolicyPriority? = nil, requests: [IPsecRequest] = [],
                securityContext: SecurityContext? = nil, tag: String? = nil,
                reported: ReportedPolicyState? = nil) {
        self.selector = selector
        self.direction = direction
        self.action = action
        self.priority = priority
        self.requests = requests
        self.securityContext = securityContext
        self.tag = tag
        self.reported = reported
    }

    /// What identifies this policy for `spddelete` and duplicate checks.
    public var identity: PolicyIdentity {
        PolicyIdentity(selector: selector, direction: direction, securityContext: securityContext)
    }
}

/// What names one policy: its selector and direction (and security context).
/// Counterpart: `spddelete` operands; `SADB_X_SPDDELETE`; `xfrm_userpolicy_id`.
public struct PolicyIdentity: Sendable, Hashable {
    public var selector: PolicySelector
    public var direction: PolicyDirection
    public var securityContext: SecurityContext?
    public init(selector: PolicySelector, direction: PolicyDirection, securityContext: SecurityContext? = nil) {
        self.selector = selector
        self.direction = direction
        self.securityContext = securityContext
    }
}

/// Bookkeeping a backend reports for a policy.
/// Counterpart: `sadb_x_policy_id`, LIFETIME_CURRENT/HARD of an SPD dump, the message's
/// seq/pid/reserved; `xfrm_userpolicy_info.index`, `curlft`, `lft`.
public struct ReportedPolicyState: Sendable, Hashable {
    /// The kernel's policy id (`spid`).
    public var id: UInt32
    /// Creation time, epoch seconds (0 = unknown).
    public var created: UInt64
    /// Last-use time, epoch seconds (0 = never).
    public var lastUsed: UInt64
    /// Hard lifetime: `addTime` (lifetime) and `useTime` (validtime), in seconds.
    public var hardLifetime: Lifetime
    /// Whether a lifetime is reported at all (Linux always; BSD never).
    public var hasLifetimes: Bool
    /// Whether the kernel says this is a per-socket policy.
    public var isPerSocket: Bool
    /// The dump message's `sadb_msg_seq`, when the backend speaks PF_KEY.
    public var messageSequence: UInt32?
    /// The dump message's `sadb_msg_pid`, when known.
    public var messagePID: UInt32?
    /// `sadb_msg_reserved` (printed as `refcnt`).
    public var referenceCount: UInt32
    /// FreeBSD: the policy's scope (`sadb_x_policy_scope`); global elsewhere.
    public var scope: PolicyScope
    /// FreeBSD: the interface of an `ifnet`-scope policy (`sadb_x_policy_ifindex` by name).
    public var interfaceName: String?

    public init(id: UInt32 = 0, created: UInt64 = 0, lastUsed: UInt64 = 0, hardLifetime: Lifetime = .unlimited,
                hasLifetimes: Bool = false, isPerSocket: Bool = false, messageSequence: UInt32? = nil,
                messagePID: UInt32? = nil, referenceCount: UInt32 = 0, scope: PolicyScope = .global,
                interfaceName: String? = nil) {
        self.id = id
        self.created = created
        self.lastUsed = lastUsed
        self.hardLifetime = hardLifetime
        self.hasLifetimes = hasLifetimes
        self.isPerSocket = isPerSocket
        self.messageSequence = messageSequence
        self.messagePID = messagePID
        self.referenceCount = referenceCount
        self.scope = scope
        self.interfaceName = interfaceName
    }
}
