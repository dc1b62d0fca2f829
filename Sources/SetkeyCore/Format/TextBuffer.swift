/// An append-only UTF-8 byte buffer for building output text fast: decimal and hex numbers,
/// padded fields and fixed strings are appended without Foundation formatting or temporary
/// `String`s. Renderers build one record in a buffer and hand the text to a `TextSink`.
///
/// Counterpart: the `printf` calls of setkey's `pfkey_sadump`/`pfkey_spdump`.
public struct TextBuffer: Sendable {
    /// The bytes appended so far.
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 512) {
        bytes.reserveCapacity(capacity)
    }

    /// Whether nothing has been appended.
    public var isEmpty: Bool { bytes.isEmpty }

    /// The text appended so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Forgets the content, keeping the capacity.
    public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// Appends a literal.
    public mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends a string's UTF-8 bytes.
    public mutating func append(_ string: String) {
        bytes.append(contentsOf: string.utf8)
    }

    /// Appends raw bytes.
    public mutating func append<C: Collection>(contentsOf other: C) where C.Element == UInt8 {
        bytes.append(contentsOf: other)
    }

    /// Appends one byte (an ASCII character).
    public mutating func append(byte: UInt8) { bytes.append(byte) }

    /// Appends `count` copies of `byte`.
    public mutating func append(repeating byte: UInt8, count: Int) {
        guard count > 0 else { return }
        bytes.append(contentsOf: repeatElement(byte, count: count))
    }

    /// Appends `value` in decimal (`%lu`).
    public mutating func appendDecimal(_ value: UInt64) {
        if value < 10 {
            bytes.append(UInt8(truncatingIfNeeded: value) &+ 48)
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var v = value
            var i = 20
            repeat {
                i -= 1
                digits[i] = UInt8(truncatingIfNeeded: v % 10) &+ 48
                v /= 10
            } while v != 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[i...]))
        }
    }

    /// Appends `value` in decimal (`%u`).
    public mutating func appendDecimal(_ value: UInt32) { appendDecimal(UInt64(value)) }

    /// Appends `value` in decimal (`%u`).
    public mutating func appendDecimal(_ value: UInt16) { appendDecimal(UInt64(value)) }

    /// Appends `value` in decimal (`%u`).
    public mutating func appendDecimal(_ value: UInt8) { appendDecimal(UInt64(value)) }

    /// Appends a signed value in decimal (`%ld`).
    public mutating func appendDecimal(_ value: Int64) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            appendDecimal(value.magnitude)
        } else {
            appendDecimal(UInt64(value))
        }
    }

    /// Appends `value` in decimal, at least `width` characters: right-aligned with blanks
    /// (`%3lu`) or, with `leftAligned`, followed by blanks (`%-3lu`).
    public mutating func appendDecimal(_ value: UInt64, width: Int, leftAligned: Bool = false) {
        let digits = Self.decimalDigitCount(value)
        if !leftAligned { append(repeating: 0x20, count: width - digits) }
        appendDecimal(value)
        if leftAligned { append(repeating: 0x20, count: width - digits) }
    }

    /// Appends `value` in decimal, zero padded to `width` digits (`%02lu`).
    public mutating func appendDecimal(_ value: UInt64, zeroPaddedTo width: Int) {
        append(repeating: UInt8(ascii: "0"), count: width - Self.decimalDigitCount(value))
        appendDecimal(value)
    }

    /// Appends `value` in lower-case hex, zero padded to `width` digits (`%08x`, `%02x`).
    public mutating func appendHex(_ value: UInt64, width: Int) {
        var digits = 1
        while digits < 16, value >> (4 * UInt64(digits)) != 0 { digits += 1 }
        let count = max(digits, width)
        let end = bytes.count + count
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
        bytes.withUnsafeMutableBufferPointer { p in
            var v = value
            var i = end
            while v != 0 {
                i -= 1
                p[i] = Self.hexDigit(UInt8(truncatingIfNeeded: v & 0xf))
                v >>= 4
            }
        }
    }

    /// Appends one byte as two lower-case hex digits (`%02x`).
    public mutating func appendHexByte(_ byte: UInt8) {
        bytes.append(Self.hexDigit(byte >> 4))
        bytes.append(Self.hexDigit(byte & 0xf))
    }

    @inline(__always) static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? nibble &+ 48 : nibble &+ 87
    }

    /// Appends an address as `inet_ntop` prints it (dotted quad written directly; IPv6
    /// through `IPAddress.description`).
    public mutating func appendAddress(_ address: IPAddress) {
        guard address.family == .inet else {
            append(address.description)
            return
        }
        let v = address.ipv4Value
        appendDecimal(UInt64(v >> 24))
        bytes.append(UInt8(ascii: "."))
        appendDecimal(UInt64(v >> 16 & 0xff))
        bytes.append(UInt8(ascii: "."))
        appendDecimal(UInt64(v >> 8 & 0xff))
        bytes.append(UInt8(ascii: "."))
        appendDecimal(UInt64(v & 0xff))
    }

    /// Appends `text` left-aligned in a field of `width` characters (`%-3s`).
    public mutating func append(_ text: String, leftAlignedIn width: Int) {
        let before = bytes.count
        bytes.append(contentsOf: text.utf8)
        append(repeating: 0x20, count: width - (bytes.count - before))
    }

    /// The number of decimal digits of `value` (1 for 0).
    public static func decimalDigitCount(_ value: UInt64) -> Int {
        var n = 1
        var power: UInt64 = 10
        while n < 20 && value >= power {
            n += 1
            if n < 20 { power &*= 10 }
        }
        return n
    }
}
