import SetkeyCore

/// Prints conformance results as a table (scenario, result, reason) with totals, or as JSON.
public enum ConformanceReport {
    /// Counts of each outcome.
    public struct Totals: Sendable, Hashable {
        public var passed = 0, failed = 0, unsupported = 0
        public init(_ results: [ScenarioResult]) {
            for r in results {
                switch r.outcome {
                case .passed: passed += 1
                case .failed: failed += 1
                case .unsupported: unsupported += 1
                }
            }
        }
    }

    /// The table, one row per scenario, then the totals line.
    public static func table(_ results: [ScenarioResult], backend: String) -> String {
        let width = max(8, results.map(\.name.count).max() ?? 8)
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
        var out = "conformance of backend '\(backend)'\n"
        out += pad("scenario", width) + "  " + pad("result", 11) + "  reason\n"
        for r in results {
            let (word, reason): (String, String)
            switch r.outcome {
            case .passed: (word, reason) = ("pass", "")
            case .failed(let why): (word, reason) = ("FAIL", why)
            case .unsupported(let why): (word, reason) = ("unsupported", why)
            }
            out += pad(r.name, width) + "  " + pad(word, 11) + "  " + reason + "\n"
        }
        let t = Totals(results)
        out += "total \(results.count): \(t.passed) passed, \(t.failed) failed, \(t.unsupported) unsupported\n"
        return out
    }

    /// The results as one JSON object.
    public static func json(_ results: [ScenarioResult], backend: String) -> String {
        let t = Totals(results)
        var out = "{\"backend\":\(quoted(backend)),\"total\":\(results.count),\"passed\":\(t.passed),"
        out += "\"failed\":\(t.failed),\"unsupported\":\(t.unsupported),\"scenarios\":["
        for (i, r) in results.enumerated() {
            if i > 0 { out += "," }
            let (word, reason): (String, String?)
            switch r.outcome {
            case .passed: (word, reason) = ("pass", nil)
            case .failed(let why): (word, reason) = ("fail", why)
            case .unsupported(let why): (word, reason) = ("unsupported", why)
            }
            out += "{\"name\":\(quoted(r.name)),\"summary\":\(quoted(r.summary)),\"result\":\"\(word)\""
            if let reason { out += ",\"reason\":\(quoted(reason))" }
            out += "}"
        }
        return out + "]}\n"
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
