#if canImport(Glibc)
import Glibc
#endif
import SetkeyCore

/// A persistent SAD/SPD with kernel semantics, shared by every process that opens the same
/// state folder. Each call takes the folder's lock, catches up with what other processes
/// journaled, applies the clock (lifetimes), does its work, makes any change durable with one
/// journal write and one fsync, and releases the lock.
///
/// Not thread-safe: use one engine from one thread (processes coordinate through the lock).
/// Counterpart: the kernel's SAD/SPD behind PF_KEY (`net/key/af_key.c` + `net/xfrm`, BSD
/// `netipsec/key.c`); strongSwan's `libipsec` as a userspace engine.
public final class KeyEngine {
    public let configuration: EngineConfiguration
    /// The algorithms accepted, with the key ranges a `SADB_REGISTER` reply would list.
    public var algorithms: [AlgorithmID: KeyBitsRange] { support.table }

    /// The algorithms an engine of `personality` accepts, without opening one.
    public static func algorithms(for personality: Personality) -> [AlgorithmID: KeyBitsRange] {
        AlgorithmSupport(personality: personality == .linux ? .linux : .kame).table
    }

    let directory: StateDirectory
    private let lock: StateLock
    private let support: AlgorithmSupport
    private let reporter: EntryReporter
    let pid: UInt32
    var state: EngineState
    var journal: JournalFile?
    var snapshotSize = 0
    /// Set when memory may be ahead of the files (a failed write): the next call reloads.
    var stale = true
    /// Events gathered while following (nil when not following).
    var collectedEvents: [EngineEvent]?

    /// Opens the state folder (creating it), checks its safety, loads the state and applies
    /// the clock.
    /// - Throws: `unsafeState`, `corruptState` (naming file and offset; nothing is changed)
    ///   or `system`.
    public init(configuration: EngineConfiguration) throws(EngineError) {
        self.configuration = configuration
        directory = try StateDirectory(path: configuration.stateDirectory)
        lock = try StateLock(in: directory)
        let personality: Personality = configuration.personality == .linux ? .linux : .kame
        support = AlgorithmSupport(personality: personality)
        reporter = EntryReporter(linux: personality == .linux)
        pid = UInt32(truncatingIfNeeded: getpid())
        state = EngineState(deadEntryGrace: configuration.deadEntryGrace)
        try locked { _ in }
    }

    /// Whose kernel the engine imitates (`freebsd` is treated as `kame`).
    public var personality: Personality { support.personality }

    var linux: Bool { support.personality == .linux }

    // MARK: - Changes

    /// Applies `changes` in order, each answered on its own, and makes the accepted ones
    /// durable (one journal write, one fsync) before returning.
    /// - Throws: only when the batch could not be made durable (then none of it counts).
    public func apply(_ changes: [EngineChange]) throws(EngineError) -> [Result<Void, EngineFailure>] {
        try locked { batch in
            let ctx = ChangeContext(algorithms: support, now: configuration.clock.now().seconds)
            var results = [Result<Void, EngineFailure>]()
            results.reserveCapacity(changes.count)
            for change in changes {
                results.append(state.apply(change, ctx, into: &batch))
            }
            return results
        }
    }

    /// Counts traffic on the live SA with `key`: updates its counters and first-use time and
    /// applies its byte and packet lifetimes. (Nothing carries packets through the engine;
    /// this is how tests and tools exercise `-bs`/`-bh`.)
    /// - Throws: `refused(notFound)` when no live SA has that key.
    public func recordTraffic(on key: SAKeyTriple, bytes: UInt64, packets: UInt64 = 1) throws(EngineError) {
        try locked { batch throws(EngineError) in
            let now = configuration.clock.now().seconds
            guard let records = state.traffic(on: key, bytes: bytes, packets: packets, now: now) else {
                throw .refused(.saNotFound(linux: linux))
            }
            for r in records {
                commit(r)
                batch.add(r)
            }
        }
    }

    // MARK: - Queries

    /// The live SA with this identity, as a dump shows it. KAME kernels also match the
    /// source address; Linux only destination, protocol and SPI.
    /// - Throws: `refused(notFound)` (ESRCH on Linux, ENOENT on KAME).
    public func get(_ identity: SAIdentity) throws(EngineError) -> SecurityAssociation {
        try locked { _ throws(EngineError) in
            guard let e = state.sad.live(identity.key), linux || e.sa.source == identity.source else {
                throw .refused(.saNotFound(linux: linux))
            }
            return reporter.report(e)
        }
    }

    /// Calls `body` with every SA of `type` (`.unspecified`: all), newest first as kernels
    /// list them; dead SAs only with `includeDead` (`-D -a`).
    public func dumpSAs(type: SAType = .unspecified, includeDead: Bool = false,
                        _ body: (SecurityAssociation) -> Void) throws(EngineError) {
        try locked { _ in
            state.sad.forEach(newestFirst: true) { e in
                guard includeDead || e.state != .dead, type == .unspecified || e.sa.type == type else { return }
                body(reporter.report(e))
            }
        }
    }

    /// Calls `body` with every policy: on Linux newest first (the kernel links new policies
    /// at the head of `policy_all`); on KAME by direction (in, then out), in lookup order.
    public func dumpPolicies(_ body: (SecurityPolicy) -> Void) throws(EngineError) {
        try locked { _ in
            if linux {
                state.spd.forEach(newestFirst: true) { body(reporter.report($0)) }
            } else {
                for direction in [PolicyDirection.inbound, .outbound, .forward] {
                    for p in state.spd.lookupOrder(direction, rank: { PolicyLookup.rank($0, linux: false) }) {
                        body(reporter.report(p))
                    }
                }
            }
        }
    }

    /// The policy that applies to a packet of `flow` going in `direction`, nil when none
    /// does (see `PolicyLookup` for the exact rule).
    public func lookupPolicy(for flow: PacketFlow, direction: PolicyDirection) throws(EngineError) -> SecurityPolicy? {
        try locked { _ in
            let linux = self.linux
            let order = state.spd.lookupOrder(direction, rank: { PolicyLookup.rank($0, linux: linux) })
            return PolicyLookup.first(in: order, matching: flow).map { reporter.report($0) }
        }
    }

    /// Sizes of the tables and files.
    public func statistics() throws(EngineError) -> EngineStatistics {
        try locked { _ in
            var dead = 0
            state.sad.forEach(newestFirst: false) { if $0.state == .dead { dead += 1 } }
            return EngineStatistics(securityAssociations: state.sad.count - dead, deadSecurityAssociations: dead,
                                    policies: state.spd.count, journalBytes: journal?.end ?? 0,
                                    snapshotBytes: snapshotSize)
        }
    }

    /// Releases the files; the engine must not be used afterwards.
    public func close() {
        journal = nil
    }

    // MARK: - The locked section

    /// Runs `body` under the state lock after catching up and applying the clock; records
    /// it adds to the batch (already committed) are made durable before the lock goes.
    func locked<T>(_ body: (inout JournalBatch) throws(EngineError) -> T) throws(EngineError) -> T {
        try lock.acquire()
        defer { lock.release() }
        try synchronize()
        let now = configuration.clock.now()
        var batch = JournalBatch(time: now.totalMicroseconds, pid: pid)
        let expiries = state.expiries(at: now.seconds)
        if !expiries.isEmpty {
            for r in expiries {
                commit(r)
                batch.add(r)
            }
            state.recomputeNextCheck()
        }
        let result: T
        do {
            result = try body(&batch)
        } catch {
            try persist(&batch, at: now)
            throw error
        }
        try persist(&batch, at: now)
        return result
    }

    /// Commits one record, collecting its event when following.
    func commit(_ record: JournalRecord, time: UInt64? = nil, pid origin: UInt32? = nil) {
        guard collectedEvents != nil else {
            state.commit(record)
            return
        }
        guard let effect = state.commit(record, effect: true) else { return }
        let micros = time ?? configuration.clock.now().totalMicroseconds
        collectedEvents?.append(event(for: effect, time: micros, pid: origin ?? pid))
    }

    /// Writes the batch with one write and one fsync, then compacts when the journal is big.
    private func persist(_ batch: inout JournalBatch, at now: EngineInstant) throws(EngineError) {
        guard batch.count > 0, let journal else { return }
        var bytes = batch.take()
        defer { bytes.zeroize() }
        do {
            try journal.append(bytes)
        } catch {
            stale = true
            throw error
        }
        compactIfNeeded(at: now)
    }

    private func event(for effect: EngineState.Effect, time: UInt64, pid: UInt32) -> EngineEvent {
        let at = EngineInstant(totalMicroseconds: time)
        var ev = EngineEvent(kind: .saFlushed, seconds: Int64(at.seconds), microseconds: Int32(at.microseconds),
                             originPID: pid)
        switch effect {
        case .saAdded(let e): (ev.kind, ev.sa) = (.saAdded, reporter.report(e))
        case .saUpdated(let e): (ev.kind, ev.sa) = (.saUpdated, reporter.report(e))
        case .saDeleted(let e): (ev.kind, ev.sa) = (.saDeleted, reporter.report(e))
        case .saExpired(let e, let hard): (ev.kind, ev.sa) = (.saExpired(hard: hard), reporter.report(e))
        case .saFlushed(let type): (ev.kind, ev.saType) = (.saFlushed, type)
        case .policyAdded(let p): (ev.kind, ev.policy) = (.policyAdded, reporter.report(p))
        case .policyUpdated(let p): (ev.kind, ev.policy) = (.policyUpdated, reporter.report(p))
        case .policyDeleted(let p): (ev.kind, ev.policy) = (.policyDeleted, reporter.report(p))
        case .policiesFlushed: ev.kind = .policyFlushed
        }
        if let sa = ev.sa { ev.saType = sa.type }
        return ev
    }
}

/// Sizes of an engine's tables and files.
public struct EngineStatistics: Sendable, Hashable {
    public var securityAssociations: Int
    public var deadSecurityAssociations: Int
    public var policies: Int
    public var journalBytes: Int
    public var snapshotBytes: Int
}
