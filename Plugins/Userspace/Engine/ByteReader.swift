/// A bounds-checked reader over bytes from a state file. Every read checks what is left and
/// throws a `DecodeFailure` carrying the offset instead of trapping.
struct ByteReader {
    private let base: UnsafeRawBufferPointer
    /// The position of the next byte, relative to the start of `base`.
    private(set) var position: Int
    private let end: Int

    /// A reader over `base[range]`.
    init(_ base: UnsafeRawBufferPointer, range: Range<Int>) {
        self.base = base
        position = range.lowerBound
        end = range.upperBound
    }

    var remaining: Int { end - position }
    var isAtEnd: Bool { position >= end }

    private func need(_ n: Int, _ what: StaticString) throws(DecodeFailure) {
        guard n >= 0, end - position >= n else {
            throw DecodeFailure(offset: position, reason: "truncated \(what)")
        }
    }

    mutating func u8(_ what: StaticString = "byte") throws(DecodeFailure) -> UInt8 {
        try need(1, what)
        defer { position += 1 }
        return base[position]
    }

    mutating func bool(_ what: StaticString = "flag") throws(DecodeFailure) -> Bool {
        let start = position
        switch try u8(what) {
        case 0: return false
        case 1: return true
        case let v: throw DecodeFailure(offset: start, reason: "\(what) is \(v), expected 0 or 1")
        }
    }

    mutating func varint(_ what: StaticString = "number") throws(DecodeFailure) -> UInt64 {
        let start = position
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try u8(what)
            if shift == 63 && b > 1 { throw DecodeFailure(offset: start, reason: "\(what) overflows 64 bits") }
            result |= UInt64(b & 0x7f) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw DecodeFailure(offset: start, reason: "\(what) overflows 64 bits") }
        }
    }

    mutating func varint32(_ what: StaticString = "number") throws(DecodeFailure) -> UInt32 {
        let start = position
        let v = try varint(what)
        guard let narrow = UInt32(exactly: v) else {
            throw DecodeFailure(offset: start, reason: "\(what) \(v) does not fit 32 bits")
        }
        return narrow
    }

    mutating func varint16(_ what: StaticString = "number") throws(DecodeFailure) -> UInt16 {
        let start = position
        let v = try varint(what)
        guard let narrow = UInt16(exactly: v) else {
            throw DecodeFailure(offset: start, reason: "\(what) \(v) does not fit 16 bits")
        }
        return narrow
    }

    mutating func u32LE(_ what: StaticString = "word") throws(DecodeFailure) -> UInt32 {
        try need(4, what)
        defer { position += 4 }
        return UInt32(base[position]) | UInt32(base[position + 1]) << 8 | UInt32(base[position + 2]) << 16
            | UInt32(base[position + 3]) << 24
    }

    mutating func u64LE(_ what: StaticString = "word") throws(DecodeFailure) -> UInt64 {
        let lo = try u32LE(what)
        let hi = try u32LE(what)
        return UInt64(lo) | UInt64(hi) << 32
    }

    /// `count` raw bytes as a buffer slice (valid as long as the underlying storage is).
    mutating func raw(_ count: Int, _ what: StaticString = "bytes") throws(DecodeFailure) -> UnsafeRawBufferPointer {
        try need(count, what)
        defer { position += count }
        return UnsafeRawBufferPointer(rebasing: base[position..<position + count])
    }

    mutating func lengthPrefixed(_ what: StaticString = "bytes", limit: Int = 1 << 16) throws(DecodeFailure) -> UnsafeRawBufferPointer {
        let start = position
        let n = try varint(what)
        guard n <= UInt64(limit) else { throw DecodeFailure(offset: start, reason: "\(what) length \(n) exceeds \(limit)") }
        return try raw(Int(n), what)
    }

    mutating func string(_ what: StaticString = "text") throws(DecodeFailure) -> String {
        let start = position
        let raw = try lengthPrefixed(what)
        guard let s = String(validating: raw.bindMemory(to: UInt8.self), as: UTF8.self) else {
            throw DecodeFailure(offset: start, reason: "\(what) is not UTF-8")
        }
        return s
    }
}

/// A decoding problem: where (byte offset within the file) and what.
struct DecodeFailure: Error {
    var offset: Int
    var reason: String
}
