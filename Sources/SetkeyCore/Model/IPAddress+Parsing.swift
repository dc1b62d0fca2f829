extension IPAddress {
    /// Parses a numeric address the way `inet_pton` does: a dotted quad of four decimal
    /// numbers, or an IPv6 text with at most one `::` and an optional trailing dotted quad.
    /// Returns nil for anything else (names, scoped addresses, out-of-range parts).
    public init?(_ text: some StringProtocol) {
        var copy = String(text)
        let parsed: IPAddress? = copy.withUTF8 { IPAddress.parse(utf8: $0) }
        guard let parsed else { return nil }
        self = parsed
    }

    /// Parses a numeric address from UTF-8 bytes (the lexer's fast path).
    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> IPAddress? {
        var hasColon = false
        for b in bytes where b == UInt8(ascii: ":") { hasColon = true; break }
        if hasColon { return parseIPv6(bytes) }
        guard let v = parseIPv4(bytes[...]) else { return nil }
        return IPAddress(ipv4: v)
    }

    static func parseIPv4(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> UInt32? {
        var value: UInt32 = 0
        var part: UInt32 = 0
        var digits = 0
        var parts = 0
        for b in bytes {
            if b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") {
                if digits > 0 && part == 0 { return nil }  // no leading zeros, as inet_pton
                part = part * 10 + UInt32(b - UInt8(ascii: "0"))
                digits += 1
                if part > 255 { return nil }
            } else if b == UInt8(ascii: ".") {
                if digits == 0 || parts == 3 { return nil }
                value = value << 8 | part
                parts += 1
                part = 0
                digits = 0
            } else {
                return nil
            }
        }
        guard digits > 0, parts == 3 else { return nil }
        return value << 8 | part
    }

    static func parseIPv6(_ bytes: UnsafeBufferPointer<UInt8>) -> IPAddress? {
        // eight groups in a stack buffer: no allocation on the lexer's fast path
        withUnsafeTemporaryAllocation(of: UInt16.self, capacity: 8) { words -> IPAddress? in
            words.initialize(repeating: 0)
            return parseIPv6(bytes, into: words)
        }
    }

    private static func parseIPv6(_ bytes: UnsafeBufferPointer<UInt8>, into words: UnsafeMutableBufferPointer<UInt16>)
        -> IPAddress? {
        var count = 0
        var gap = -1
        var i = 0
        let n = bytes.count
        if n >= 2, bytes[0] == UInt8(ascii: ":") {
            guard bytes[1] == UInt8(ascii: ":") else { return nil }
            gap = 0
            i = 2
            if n == 2 { return IPAddress(ipv6High: 0, low: 0) }
        }
        while i < n {
            // one group: hex digits, or a trailing dotted quad
            var j = i
            var value: UInt32 = 0
            var hexDigits = 0
            var sawDot = false
            while j < n, bytes[j] != UInt8(ascii: ":") {
                let b = bytes[j]
                if b == UInt8(ascii: ".") { sawDot = true; break }
                guard let d = hexValue(b) else { return nil }
                value = value << 4 | UInt32(d)
                hexDigits += 1
                if hexDigits > 4 { return nil }
                j += 1
            }
            if sawDot {
                guard count <= 6, let v4 = parseIPv4(bytes[i..<n]) else { return nil }
                words[count] = UInt16(v4 >> 16)
                words[count + 1] = UInt16(v4 & 0xffff)
                count += 2
                i = n
                break
            }
            guard hexDigits > 0, count < 8 else { return nil }
            words[count] = UInt16(value)
            count += 1
            i = j
            if i < n {  // at a colon
                i += 1
                if i < n, bytes[i] == UInt8(ascii: ":") {
                    guard gap == -1 else { return nil }
                    gap = count
                    i += 1
                } else if i == n {
                    return nil  // trailing single colon
                }
            }
        }
        if gap >= 0 {
            guard count < 8 else { return nil }
            // move the groups after `::` to the end, from the last one down, then zero the gap
            let tail = count - gap
            var k = tail - 1
            while k >= 0 {
                words[8 - tail + k] = words[gap + k]
                k -= 1
            }
            for z in gap..<(8 - tail) { words[z] = 0 }
        } else if count != 8 {
            return nil
        }
        var h: UInt64 = 0
        var l: UInt64 = 0
        for k in 0..<4 { h = h << 16 | UInt64(words[k]) }
        for k in 4..<8 { l = l << 16 | UInt64(words[k]) }
        return IPAddress(ipv6High: h, low: l)
    }

    @inline(__always) private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
