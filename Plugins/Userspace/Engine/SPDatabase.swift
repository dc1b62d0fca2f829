import SetkeyCore

/// The SPD: every policy in serial (link) order, an index from selector + direction (+ context)
/// to the slot, and, built on demand, each direction's policies in lookup order.
///
/// Slots are kept in ascending serial order (binary search finds an entry); removed entries
/// leave holes that are squeezed out once they outnumber the entries.
/// Counterpart: Linux `policy_all`, `policy_bydst` and the inexact lists; BSD `sptree[dir]`.
struct SPDatabase {
    private var slots: [StoredPolicy?] = []
    private var holeSerials: [UInt64] = []
    private var index = SlotIndex()
    private var holes = 0
    private var lookupCache: [PolicyDirection: [StoredPolicy]] = [:]

    var count: Int { index.count }

    mutating func reserveCapacity(_ n: Int) {
        slots.reserveCapacity(n)
        holeSerials.reserveCapacity(n)
        index.reserveCapacity(n)
    }

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

    func entry(_ identity: PolicyIdentity) -> StoredPolicy? {
        index.find(KeyHash.of(identity)) { slots[$0]?.has(identity) ?? false }.flatMap { slots[$0] }
    }

    func entry(serial: UInt64) -> StoredPolicy? {
        slot(of: serial).flatMap { slots[$0] }
    }

    /// Adds `p`, whose serial is larger than every stored one and whose identity is free.
    mutating func insert(_ p: StoredPolicy) {
        precondition(slots.last.map { ($0?.serial ?? holeSerials.last!) < p.serial } ?? true, "serials must increase")
        slots.append(p)
        holeSerials.append(0)
        index.insert(KeyHash.of(p.identity), slot: slots.count - 1)
        if !lookupCache.isEmpty { lookupCache = [:] }
    }

    /// Removes the entry with `serial`.
    @discardableResult
    mutating func remove(serial: UInt64) -> StoredPolicy? {
        guard let i = slot(of: serial), let p = slots[i] else { return nil }
        slots[i] = nil
        holeSerials[i] = serial
        holes += 1
        index.remove(KeyHash.of(p.identity), slot: i)
        if !lookupCache.isEmpty { lookupCache = [:] }
        if holes > 64, holes > index.count {
            slots.removeAll { $0 == nil }
            holeSerials = [UInt64](repeating: 0, count: slots.count)
            holes = 0
            let current = slots
            index.rebuild(capacity: current.count) { add in
                for (i, p) in current.enumerated() { if let p { add(KeyHash.of(p.identity), i) } }
            }
        }
        return p
    }

    mutating func removeAll() {
        slots.removeAll()
        holeSerials.removeAll()
        index = SlotIndex()
        holes = 0
        lookupCache = [:]
    }

    /// Calls `body` with every policy in link order, newest first or oldest first.
    func forEach(newestFirst: Bool, _ body: (StoredPolicy) throws -> Void) rethrows {
        if newestFirst {
            for case let p? in slots.reversed() { try body(p) }
        } else {
            for case let p? in slots { try body(p) }
        }
    }

    /// The policies of one direction in the order a lookup tries them (see `PolicyLookup`).
    mutating func lookupOrder(_ direction: PolicyDirection, rank: (StoredPolicy) -> (UInt32, UInt8, UInt64)) -> [StoredPolicy] {
        if let cached = lookupCache[direction] { return cached }
        var list = [(rank: (UInt32, UInt8, UInt64), policy: StoredPolicy)]()
        forEach(newestFirst: false) { p in
            if p.policy.direction == direction { list.append((rank(p), p)) }
        }
        list.sort { $0.rank < $1.rank }
        let ordered = list.map(\.policy)
        lookupCache[direction] = ordered
        return ordered
    }
}
