/// Which family of setkey/kernel a backend's data and wire format follow. It decides
/// defaults (policy priority, `fwd` copies), dump wording and, for PF_KEY, the wire layout.
///
/// Counterpart: ipsec-tools' compile-time switches (`__linux__`, `HAVE_PFKEY_POLICY_PRIORITY`).
public enum Personality: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// ipsec-tools on Linux: `fwd` policies, priorities, kernel-only SA flags, `mode=transport`
    /// for mode-any SAs, dump sequence 1, 2, ..., 0.
    case linux
    /// KAME/NetBSD/QNX: no `fwd`, no priorities, `tcp-md5`, SA flags as sent, dump sequence
    /// N-1 ... 0.
    case kame
    /// FreeBSD's own setkey fork: KAME semantics with FreeBSD's dump wording.
    case freebsd

    public var description: String { rawValue }

    /// Whether `fwd` is a policy direction of its own (Linux) rather than an alias of `in`.
    public var hasForwardPolicies: Bool { self == .linux }
    /// Whether policies carry a priority (`prio`/`priority`).
    public var hasPolicyPriority: Bool { self == .linux }
}
