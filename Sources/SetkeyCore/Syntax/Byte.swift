/// ASCII bytes the lexers look at.
enum Byte {
    static let tab = UInt8(ascii: "\t")
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let quote = UInt8(ascii: "\"")
    static let hash = UInt8(ascii: "#")
    static let percent = UInt8(ascii: "%")
    static let plus = UInt8(ascii: "+")
    static let comma = UInt8(ascii: ",")
    static let hyphen = UInt8(ascii: "-")
    static let dot = UInt8(ascii: ".")
    static let slash = UInt8(ascii: "/")
    static let zero = UInt8(ascii: "0")
    static let four = UInt8(ascii: "4")
    static let six = UInt8(ascii: "6")
    static let colon = UInt8(ascii: ":")
    static let semicolon = UInt8(ascii: ";")
    static let leftBracket = UInt8(ascii: "[")
    static let backslash = UInt8(ascii: "\\")
    static let rightBracket = UInt8(ascii: "]")
    static let underscore = UInt8(ascii: "_")
    static let lowerN = UInt8(ascii: "n")
    static let lowerX = UInt8(ascii: "x")

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- zero < 10 }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- UInt8(ascii: "a") < 26 }
    /// `[A-Za-z0-9:%.-]`
    @inline(__always) static func isStatementWordByte(_ b: UInt8) -> Bool {
        inSet(b, low: 0x07ff_6020_0000_0000, high: 0x07ff_fffe_07ff_fffe)
    }
    /// `[A-Za-z0-9:._]`
    @inline(__always) static func isPolicyWordByte(_ b: UInt8) -> Bool {
        inSet(b, low: 0x07ff_4000_0000_0000, high: 0x07ff_fffe_87ff_fffe)
    }
    /// `[0-9A-Fa-f]`
    @inline(__always) static func isHexDigit(_ b: UInt8) -> Bool {
        inSet(b, low: 0x03ff_0000_0000_0000, high: 0x0000_007e_0000_007e)
    }
    /// Whether ASCII byte `b` is in the set whose bits are `low` (bytes 0-63) and `high` (64-127).
    @inline(__always) static func inSet(_ b: UInt8, low: UInt64, high: UInt64) -> Bool {
        b < 64 ? (low >> UInt64(b)) & 1 != 0 : b < 128 && (high >> UInt64(b & 63)) & 1 != 0
    }
    @inline(__always) static func hexValue(_ b: UInt8) -> UInt8? {
        if isDigit(b) { return b - zero }
        let lower = b | 0x20
        if lower >= UInt8(ascii: "a"), lower <= UInt8(ascii: "f") { return lower - UInt8(ascii: "a") + 10 }
        return nil
    }
}
