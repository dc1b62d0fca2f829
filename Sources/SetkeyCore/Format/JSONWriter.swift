/// A small streaming JSON writer: compact output (no blanks, no newlines), commas inserted
/// automatically, strings escaped per RFC 8259 (control characters as `\u00XX`). The caller
/// is responsible for balancing `begin`/`end` calls; keys are written only inside objects.
///
/// Counterpart: none in setkey (JSON output is ours); see `Docs/json-output.md`.
public struct JSONWriter: Sendable {
    /// The text written so far.
    public private(set) var buffer = TextBuffer(capacity: 1 << 12)
    /// One entry per open container: whether a value was already written in it.
    private var hasValue: [Bool] = []
    /// Set after a key, so the value that follows gets no comma.
    private var afterKey = false

    public init() {}

    /// Forgets the text written, keeping the capacity (containers must be closed).
    public mutating func removeAll() {
        buffer.removeAll()
        hasValue.removeAll(keepingCapacity: true)
        afterKey = false
    }

    /// The text written so far.
    public var text: String { buffer.text }

    /// Returns the text written so far and forgets it, keeping open containers open (for
    /// streaming a large document out in pieces).
    public mutating func takeText() -> String {
        let out = buffer.text
        buffer.removeAll()
        return out
    }

    public mutating func beginObject() { separate(); buffer.append(byte: UInt8(ascii: "{")); hasValue.append(false) }
    public mutating func endObject() { hasValue.removeLast(); buffer.append(byte: UInt8(ascii: "}")) }
    public mutating func beginArray() { separate(); buffer.append(byte: UInt8(ascii: "[")); hasValue.append(false) }
    public mutating func endArray() { hasValue.removeLast(); buffer.append(byte: UInt8(ascii: "]")) }

    /// Writes `"name":` inside an object.
    public mutating func key(_ name: StaticString) {
        separate()
        buffer.append(byte: UInt8(ascii: "\""))
        buffer.append(name)
        buffer.append("\":")
        afterKey = true
    }

    public mutating func string(_ value: String) {
        separate()
        appendEscaped(value)
    }

    public mutating func number(_ value: UInt64) { separate(); buffer.appendDecimal(value) }
    public mutating func number(_ value: Int64) { separate(); buffer.appendDecimal(value) }
    public mutating func number(_ value: UInt32) { number(UInt64(value)) }
    public mutating func number(_ value: UInt16) { number(UInt64(value)) }
    public mutating func number(_ value: UInt8) { number(UInt64(value)) }
    public mutating func number(_ value: Int) { number(Int64(value)) }

    /// Ends a top-level document with a newline (JSON Lines).
    public mutating func endLine() { buffer.append(byte: 0x0a) }

    public mutating func bool(_ value: Bool) { separate(); buffer.append(value ? "true" : "false") }
    public mutating func null() { separate(); buffer.append("null") }

    /// Writes a string value built in place (for example a hex key or a timestamp) without
    /// escaping: `body` must append only characters that need none.
    public mutating func rawString(_ body: (inout TextBuffer) -> Void) {
        separate()
        buffer.append(byte: UInt8(ascii: "\""))
        body(&buffer)
        buffer.append(byte: UInt8(ascii: "\""))
    }

    /// Shorthands for `key` + value.
    public mutating func field(_ name: StaticString, _ value: String) { key(name); string(value) }
    public mutating func field(_ name: StaticString, _ value: UInt64) { key(name); number(value) }
    public mutating func field(_ name: StaticString, _ value: UInt32) { key(name); number(value) }
    public mutating func field(_ name: StaticString, _ value: UInt16) { key(name); number(value) }
    public mutating func field(_ name: StaticString, _ value: UInt8) { key(name); number(value) }
    public mutating func field(_ name: StaticString, _ value: Bool) { key(name); bool(value) }

    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        guard !hasValue.isEmpty else { return }
        if hasValue[hasValue.count - 1] { buffer.append(byte: UInt8(ascii: ",")) }
        hasValue[hasValue.count - 1] = true
    }

    private mutating func appendEscaped(_ value: String) {
        buffer.append(byte: UInt8(ascii: "\""))
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == 0x7f }) {
            buffer.append(value)
            buffer.append(byte: UInt8(ascii: "\""))
            return
        }
        for b in value.utf8 {
            switch b {
            case UInt8(ascii: "\""): buffer.append("\\\"")
            case UInt8(ascii: "\\"): buffer.append("\\\\")
            case 0x0a: buffer.append("\\n")
            case 0x0d: buffer.append("\\r")
            case 0x09: buffer.append("\\t")
            case 0x00..<0x20, 0x7f:
                buffer.append("\\u00")
                buffer.appendHex(UInt64(b), width: 2)
            default: buffer.append(byte: b)
            }
        }
        buffer.append(byte: UInt8(ascii: "\""))
    }
}
