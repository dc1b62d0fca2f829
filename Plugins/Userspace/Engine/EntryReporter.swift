import SetkeyCore

/// Turns stored entries into what a kernel of the engine's personality reports in a dump,
/// a `get` reply or an event.
///
/// Linux (af_key over xfrm): mode `any` is stored as transport; only the kernel's own SA
/// flags survive (the KAME ones are dropped, so usually 0); the replay window is in packets,
/// at most 32; SA addresses carry no ports; the SA2 sequence is 0; reference counts 0; policy levels read back as the
/// kernel keeps them (`require` for default/require, `use`, `unique` when a reqid is set) and
/// an `ipsec` policy without requests reads back as `none`.
/// KAME: everything as sent, the sequence is the packet counter, reference count 1.
struct EntryReporter {
    let linux: Bool

    /// The Linux replay window limit in packets (`sizeof(x->replay.bitmap) * 8`).
    static let linuxReplayLimit: UInt32 = 32

    func report(_ e: StoredSA) -> SecurityAssociation {
        var sa = e.sa
        if linux {
            if sa.mode == .any { sa.mode = .transport }
            sa.flags = sa.flags.intersection(.linuxKernelFlags)
            sa.replayWindow = min(sa.replayWindow, Self.linuxReplayLimit)
            // af_key fills SA addresses with port 0; NAT-T ports travel in their own extensions.
            sa.sourcePort = 0
            sa.destinationPort = 0
        }
        let current = Lifetime(allocations: e.packets, bytes: e.bytes, addTime: e.created, useTime: e.firstUse)
        sa.reported = ReportedSAState(state: e.state, current: current,
                                      sequence: linux ? 0 : UInt32(truncatingIfNeeded: e.packets),
                                      referenceCount: linux ? 0 : 1)
        return sa
    }

    func report(_ e: StoredPolicy) -> SecurityPolicy {
        var p = e.policy
        if linux {
            p.requests = p.requests.map { r in
                var copy = r
                copy.reqid = r.level == .unique ? r.reqid : .none  // af_key keeps a reqid only for unique
                copy.level = r.level == .use ? .use : (copy.reqid != .none ? .unique : .require)
                return copy
            }
            if p.action == .ipsec && p.requests.isEmpty { p.action = .none }
        }
        p.reported = ReportedPolicyState(id: e.id, created: e.created, hasLifetimes: linux, referenceCount: 1)
        return p
    }
}
