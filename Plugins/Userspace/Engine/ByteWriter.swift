/// Appends the engine's compact binary encoding to a byte buffer: LEB128 varints for
/// numbers, little-endian fixed-width words where the width matters, length-prefixed bytes.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    var count: Int { bytes.count }

    mutating func u8(_ v: UInt8) { bytes.append(v) }

    mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }

    /// An unsigned LEB128 varint (1 byte below 128, at most 10).
    mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func varint(_ value: UInt32) { varint(UInt64(value)) }
    mutating func varint(_ value: UInt16) { varint(UInt64(value)) }

    /// Four bytes, little-endian.
    mutating func u32LE(_ v: UInt32) {
        bytes.append(UInt8(truncatingIfNeeded: v))
        bytes.append(UInt8(truncatingIfNeeded: v >> 8))
        bytes.append(UInt8(truncatingIfNeeded: v >> 16))
        bytes.append(UInt8(truncatingIfNeeded: v >> 24))
    }

    /// Eight bytes, little-endian.
    mutating func u64LE(_ v: UInt64) {
        u32LE(UInt32(truncatingIfNeeded: v))
        u32LE(UInt32(truncatingIfNeeded: v >> 32))
    }

    /// A varint length, then the bytes.
    mutating func lengthPrefixed(_ raw: UnsafeRawBufferPointer) {
        varint(UInt64(raw.count))
        bytes.append(contentsOf: raw)
    }

    mutating func lengthPrefixed(_ array: [UInt8]) {
        array.withUnsafeBytes { lengthPrefixed($0) }
    }

    mutating func string(_ s: String) {
        var copy = s
        copy.withUTF8 { lengthPrefixed(UnsafeRawBufferPointer($0)) }
    }

    mutating func raw(_ array: [UInt8]) { bytes.append(contentsOf: array) }

    /// Overwrites four bytes at `offset` (little-endian), for length fields written last.
    mutating func patchU32LE(_ v: UInt32, at offset: Int) {
        bytes[offset] = UInt8(truncatingIfNeeded: v)
        bytes[offset + 1] = UInt8(truncatingIfNeeded: v >> 8)
        bytes[offset + 2] = UInt8(truncatingIfNeeded: v >> 16)
        bytes[offset + 3] = UInt8(truncatingIfNeeded: v >> 24)
    }

    /// Gives the buffer away, leaving the writer empty.
    mutating func take() -> [UInt8] {
        defer { bytes = [] }
        return bytes
    }
}
