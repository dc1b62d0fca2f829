import SetkeyCore

/// The tables of one engine and the one function that changes them: `commit`, which applies
/// a journal record. New requests are turned into records first (`EngineState+Changes`),
/// then committed, so replaying the journal in another process rebuilds the same state.
struct EngineState {
    var sad = SADatabase()
    var spd = SPDatabase()
    var counters = EngineCounters()
    /// Serials of SAs the clock can move (time limits) or purge (dead).
    var timed: Set<UInt64> = []
    /// No timed SA changes state before this time (epoch seconds).
    var nextCheck: UInt64 = .max
    /// How long dead SAs stay before they are purged, in seconds.
    let deadEntryGrace: UInt64

    init(deadEntryGrace: UInt64) {
        self.deadEntryGrace = deadEntryGrace
    }

    /// What a committed record did, for monitor events.
    enum Effect {
        case saAdded(StoredSA)
        case saUpdated(StoredSA)
        case saDeleted(StoredSA)
        case saFlushed(SAType)
        case saExpired(StoredSA, hard: Bool)
        case policyAdded(StoredPolicy)
        case policyUpdated(StoredPolicy)
        case policyDeleted(StoredPolicy)
        case policiesFlushed
    }

    /// Applies one record; with `effect`, also says what it did (for monitor events).
    /// Records referring to entries that no longer exist are ignored (they cannot occur in a
    /// journal written by the engine, but replay never traps).
    @discardableResult
    mutating func commit(_ record: JournalRecord, effect: Bool = false) -> Effect? {
        switch record {
        case .policyAdded, .policyReplaced, .policyDeleted, .policiesFlushed:
            return commitPolicy(record, effect: effect)
        case .counters(let c):
            counters.nextSerial = max(counters.nextSerial, c.nextSerial)
            counters.policyIndexGenerator = max(counters.policyIndexGenerator, c.policyIndexGenerator)
            counters.nextPolicyID = max(counters.nextPolicyID, c.nextPolicyID)
            counters.nextRequestID = max(counters.nextRequestID, c.nextRequestID)
            return nil
        default:
            return commitSA(record, effect: effect)
        }
    }

    private mutating func commitSA(_ record: JournalRecord, effect: Bool) -> Effect? {
        switch record {
        case .saAdded(let e):
            sad.insert(e)
            counters.noteUsed(e)
            track(e)
            return effect ? .saAdded(e) : nil
        case .saUpdated(let e):
            guard sad.entry(e.serial) != nil else { return nil }
            sad.replace(e)
            track(e)
            return effect ? .saUpdated(e) : nil
        case .saDeleted(let serial), .saPurged(let serial):
            if !timed.isEmpty { timed.remove(serial) }
            let removed = sad.remove(serial)
            guard case .saDeleted = record, effect else { return nil }
            return removed.map { .saDeleted($0) }
        case .saFlushed(let type):
            let removed = sad.removeAll { type == .unspecified || $0.sa.type == type }
            for e in removed { timed.remove(e.serial) }
            return .saFlushed(type)
        case .saExpired(let serial, let hard, let at):
            guard var e = sad.entry(serial) else { return nil }
            e.state = hard ? .dead : .dying
            e.stateSince = at
            sad.replace(e)
            track(e)
            return effect ? .saExpired(e, hard: hard) : nil
        case .saCounted(let serial, let bytes, let packets, let firstUse):
            guard var e = sad.entry(serial) else { return nil }
            (e.bytes, e.packets, e.firstUse) = (bytes, packets, firstUse)
            sad.replace(e)
            track(e)
            return nil
        default:
            return nil
        }
    }

    private mutating func commitPolicy(_ record: JournalRecord, effect: Bool) -> Effect? {
        switch record {
        case .policyAdded(let p):
            spd.insert(p)
            counters.noteUsed(p)
            return effect ? .policyAdded(p) : nil
        case .policyReplaced(let old, let p):
            spd.remove(serial: old)
            spd.insert(p)
            counters.noteUsed(p)
            return effect ? .policyUpdated(p) : nil
        case .policyDeleted(let serial):
            let removed = spd.remove(serial: serial)
            return effect ? removed.map { .policyDeleted($0) } : nil
        case .policiesFlushed:
            spd.removeAll()
            return .policiesFlushed
        default:
            return nil
        }
    }

    /// Puts an SA the clock can affect on the watch list, or takes it off.
    private mutating func track(_ e: StoredSA) {
        if let d = deadline(of: e) {
            timed.insert(e.serial)
            nextCheck = min(nextCheck, d)
        } else if !timed.isEmpty {
            timed.remove(e.serial)
        }
    }

    /// The records that rebuild this state from nothing (for a snapshot).
    func snapshotRecords(_ body: (JournalRecord) -> Void) {
        body(.counters(counters))
        sad.forEach(newestFirst: false) { body(.saAdded($0)) }
        spd.forEach(newestFirst: false) { body(.policyAdded($0)) }
    }
}
