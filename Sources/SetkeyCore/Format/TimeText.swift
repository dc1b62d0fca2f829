#if canImport(Glibc)
import Glibc
#endif

/// Times as setkey prints them (`ctime()` from offset 4, local time zone) and as JSON
/// carries them (RFC 3339, UTC). Local time comes from the C library (`localtime_r`), so
/// `TZ` applies; tests set `TZ=UTC`.
///
/// Counterpart: `str_time()` in libipsec's `pfkey_dump.c`; `printdate()` in setkey.c.
public struct TimeText: Sendable {
    private var cachedSecond: Int64 = 0
    private var cachedText: [UInt8] = []

    public init() {}

    private static let months: [StaticString] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Appends the 20-character `str_time(t)`: `Dec  3 18:20:01 2024`, or 20 blanks for 0,
    /// or 20 `?` when the C library cannot convert `t`. The last conversion is cached (a dump
    /// prints the same "current" time in every record).
    public mutating func appendClassic(_ t: Int64, to out: inout TextBuffer) {
        if t == 0 {
            out.append(repeating: 0x20, count: 20)
            return
        }
        if t != cachedSecond || cachedText.isEmpty {
            cachedText = Self.classicBytes(t)
            cachedSecond = t
        }
        out.append(contentsOf: cachedText)
    }

    /// The 20 bytes `ctime(&t) + 4` would give (t ≠ 0).
    static func classicBytes(_ t: Int64) -> [UInt8] {
        guard let parts = localTime(t) else { return [UInt8](repeating: UInt8(ascii: "?"), count: 20) }
        var b = TextBuffer(capacity: 32)
        let month = Int(parts.tm_mon)
        if month >= 0 && month < 12 { b.append(months[month]) } else { b.append("???") }
        b.append(byte: 0x20)
        b.appendDecimal(UInt64(max(0, parts.tm_mday)), width: 2)
        b.append(byte: 0x20)
        appendClock(parts, to: &b)
        b.append(byte: 0x20)
        b.appendDecimal(Int64(parts.tm_year) + 1900)
        var bytes = Array(b.bytes.prefix(20))
        if bytes.count < 20 { bytes += [UInt8](repeating: 0x20, count: 20 - bytes.count) }
        return bytes
    }

    /// Appends `HH:MM:SS` of a broken-down time.
    static func appendClock(_ parts: tm, to b: inout TextBuffer) {
        b.appendDecimal(UInt64(max(0, parts.tm_hour)), zeroPaddedTo: 2)
        b.append(byte: UInt8(ascii: ":"))
        b.appendDecimal(UInt64(max(0, parts.tm_min)), zeroPaddedTo: 2)
        b.append(byte: UInt8(ascii: ":"))
        b.appendDecimal(UInt64(max(0, parts.tm_sec)), zeroPaddedTo: 2)
    }

    /// Appends an RFC 3339 UTC timestamp: `2024-12-03T18:20:01Z`, with six fraction digits
    /// when `microseconds` is given.
    /// - Returns: false, appending nothing, when the time has no RFC 3339 form (a year
    ///   outside 0...9999).
    @discardableResult
    public static func appendRFC3339(_ t: Int64, microseconds: Int32? = nil, to b: inout TextBuffer) -> Bool {
        var seconds = time_t(truncatingIfNeeded: t)
        var parts = tm()
        guard gmtime_r(&seconds, &parts) != nil else { return false }
        let year = Int64(parts.tm_year) + 1900
        guard year >= 0 && year <= 9999 else { return false }
        b.appendDecimal(UInt64(year), zeroPaddedTo: 4)
        b.append(byte: UInt8(ascii: "-"))
        b.appendDecimal(UInt64(max(0, parts.tm_mon + 1)), zeroPaddedTo: 2)
        b.append(byte: UInt8(ascii: "-"))
        b.appendDecimal(UInt64(max(0, parts.tm_mday)), zeroPaddedTo: 2)
        b.append(byte: UInt8(ascii: "T"))
        appendClock(parts, to: &b)
        if let microseconds {
            b.append(byte: UInt8(ascii: "."))
            b.appendDecimal(UInt64(min(max(0, microseconds), 999_999)), zeroPaddedTo: 6)
        }
        b.append(byte: UInt8(ascii: "Z"))
        return true
    }

    /// Appends the monitor timestamp of `-x` (`18:21:11.123456`, local time of day) or `-xx`
    /// (`1733250071.123456`), without the blank setkey prints after it.
    public static func appendMonitorStamp(seconds: Int64, microseconds: Int32, style: MonitorTimestampStyle,
                                          to b: inout TextBuffer) {
        let micro = UInt64(min(max(0, microseconds), 999_999))
        switch style {
        case .timeOfDay:
            if let parts = localTime(seconds) { appendClock(parts, to: &b) } else { b.append("00:00:00") }
        case .epoch:
            b.appendDecimal(UInt64(truncatingIfNeeded: UInt32(truncatingIfNeeded: seconds)))
        }
        b.append(byte: UInt8(ascii: "."))
        b.appendDecimal(micro, zeroPaddedTo: 6)
    }

    /// The local broken-down time of `t`, nil when the C library cannot convert it.
    static func localTime(_ t: Int64) -> tm? {
        var seconds = time_t(truncatingIfNeeded: t)
        var parts = tm()
        guard localtime_r(&seconds, &parts) != nil else { return nil }
        return parts
    }
}
