import SetkeyCore

/// What turning a change into records needs besides the tables.
struct ChangeContext {
    let algorithms: AlgorithmSupport
    /// The time of the batch (epoch seconds).
    let now: UInt64
    var linux: Bool { algorithms.personality == .linux }
    /// The errno for a missing SA: ESRCH on Linux, ENOENT on KAME kernels.
    var saNotFound: EngineFailure { EngineFailure.saNotFound(linux: linux) }
}

extension EngineState {
    /// Checks `change` against the tables and, when a kernel would accept it, commits the
    /// records that carry it out and adds them to `batch`.
    mutating func apply(_ change: EngineChange, _ ctx: ChangeContext,
                        into batch: inout JournalBatch) -> Result<Void, EngineFailure> {
        switch change {
        case .addSA(let sa):
            if let f = SAValidator(algorithms: ctx.algorithms).check(sa) { return .failure(f) }
            guard sad.live(sa.identity.key) == nil else { return .failure(EngineFailure(.alreadyExists, .fileExists)) }
            var request = sa
            request.reported = nil
            let e = StoredSA(serial: counters.nextSerial, sa: request, state: .mature, stateSince: ctx.now, created: ctx.now)
            emit(.saAdded(e), into: &batch)
        case .updateSA(let sa):
            if let f = SAValidator(algorithms: ctx.algorithms).check(sa) { return .failure(f) }
            guard let old = sad.live(sa.identity.key), ctx.linux || old.sa.source == sa.source else {
                return .failure(ctx.saNotFound)
            }
            switch updated(old, with: sa, ctx) {
            case .success(let e): emit(.saUpdated(e), into: &batch)
            case .failure(let f): return .failure(f)
            }
        case .deleteSA(let id):
            guard let e = sad.live(id.key), ctx.linux || e.sa.source == id.source else { return .failure(ctx.saNotFound) }
            emit(.saDeleted(serial: e.serial), into: &batch)
        case .deleteAllSAs(let source, let destination, let type):
            var doomed = [UInt64]()
            sad.forEach(newestFirst: false) { e in
                if e.state != .dead, e.sa.source == source, e.sa.destination == destination,
                   type == .unspecified || e.sa.type == type {
                    doomed.append(e.serial)
                }
            }
            for serial in doomed { emit(.saDeleted(serial: serial), into: &batch) }
        case .flushSAs(let type):
            emit(.saFlushed(type), into: &batch)
        case .addPolicy(let p):
            return applyPolicy(p, replacing: false, ctx, into: &batch)
        case .updatePolicy(let p):
            return applyPolicy(p, replacing: true, ctx, into: &batch)
        case .deletePolicy(let id):
            guard let p = spd.entry(id) else { return .failure(EngineFailure(.notFound, .noSuchFileOrDirectory)) }
            emit(.policyDeleted(serial: p.serial), into: &batch)
        case .flushPolicies:
            emit(.policiesFlushed, into: &batch)
        }
        return .success(())
    }

    /// The SA after `update`. Linux (`xfrm_state_update`) changes only the lifetimes and the
    /// NAT-T encapsulation of a valid SA (keys and algorithms stay; an encapsulation cannot
    /// be added, removed or change type: EINVAL) and clears "dying". KAME kernels take the
    /// whole new SA. Both keep the creation time and counters.
    private func updated(_ old: StoredSA, with sa: SecurityAssociation, _ ctx: ChangeContext) -> Result<StoredSA, EngineFailure> {
        var e = old
        if ctx.linux {
            switch (old.sa.natTraversal, sa.natTraversal) {
            case (nil, nil): break
            case (let a?, let b?) where a.type == b.type: e.sa.natTraversal = b
            default: return .failure(.invalid("update cannot add, remove or change the NAT-T encapsulation"))
            }
            e.sa.hardLifetime = sa.hardLifetime
            e.sa.softLifetime = sa.softLifetime
        } else {
            e.sa = sa
            e.sa.reported = nil
        }
        if e.state == .dying {
            e.state = .mature
            e.stateSince = ctx.now
        }
        return .success(e)
    }

    /// Commits `r` and encodes it for the journal.
    private mutating func emit(_ r: JournalRecord, into batch: inout JournalBatch) {
        commit(r)
        batch.add(r)
    }

    private mutating func applyPolicy(_ p: SecurityPolicy, replacing: Bool, _ ctx: ChangeContext,
                                      into batch: inout JournalBatch) -> Result<Void, EngineFailure> {
        if let f = PolicyValidator(linux: ctx.linux).check(p) { return .failure(f) }
        var policy = p
        policy.reported = nil
        if policy.priority == nil { policy.priority = ctx.linux ? .default : PolicyPriority(0) }
        policy.requests = assignRequestIDs(policy.requests)
        let serial = counters.nextSerial
        let existing = spd.entry(policy.identity)
        if existing != nil && !replacing { return .failure(EngineFailure(.alreadyExists, .fileExists)) }
        var stored = StoredPolicy(serial: serial, policy: policy, id: 0, position: serial, created: ctx.now)
        var generator: UInt32?
        if let old = existing, ctx.linux {
            stored.id = old.id  // Linux keeps the index (`policy->index = delpol->index`)
        } else {
            (stored.id, generator) = newPolicyID(policy.direction, ctx)
        }
        if let old = existing {
            if old.priority == stored.priority { stored.position = old.position }
            emit(.policyReplaced(replacing: old.serial, stored), into: &batch)
        } else {
            emit(.policyAdded(stored), into: &batch)
        }
        // Replay derives the Linux generator from the ids it sees; id 8 is ambiguous (index 0
        // remapped, or generator 8), so the true value is recorded when derivation falls short.
        if let generator, counters.policyIndexGenerator < generator {
            var c = counters
            c.policyIndexGenerator = generator
            emit(.counters(c), into: &batch)
        }
        return .success(())
    }

    /// `unique` requests without a manual reqid (0, or above 0x3fff) get the next automatic
    /// one, as both kernels do (Linux `gen_reqid`, BSD `key_newreqid`, from 0x4000).
    private mutating func assignRequestIDs(_ requests: [IPsecRequest]) -> [IPsecRequest] {
        var next = counters.nextRequestID
        let out = requests.map { r -> IPsecRequest in
            guard r.level == .unique, r.reqid == .none || r.reqid.rawValue > RequestID.maximumManual else { return r }
            var copy = r
            copy.reqid = RequestID(next)
            next += 1
            return copy
        }
        return out
    }

    /// A new policy id and, for Linux, the index generator after it. Linux:
    /// `idx_generator | dir` with the kernel direction (in 0, out 1, fwd 2), stepping by 8,
    /// index 0 becoming 8, skipping ids in use (`xfrm_gen_index`); KAME: a counter.
    private func newPolicyID(_ direction: PolicyDirection, _ ctx: ChangeContext) -> (UInt32, UInt32?) {
        guard ctx.linux else { return (counters.nextPolicyID, nil) }
        let kernelDirection: UInt32 = direction == .outbound ? 1 : direction == .forward ? 2 : 0
        var generator = counters.policyIndexGenerator
        while true {
            var id = generator | kernelDirection
            generator &+= 8
            if id == 0 { id = 8 }
            var taken = false
            if id == 8 { spd.forEach(newestFirst: false) { if $0.id == id { taken = true } } }
            if !taken { return (id, generator) }
        }
    }
}
