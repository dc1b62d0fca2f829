import SetkeyCore

/// The SAD: every stored SA in serial (creation) order, plus an index of the live ones by
/// the kernel's key (destination, protocol, SPI). Dead SAs stay in the table, out of the
/// index, until purged: a new SA may reuse their key meanwhile.
///
/// Slots are kept in ascending serial order, so an entry is found by binary search and the
/// order needs no extra index; removed entries leave holes that are squeezed out once they
/// outnumber the entries.
/// Counterpart: Linux `net->xfrm.state_byspi` + `state_all`; BSD `sahtree`/`savtree`.
struct SADatabase {
    private var slots: [StoredSA?] = []
    /// Serials of removed entries, by slot (valid only where `slots` is nil).
    private var holeSerials: [UInt64] = []
    private var live = SlotIndex()
    private var holes = 0

    /// The number of stored SAs, dead ones included.
    private(set) var count = 0

    var liveCount: Int { live.count }

    mutating func reserveCapacity(_ n: Int) {
        slots.reserveCapacity(n)
        holeSerials.reserveCapacity(n)
        live.reserveCapacity(n)
    }

    /// The slot of `serial`, by binary search.
    private func slot(of serial: UInt64) -> Int? {
        var low = 0
        var high = slots.count
        while low < high {
            let mid = (low + high) / 2
            if (slots[mid]?.serial ?? holeSerials[mid]) < serial { low = mid + 1 } else { high = mid }
        }
        guard low < slots.count, slots[low]?.serial == serial else { return nil }
        return low
    }

    func entry(_ serial: UInt64) -> StoredSA? {
        slot(of: serial).flatMap { slots[$0] }
    }

    /// The live (not dead) SA with this key.
    func live(_ key: SAKeyTriple) -> StoredSA? {
        live.find(KeyHash.of(key)) { slots[$0]?.has(key) ?? false }.flatMap { slots[$0] }
    }

    /// Adds an entry whose serial is larger than every stored one.
    mutating func insert(_ e: StoredSA) {
        precondition(slots.isEmpty || (slots.last!?.serial ?? holeSerials.last!) < e.serial, "serials must increase")
        slots.append(e)
        holeSerials.append(0)
        count += 1
        if e.state != .dead { live.insert(KeyHash.of(e.key), slot: slots.count - 1) }
    }

    /// Replaces the entry with the same serial; the key must not change.
    mutating func replace(_ e: StoredSA) {
        guard let i = slot(of: e.serial), let old = slots[i] else { return }
        precondition(old.key == e.key, "an SA's key never changes")
        slots[i] = e
        if e.state == .dead && old.state != .dead { live.remove(KeyHash.of(e.key), slot: i) }
    }

    /// Removes and returns the entry with `serial`.
    @discardableResult
    mutating func remove(_ serial: UInt64) -> StoredSA? {
        guard let i = slot(of: serial), let old = slots[i] else { return nil }
        clear(i, old)
        squeezeIfSparse()
        return old
    }

    /// Removes every entry `matching`, returning them in serial order.
    mutating func removeAll(where matching: (StoredSA) -> Bool) -> [StoredSA] {
        var removed = [StoredSA]()
        for i in slots.indices {
            guard let e = slots[i], matching(e) else { continue }
            removed.append(e)
            clear(i, e)
        }
        squeezeIfSparse()
        return removed
    }

    private mutating func clear(_ i: Int, _ e: StoredSA) {
        slots[i] = nil
        holeSerials[i] = e.serial
        count -= 1
        holes += 1
        if e.state != .dead { live.remove(KeyHash.of(e.key), slot: i) }
    }

    private mutating func squeezeIfSparse() {
        guard holes > 64, holes > count else { return }
        slots.removeAll { $0 == nil }
        holeSerials = [UInt64](repeating: 0, count: slots.count)
        holes = 0
        let current = slots
        live.rebuild(capacity: count) { add in
            for (i, e) in current.enumerated() where e?.state != .dead {
                if let e { add(KeyHash.of(e.key), i) }
            }
        }
    }

    /// Calls `body` with every entry, newest first (`newestFirst`) or oldest first.
    func forEach(newestFirst: Bool, _ body: (StoredSA) throws -> Void) rethrows {
        if newestFirst {
            for case let e? in slots.reversed() { try body(e) }
        } else {
            for case let e? in slots { try body(e) }
        }
    }
}
