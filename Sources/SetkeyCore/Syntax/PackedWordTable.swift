/// Up to 16 bytes packed into two integers (big-endian, zero padded), so that a word is
/// compared with a table in a few integer operations and no allocation.
struct PackedWord: Hashable, Sendable {
    var first: UInt64
    var second: UInt64

    /// The word `buffer[start..<end]`; nil when empty or longer than 16 bytes.
    @inline(__always)
    init?(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
        let n = end - start
        guard n > 0, n <= 16, start >= 0, end <= buffer.count, let base = buffer.baseAddress else { return nil }
        if start + 16 <= buffer.count {
            // two loads, then clear the bytes after the word
            let raw = UnsafeRawPointer(base + start)
            let a = UInt64(bigEndian: raw.loadUnaligned(as: UInt64.self))
            let b = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            first = n >= 8 ? a : a & ~(UInt64.max >> (8 * n))
            second = n <= 8 ? 0 : b & ~(UInt64.max >> (8 * (n - 8)))
        } else {
            var a: UInt64 = 0
            var b: UInt64 = 0
            for i in 0..<n {
                if i < 8 { a |= UInt64(base[start + i]) << (8 * (7 - i)) } else { b |= UInt64(base[start + i]) << (8 * (15 - i)) }
            }
            first = a
            second = b
        }
    }

    /// A slot in a 256-entry hash table.
    @inline(__always) var slot: Int {
        Int(truncatingIfNeeded: ((first ^ (second &* 0x2545_F491_4F6C_DD1D)) &* 0x9E37_79B9_7F4A_7C15) >> 56)
    }
}

/// A set of words (at most 255, each up to 16 bytes) with a value each, found by hashing the
/// packed word; a filter on the first byte and the length turns most other words away first.
struct PackedWordTable<Value: Sendable>: Sendable {
    private var words: [PackedWord] = []
    private var values: [Value] = []
    /// Open addressing over 256 slots: the index into `words` plus one, 0 for empty.
    private var slots = [UInt8](repeating: 0, count: 256)
    /// For each first byte below 128, a bit per length (1...16) some word has.
    private var lengths = [UInt32](repeating: 0, count: 128)

    init(_ pairs: [(String, Value)]) {
        for (spelling, value) in pairs {
            let bytes = Array(spelling.utf8)
            guard bytes.count <= 16, words.count < 255, let first = bytes.first, first < 128,
                  let packed = bytes.withUnsafeBufferPointer({ PackedWord($0, 0, $0.count) }) else { continue }
            var slot = packed.slot
            while slots[slot] != 0 {
                if words[Int(slots[slot]) - 1] == packed { break }
                slot = (slot + 1) & 255
            }
            guard slots[slot] == 0 else { continue }  // first spelling wins
            words.append(packed)
            values.append(value)
            slots[slot] = UInt8(words.count)
            lengths[Int(first)] |= 1 << UInt32(bytes.count)
        }
    }

    /// The value stored for exactly `buffer[start..<end]`.
    @inline(__always)
    func value(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Value? {
        let n = end - start
        guard n > 0, n <= 16, start < buffer.count else { return nil }
        let first = buffer[start]
        guard first < 128, lengths[Int(first)] & (1 << UInt32(n)) != 0,
              let key = PackedWord(buffer, start, end) else { return nil }
        var slot = key.slot
        while true {
            let index = Int(slots[slot])
            if index == 0 { return nil }
            if words[index - 1] == key { return values[index - 1] }
            slot = (slot + 1) & 255
        }
    }
}
