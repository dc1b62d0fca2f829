import SetkeyCore

/// The `[record]` section of the configuration: where requests are written, whether keys
/// are shown, which personality the tables follow, and which requests fail.
struct RecordSettings {
    /// `output`: a file path, `stderr` (default) or `stdout`.
    var output: String = "stderr"
    /// `keys = show | redact` (default redact).
    var showKeys = false
    /// `personality = kame | linux` (default kame, as the QNX seed).
    var personality: Personality = .kame
    /// `fail = 3:EEXIST, 7:EPERM`: 1-based request numbers and the errno each gets.
    var faults: [Int: Errno] = [:]

    init(_ settings: [String: String]) throws(BackendError) {
        for (key, value) in settings {
            switch key {
            case "output":
                guard !value.isEmpty else { throw .invalidConfiguration("[record] output: empty path") }
                output = value
            case "keys":
                switch value {
                case "show": showKeys = true
                case "redact", "hide", "redacted": showKeys = false
                default: throw .invalidConfiguration("[record] keys: expected 'show' or 'redact', got '\(value)'")
                }
            case "personality":
                guard let p = Personality(rawValue: value), p != .freebsd else {
                    throw .invalidConfiguration("[record] personality: expected 'kame' or 'linux', got '\(value)'")
                }
                personality = p
            case "fail":
                faults = try Self.parseFaults(value)
            default:
                throw .invalidConfiguration("[record] unknown setting '\(key)' (known: output, keys, personality, fail)")
            }
        }
    }

    /// Parses `3:EEXIST, 7:EPERM` (errno names or numbers).
    static func parseFaults(_ text: String) throws(BackendError) -> [Int: Errno] {
        var faults = [Int: Errno]()
        for item in text.split(separator: ",") {
            let parts = item.split(separator: ":", omittingEmptySubsequences: false)
                .map { String($0).trimmingBlanks() }
            guard parts.count == 2, let n = Int(parts[0]), n > 0 else {
                throw .invalidConfiguration("[record] fail: expected 'N:ERRNO' items, got '\(item.trimmingBlanksSub())'")
            }
            if let e = Errno(name: parts[1]) {
                faults[n] = e
            } else if let v = Int32(parts[1]), v > 0 {
                faults[n] = Errno(v)
            } else {
                throw .invalidConfiguration("[record] fail: unknown errno '\(parts[1])'")
            }
        }
        return faults
    }
}

extension String {
    func trimmingBlanks() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}

extension Substring {
    func trimmingBlanksSub() -> String { String(self).trimmingBlanks() }
}
