import SetkeyCore

/// An open-addressing hash index from a key's 64-bit hash to a slot number, for the SAD and
/// SPD tables. Equality is checked by the caller against the slot, so the index stores only
/// 8 bytes per bucket (32 bits of hash, 32 bits of slot) and never runs `Hasher`: keys are
/// hashed once with `KeyHash`, a seeded multiply–xorshift mix (seeded per process, so
/// crafted keys cannot be aimed at one chain).
/// Counterpart: the kernel's `xfrm_state_byspi` / `policy_bydst` hash tables.
struct SlotIndex {
    private static let empty: UInt64 = 0
    private static let deleted: UInt64 = 1
    private var buckets = [UInt64](repeating: SlotIndex.empty, count: 16)
    private var used = 0
    private(set) var count = 0

    private var mask: Int { buckets.count - 1 }

    /// A bucket value for (`hash`, `slot`); slots are stored +2 so 0 and 1 stay free.
    private static func pack(_ hash: UInt64, _ slot: Int) -> UInt64 { (hash >> 32) << 32 | UInt64(slot + 2) }
    private static func slot(_ b: UInt64) -> Int { Int(b & 0xffff_ffff) - 2 }

    /// The slot whose key has `hash` and satisfies `matches`.
    func find(_ hash: UInt64, _ matches: (Int) -> Bool) -> Int? {
        var i = Int(truncatingIfNeeded: hash) & mask
        let tag = hash >> 32
        while true {
            let b = buckets[i]
            if b == Self.empty { return nil }
            if b != Self.deleted, b >> 32 == tag, matches(Self.slot(b)) { return Self.slot(b) }
            i = (i + 1) & mask
        }
    }

    /// Records that the key with `hash` lives in `slot` (the caller ensures it is absent).
    mutating func insert(_ hash: UInt64, slot: Int) {
        precondition(slot < Int(UInt32.max) - 2, "too many slots")
        if (used + 1) * 4 > buckets.count * 3 { grow(minimum: count + 1) }
        var i = Int(truncatingIfNeeded: hash) & mask
        while buckets[i] != Self.empty && buckets[i] != Self.deleted { i = (i + 1) & mask }
        if buckets[i] == Self.empty { used += 1 }
        buckets[i] = Self.pack(hash, slot)
        count += 1
    }

    /// Forgets the key with `hash` in `slot`.
    mutating func remove(_ hash: UInt64, slot: Int) {
        let target = Self.pack(hash, slot)
        var i = Int(truncatingIfNeeded: hash) & mask
        while buckets[i] != Self.empty {
            if buckets[i] == target {
                buckets[i] = Self.deleted
                count -= 1
                return
            }
            i = (i + 1) & mask
        }
    }

    /// Makes room for `n` keys without regrowing.
    mutating func reserveCapacity(_ n: Int) {
        if n * 4 > buckets.count * 3 { grow(minimum: n) }
    }

    /// Rebuilds the index from scratch: `entries` gives (hash, slot) of every key.
    mutating func rebuild(capacity: Int, _ entries: ((UInt64, Int) -> Void) -> Void) {
        var size = 16
        while size * 3 < capacity * 4 + 4 { size *= 2 }
        buckets = [UInt64](repeating: Self.empty, count: size)
        used = 0
        count = 0
        entries { hash, slot in insert(hash, slot: slot) }
    }

    private mutating func grow(minimum: Int) {
        let old = buckets
        var size = buckets.count
        while size * 3 < max(minimum, count) * 8 { size *= 2 }
        buckets = [UInt64](repeating: Self.empty, count: size)
        used = 0
        count = 0
        for b in old where b != Self.empty && b != Self.deleted {
            // Only the high 32 bits of the hash are kept; the low bits chose the old bucket, so
            // the bucket is recomputed from the tag, which spreads as well.
            let hash = b & ~0xffff_ffff | (b >> 32)
            reinsert(hash, slot: Self.slot(b))
        }
    }

    private mutating func reinsert(_ hash: UInt64, slot: Int) {
        var i = Int(truncatingIfNeeded: hash) & mask
        while buckets[i] != Self.empty { i = (i + 1) & mask }
        used += 1
        buckets[i] = Self.pack(hash, slot)
        count += 1
    }
}

/// The hash `SlotIndex` uses: a per-process random seed mixed with the key's fields.
enum KeyHash {
    private static let seed: UInt64 = UInt64.random(in: .min ... .max) | 1

    @inline(__always)
    static func mix(_ h: UInt64, _ v: UInt64) -> UInt64 {
        var x = (h ^ v) &* 0x9E37_79B9_7F4A_7C15
        x ^= x >> 29
        x = x &* 0xBF58_476D_1CE4_E5B9
        return x ^ (x >> 32)
    }

    /// The lookup table places keys by the low bits and tags them with the high 32 bits;
    /// the same value must come out wherever the key is hashed.
    @inline(__always)
    static func finish(_ h: UInt64) -> UInt64 {
        // Bucket choice after growth uses the tag (see `SlotIndex.grow`), so derive the low
        // half from the high half.
        (h & ~0xffff_ffff) | (h >> 32)
    }

    static func of(_ a: IPAddress, _ h: UInt64) -> UInt64 {
        mix(mix(mix(h, UInt64(a.family.rawValue)), a.high), a.low)
    }

    static func of(_ k: SAKeyTriple) -> UInt64 {
        finish(mix(of(k.destination, seed), UInt64(k.type.rawValue) << 32 | UInt64(k.spi.rawValue)))
    }

    static func of(_ id: PolicyIdentity) -> UInt64 {
        let s = id.selector
        var h = of(s.source.address, seed)
        h = of(s.destination.address, h)
        h = mix(h, UInt64(s.source.length) | UInt64(s.destination.length) << 8 | UInt64(s.upperLayer.rawValue) << 16
                | UInt64(id.direction.rawValue) << 24 | UInt64(s.sourcePort) << 32 | UInt64(s.destinationPort) << 48)
        if let c = id.securityContext {
            h = mix(h, UInt64(c.doi) << 8 | UInt64(c.algorithm))
            for b in c.context.utf8 { h = mix(h, UInt64(b)) }
        }
        return finish(h)
    }
}
