/// Builds wire fixtures field by field, so each byte of an expected message sits next to a
/// comment naming it. Host order is little-endian here (x86-64, the only target).
struct ByteFixture: Equatable, CustomStringConvertible {
    private(set) var bytes: [UInt8] = []

    init() {}

    func u8(_ v: UInt8) -> ByteFixture { appending([v]) }
    func u16(_ v: UInt16) -> ByteFixture { appending(withUnsafeBytes(of: v.littleEndian, Array.init)) }
    func u32(_ v: UInt32) -> ByteFixture { appending(withUnsafeBytes(of: v.littleEndian, Array.init)) }
    func i32(_ v: Int32) -> ByteFixture { appending(withUnsafeBytes(of: v.littleEndian, Array.init)) }
    func u64(_ v: UInt64) -> ByteFixture { appending(withUnsafeBytes(of: v.littleEndian, Array.init)) }
    /// Network order.
    func be16(_ v: UInt16) -> ByteFixture { appending(withUnsafeBytes(of: v.bigEndian, Array.init)) }
    func be32(_ v: UInt32) -> ByteFixture { appending(withUnsafeBytes(of: v.bigEndian, Array.init)) }
    func zeros(_ n: Int) -> ByteFixture { appending([UInt8](repeating: 0, count: n)) }
    func raw(_ b: [UInt8]) -> ByteFixture { appending(b) }
    /// An `xfrm_address_t` holding an IPv4 address (4 bytes + 12 zero bytes).
    func ipv4(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> ByteFixture { appending([a, b, c, d]).zeros(12) }
    /// A string in a fixed-size, NUL-padded field.
    func text(_ s: String, size: Int) -> ByteFixture {
        let b = Array(s.utf8)
        return appending(b).zeros(size - b.count)
    }

    var count: Int { bytes.count }

    private func appending(_ more: [UInt8]) -> ByteFixture {
        var copy = self
        copy.bytes += more
        return copy
    }

    var description: String { Hex.encode(bytes) }
}

/// Hex text both ways (fixtures stored as `.hex` files, readable diffs).
enum Hex {
    static func encode(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        var s = ""
        for (i, b) in bytes.enumerated() {
            if i > 0 && i % 16 == 0 { s += "\n" } else if i > 0 && i % 4 == 0 { s += " " }
            s.append(digits[Int(b >> 4)])
            s.append(digits[Int(b & 15)])
        }
        return s
    }

    /// Bytes of a hex text; `#` starts a comment to the end of the line; blanks are ignored.
    static func decode(_ text: String) -> [UInt8]? {
        var out = [UInt8]()
        var high: UInt8?
        var comment = false
        for c in text.utf8 {
            if comment { if c == UInt8(ascii: "\n") { comment = false }; continue }
            if c == UInt8(ascii: "#") { comment = true; continue }
            let v: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): v = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"): continue
            default: return nil
            }
            if let h = high { out.append(h << 4 | v); high = nil } else { high = v }
        }
        return high == nil ? out : nil
    }
}

import SetkeyCore

/// `withUnsafeBytes` for bodies that throw `BackendError` (closures with typed throws passed
/// to the rethrowing standard one crash this compiler).
func withBytes<T>(_ bytes: [UInt8], _ body: (UnsafeRawBufferPointer) throws(BackendError) -> T) throws(BackendError) -> T {
    var result: Result<T, BackendError>?
    bytes.withUnsafeBytes { raw in
        do throws(BackendError) { result = .success(try body(raw)) } catch { result = .failure(error) }
    }
    return try result!.get()
}
