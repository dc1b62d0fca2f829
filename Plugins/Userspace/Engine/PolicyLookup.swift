import SetkeyCore

/// Which policy applies to a packet. The rule implemented, from Linux `net/xfrm/xfrm_policy.c`
/// (`xfrm_policy_lookup_bytype`, `xfrm_policy_insert_list`, `__xfrm_policy_eval_candidates`):
///
/// 1. Only policies of the packet's direction and address family are candidates; a selector
///    matches when both prefixes contain the addresses, each non-zero port equals the
///    packet's (type/code for ICMP), and the upper layer is `any` or equal
///    (`__xfrm4_selector_match`).
/// 2. The lowest priority value wins. There is **no longest-prefix rule**: a /32 selector
///    does not beat a /8 one of the same priority.
/// 3. Among equal priorities the older policy wins: the kernel keeps its lists sorted by
///    priority and inserts a new policy after those of equal priority, and the first match
///    is taken (`xfrm_policy_insert_list`, the `pos` comparison in the inexact search).
///    `spdupdate` keeps the replaced policy's place when the priority is unchanged and moves
///    it behind its new equals otherwise.
/// 4. Linux only: a host-to-host selector (both prefixes full length, so kept in the exact
///    hash table) beats a prefix selector of the same priority, because the hash chain's
///    match is taken as the preferred candidate before the inexact lists are searched.
///    (The kernel's corner case where an inexact policy at list position 0 wins that tie
///    is an artefact of `pos` not being set for hashed policies and is not reproduced.)
///
/// KAME kernels (`key_allocsp` over `sptree[dir]`, kept in priority order) follow rules
/// 1–3; their default priority is 0 for every policy, so the oldest matching policy wins.
enum PolicyLookup {
    /// Whether `selector` matches `flow`.
    static func matches(_ selector: PolicySelector, _ flow: PacketFlow) -> Bool {
        guard selector.source.family == flow.source.family, selector.destination.family == flow.destination.family,
              selector.destination.contains(flow.destination), selector.source.contains(flow.source)
        else { return false }
        if selector.sourcePort != 0 && selector.sourcePort != flow.sourcePort { return false }
        if selector.destinationPort != 0 && selector.destinationPort != flow.destinationPort { return false }
        return selector.upperLayer == .any || selector.upperLayer.rawValue == flow.upperLayer
    }

    /// The sort key of a policy in its direction's lookup list: priority, then (Linux) hashed
    /// host-to-host selectors before prefix ones, then age.
    static func rank(_ p: StoredPolicy, linux: Bool) -> (UInt32, UInt8, UInt64) {
        let s = p.policy.selector
        let hashed = s.source.isHost && s.destination.isHost
        return (p.priority, linux && !hashed ? 1 : 0, p.position)
    }

    /// The first policy of `candidates` (already in lookup order) that matches `flow`.
    static func first(in candidates: [StoredPolicy], matching flow: PacketFlow) -> StoredPolicy? {
        candidates.first { $0.policy.tag == nil && matches($0.policy.selector, flow) }
    }
}
