import SetkeyCore

// The SA life cycle: mature → dying at the soft limit (an expire event), dying → dead at
// the hard limit (an expire event), dead → gone after the grace period. Time limits are
// checked whenever the engine is used; byte and packet limits when traffic is counted.
// Counterpart: `xfrm_timer_handler` and `xfrm_state_check_expire` (Linux), `key_timehandler`
// and `key_sa_recordxfer` (BSD).

extension EngineState {
    /// The time limits of `e` as absolute epoch seconds: (soft, hard); nil for none.
    /// Use-time limits count from the first use and do not run before it.
    private func thresholds(_ e: StoredSA) -> (soft: UInt64?, hard: UInt64?) {
        func earliest(_ l: Lifetime) -> UInt64? {
            var t: UInt64?
            if l.addTime != 0 { t = e.created.saturatingAdd(l.addTime) }
            if l.useTime != 0, e.firstUse != 0 { t = min(t ?? .max, e.firstUse.saturatingAdd(l.useTime)) }
            return t
        }
        return (earliest(e.sa.softLifetime), earliest(e.sa.hardLifetime))
    }

    /// The next time the clock changes `e`, nil when it never will.
    func deadline(of e: StoredSA) -> UInt64? {
        let (soft, hard) = thresholds(e)
        switch e.state {
        case .dead: return e.stateSince.saturatingAdd(deadEntryGrace)
        case .dying: return hard
        case .larval, .mature:
            switch (soft, hard) {
            case (let s?, let h?): return min(s, h)
            case (let s?, nil): return s
            case (nil, let h?): return h
            case (nil, nil): return nil
            }
        }
    }

    /// The records that bring every SA up to `now`: soft and hard expiries (a late check
    /// still reports both, in order, each at the time it was due) and purges.
    func expiries(at now: UInt64) -> [JournalRecord] {
        guard now >= nextCheck else { return [] }
        var records = [JournalRecord]()
        for serial in timed.sorted() {
            guard let e = sad.entry(serial) else { continue }
            let (soft, hard) = thresholds(e)
            var state = e.state
            var since = e.stateSince
            if state == .mature || state == .larval, let s = soft, s <= now, hard.map({ s <= $0 }) ?? true {
                records.append(.saExpired(serial: serial, hard: false, at: s))
                state = .dying
            }
            if state != .dead, let h = hard, h <= now {
                records.append(.saExpired(serial: serial, hard: true, at: h))
                state = .dead
                since = h
            }
            if state == .dead, since.saturatingAdd(deadEntryGrace) <= now {
                records.append(.saPurged(serial: serial))
            }
        }
        return records
    }

    /// The records for traffic on the live SA with `key`: new counter totals, then the soft
    /// and hard byte/packet expiries that the traffic reached.
    func traffic(on key: SAKeyTriple, bytes: UInt64, packets: UInt64, now: UInt64) -> [JournalRecord]? {
        guard let e = sad.live(key) else { return nil }
        let total = (bytes: e.bytes &+ bytes, packets: e.packets &+ packets)
        var records: [JournalRecord] = [
            .saCounted(serial: e.serial, bytes: total.bytes, packets: total.packets,
                       firstUse: e.firstUse == 0 ? now : e.firstUse),
        ]
        func reached(_ l: Lifetime) -> Bool {
            (l.bytes != 0 && total.bytes >= l.bytes) || (l.allocations != 0 && total.packets >= l.allocations)
        }
        if e.state == .mature, reached(e.sa.softLifetime) {
            records.append(.saExpired(serial: e.serial, hard: false, at: now))
        }
        if reached(e.sa.hardLifetime) {
            records.append(.saExpired(serial: e.serial, hard: true, at: now))
        }
        return records
    }

    /// Recomputes the next check after an expiry pass.
    mutating func recomputeNextCheck() {
        var next = UInt64.max
        for serial in timed {
            if let e = sad.entry(serial), let d = deadline(of: e) { next = min(next, d) }
        }
        nextCheck = next
    }
}

extension UInt64 {
    /// `self + other`, or `.max` when that does not fit: a limit past the end of time is
    /// never reached (a wrapping sum would expire the SA at once).
    func saturatingAdd(_ other: UInt64) -> UInt64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }
}
