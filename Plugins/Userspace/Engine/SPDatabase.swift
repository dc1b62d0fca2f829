import SetkeyCore

/// The SPD: every policy in serial (link) order, an index by selector + direction (+ context),
/// and, built on demand, each direction's policies in lookup order.
/// Counterpart: Linux `policy_all`, `policy_bydst` and the inexact lists; BSD `sptree[dir]`.
struct SPDatabase {
    private var byIdentity: [PolicyIdentity: StoredPolicy] = [:]
    /// Serials in link order; entries whose serial left `byIdentity` are skipped.
    private var order: [(serial: UInt64, identity: PolicyIdentity)] = []
    private var lookupCache: [PolicyDirection: [StoredPolicy]] = [:]

    var count: Int { byIdentity.count }

    mutating func reserveCapacity(_ n: Int) {
        byIdentity.reserveCapacity(n)
        order.reserveCapacity(n)
    }

    func entry(_ identity: PolicyIdentity) -> StoredPolicy? { byIdentity[identity] }

    /// The entry with `serial` (linear; used for journal records of deletes).
    func entry(serial: UInt64) -> StoredPolicy? {
        guard let i = orderIndex(of: serial) else { return nil }
        return byIdentity[order[i].identity].flatMap { $0.serial == serial ? $0 : nil }
    }

    private func orderIndex(of serial: UInt64) -> Int? {
        var low = 0
        var high = order.count
        while low < high {
            let mid = (low + high) / 2
            if order[mid].serial < serial { low = mid + 1 } else { high = mid }
        }
        return low < order.count && order[low].serial == serial ? low : nil
    }

    /// Adds `p`, replacing an entry with the same identity.
    mutating func insert(_ p: StoredPolicy) {
        precondition(order.last.map { $0.serial < p.serial } ?? true, "serials must increase")
        byIdentity[p.identity] = p
        order.append((p.serial, p.identity))
        lookupCache = [:]
        squeezeIfSparse()
    }

    /// Removes the entry with `serial`.
    @discardableResult
    mutating func remove(serial: UInt64) -> StoredPolicy? {
        guard let p = entry(serial: serial) else { return nil }
        byIdentity[p.identity] = nil
        lookupCache = [:]
        squeezeIfSparse()
        return p
    }

    mutating func removeAll() {
        byIdentity.removeAll()
        order.removeAll()
        lookupCache = [:]
    }

    private mutating func squeezeIfSparse() {
        guard order.count > 64, order.count > 2 * byIdentity.count else { return }
        order.removeAll { byIdentity[$0.identity]?.serial != $0.serial }
    }

    /// Calls `body` with every policy in link order, newest first or oldest first.
    func forEach(newestFirst: Bool, _ body: (StoredPolicy) throws -> Void) rethrows {
        if newestFirst {
            for (serial, identity) in order.reversed() {
                if let p = byIdentity[identity], p.serial == serial { try body(p) }
            }
        } else {
            for (serial, identity) in order {
                if let p = byIdentity[identity], p.serial == serial { try body(p) }
            }
        }
    }

    /// The policies of one direction in the order a lookup tries them (see `PolicyLookup`).
    mutating func lookupOrder(_ direction: PolicyDirection, rank: (StoredPolicy) -> (UInt32, UInt8, UInt64)) -> [StoredPolicy] {
        if let cached = lookupCache[direction] { return cached }
        var list = [StoredPolicy]()
        forEach(newestFirst: false) { p in
            if p.policy.direction == direction { list.append(p) }
        }
        list.sort { a, b in
            let ra = rank(a), rb = rank(b)
            return (ra.0, ra.1, ra.2) < (rb.0, rb.1, rb.2)
        }
        lookupCache[direction] = list
        return list
    }
}
