import SetkeyCore

/// An SA as the engine keeps it: the SA as requested plus the kernel's bookkeeping
/// (creation time, counters, life-cycle state).
/// Counterpart: `struct xfrm_state` (`curlft`, `km.state`, `km.dying`); BSD `struct secasvar`.
struct StoredSA: Hashable, Sendable {
    /// Unique, increasing number of the entry; dumps and the journal refer to it.
    var serial: UInt64
    /// The SA as the request gave it (`reported` is nil).
    var sa: SecurityAssociation
    /// larval, mature, dying or dead.
    var state: SAState
    /// When it entered `state` (epoch seconds); for dead entries, the start of the grace period.
    var stateSince: UInt64
    /// Creation time (epoch seconds): `curlft.add_time`.
    var created: UInt64
    /// First use (epoch seconds, 0 = never): `curlft.use_time`.
    var firstUse: UInt64 = 0
    /// Bytes processed: `curlft.bytes`.
    var bytes: UInt64 = 0
    /// Packets processed: `curlft.packets` (PF_KEY allocations).
    var packets: UInt64 = 0

    var key: SAKeyTriple { SAKeyTriple(destination: sa.destination, type: sa.type, spi: sa.spi) }

    /// Whether this is the SA with `key` (compared field by field, without building a key).
    func has(_ key: SAKeyTriple) -> Bool {
        sa.spi == key.spi && sa.type == key.type && sa.destination == key.destination
    }

    /// Whether the SA has any limit the clock can reach (time since creation or first use).
    var hasTimeLimits: Bool {
        sa.hardLifetime.addTime != 0 || sa.softLifetime.addTime != 0
            || sa.hardLifetime.useTime != 0 || sa.softLifetime.useTime != 0
    }
}

/// A policy as the engine keeps it: the policy with its priority and request ids resolved,
/// plus its kernel id and lookup position.
/// Counterpart: `struct xfrm_policy` (`index`, `priority`, `pos`, `curlft.add_time`); BSD
/// `struct secpolicy` (`id`).
struct StoredPolicy: Hashable, Sendable {
    /// Unique, increasing number of the entry: the order policies were linked in.
    var serial: UInt64
    /// The policy with `priority` set and automatic `unique` request ids filled in.
    var policy: SecurityPolicy
    /// The kernel's policy id (`spid`): Linux `8·k + direction`, KAME a counter.
    var id: UInt32
    /// Tie-break among equal priorities: smaller is older and wins (`xfrm_policy.pos`).
    var position: UInt64
    /// Creation time (epoch seconds).
    var created: UInt64

    var identity: PolicyIdentity { policy.identity }

    /// Whether this is the policy with `identity` (compared field by field).
    func has(_ identity: PolicyIdentity) -> Bool {
        policy.direction == identity.direction && policy.selector == identity.selector
            && policy.securityContext == identity.securityContext
    }
    var priority: UInt32 { policy.priority?.rawValue ?? 0 }
}

/// Counters a kernel keeps so that ids are never reused; stored in every snapshot.
/// Counterpart: `net->xfrm.idx_generator`, `reqid` generator of af_key; BSD `key_getnewspid`.
struct EngineCounters: Hashable, Sendable {
    /// The next entry serial.
    var nextSerial: UInt64 = 1
    /// Linux policy index generator (multiples of 8).
    var policyIndexGenerator: UInt32 = 0
    /// The next KAME policy id.
    var nextPolicyID: UInt32 = 1
    /// The next automatic request id for `unique` (starts above the manual range, 0x4000).
    var nextRequestID: UInt32 = RequestID.maximumManual + 1

    /// Raises the counters so that the ids of `p` are never handed out again.
    mutating func noteUsed(_ p: StoredPolicy) {
        nextSerial = max(nextSerial, p.serial &+ 1)
        // Index 8 may be index 0 remapped (generator then 8); the allocator records more when needed.
        policyIndexGenerator = max(policyIndexGenerator, p.id == 8 ? 8 : (p.id & ~7) &+ 8)
        nextPolicyID = max(nextPolicyID, p.id &+ 1)
        for r in p.policy.requests where r.reqid.rawValue > RequestID.maximumManual {
            nextRequestID = max(nextRequestID, r.reqid.rawValue &+ 1)
        }
    }

    mutating func noteUsed(_ sa: StoredSA) {
        nextSerial = max(nextSerial, sa.serial &+ 1)
    }
}
