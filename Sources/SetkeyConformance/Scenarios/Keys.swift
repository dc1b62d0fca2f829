/// Key material used by the scenarios (deterministic, documented in the texts).
enum Keys {
    static let aes128 = "0x00112233445566778899aabbccddeeff"
    static let aes128b = "0xffeeddccbbaa99887766554433221100"
    static let sha1 = "0x00112233445566778899aabbccddeeff00112233"
    static let sha1b = "0x0102030405060708090a0b0c0d0e0f1011121314"
    static let sha256 = "0x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"

    /// `bits / 8` bytes counting up from `start`, as `0x…` hex.
    static func counting(bits: Int, start: UInt8 = 1) -> String {
        var s = "0x"
        var b = start
        for _ in 0..<(bits / 8) {
            let digits = String(b, radix: 16)
            s += (digits.count == 1 ? "0" : "") + digits
            b = b &+ 1
        }
        return s
    }
}
