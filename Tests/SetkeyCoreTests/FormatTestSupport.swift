import Foundation
import SetkeyCore

/// Shared helpers of the Format*Tests: fixture paths, a compact SA/SP builder, and the
/// normalisation applied to captured and rendered dumps before comparing them.
enum FormatFixtures {
    /// `Tests/Fixtures`, found from this file's path (CI runs on a clean clone).
    static let root: String = {
        var path = "\(#filePath)"
        for _ in 0..<2 { path = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)]) }
        return path + "/Fixtures"
    }()

    static func read(_ relative: String) throws -> String {
        try String(contentsOfFile: root + "/" + relative, encoding: .utf8)
    }

    /// Run once before formatting times: the reference captures are in UTC.
    static let utc: Void = {
        setenv("TZ", "UTC", 1)
        tzset()
    }()

    /// Renders with a fresh renderer of `make` and returns the text.
    static func render(_ options: FormatOptions,
                       make: (FormatOptions, TextSink) -> ResultRenderer = { ClassicTextRenderer(options: $0, sink: $1) },
                       _ body: (ResultRenderer) -> Void) -> String {
        _ = utc
        let sink = StringSink()
        let renderer = make(options, sink)
        body(renderer)
        renderer.flush()
        return sink.text
    }

    static func dumpSAs(_ sas: [SecurityAssociation], _ options: FormatOptions) -> String {
        render(options) { r in
            r.beginSADump()
            sas.forEach(r.sa)
            r.endSADump()
        }
    }

    static func dumpPolicies(_ policies: [SecurityPolicy], _ options: FormatOptions) -> String {
        render(options) { r in
            r.beginPolicyDump()
            policies.forEach(r.policy)
            r.endPolicyDump()
        }
    }
}

/// Builds model values tersely: `FormatBuilder.sa("10.0.0.1", "10.0.0.2", .esp, 0x1001, ...)`.
enum FormatBuilder {
    static func address(_ text: String) -> IPAddress {
        guard let a = IPAddress(text) else { fatalError("bad address \(text) in a test fixture") }
        return a
    }

    /// `0x...` hex or a quoted-string key, as setkey input writes them.
    static func key(_ text: String) -> SAKey {
        guard text.hasPrefix("0x") else { return SAKey(Array(text.utf8)) }
        var bytes = [UInt8]()
        var chars = Array(text.utf8.dropFirst(2))
        if chars.count % 2 == 1 { chars.insert(UInt8(ascii: "0"), at: 0) }
        for i in stride(from: 0, to: chars.count, by: 2) {
            bytes.append(UInt8(String(decoding: chars[i..<i + 2], as: UTF8.self), radix: 16) ?? 0)
        }
        return SAKey(bytes)
    }

    static func alg(_ kind: AlgorithmKind, _ id: UInt8, _ key: String = "") -> KeyedAlgorithm {
        KeyedAlgorithm(id: AlgorithmID(kind, id), key: key.isEmpty ? .empty : Self.key(key))
    }

    static func sa(_ src: String, _ dst: String, _ type: SAType, _ spi: UInt32, mode: IPsecMode = .any,
                   reqid: UInt32 = 0, replay: UInt32 = 0, flags: SAFlags = .setkeyDefault,
                   e: (UInt8, String)? = nil, a: (UInt8, String)? = nil, c: UInt8? = nil,
                   hard: Lifetime = .unlimited, soft: Lifetime = .unlimited,
                   natt: NATTraversal? = nil, reported: ReportedSAState? = nil) -> SecurityAssociation {
        SecurityAssociation(
            source: address(src), destination: address(dst), type: type, spi: SPI(spi), mode: mode,
            reqid: RequestID(reqid), replayWindow: replay, flags: flags,
            encryption: e.map { alg(.encryption, $0.0, $0.1) },
            authentication: a.map { alg(.authentication, $0.0, $0.1) },
            compression: c.map { KeyedAlgorithm(id: AlgorithmID(.compression, $0)) },
            hardLifetime: hard, softLifetime: soft, natTraversal: natt, reported: reported)
    }

    /// `10.0.0.0/24` or a host address.
    static func prefix(_ text: String) -> IPPrefix {
        let parts = text.split(separator: "/")
        let a = address(String(parts[0]))
        return IPPrefix(a, length: parts.count > 1 ? UInt8(parts[1]) : nil)
    }

    /// `esp/tunnel/A-B/unique:42` style request text, minus ports.
    static func request(_ text: String) -> IPsecRequest {
        let f = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let proto = RequestProtocol.allCases.first { $0.keyword == f[0] } ?? .esp
        let mode = IPsecMode.allCases.first { $0.keyword == f[1] } ?? .any
        var endpoints: TunnelEndpoints?
        if let dash = f[2].firstIndex(of: "-") {
            endpoints = TunnelEndpoints(source: address(String(f[2][..<dash])),
                                        destination: address(String(f[2][f[2].index(after: dash)...])))
        }
        let levelParts = f[3].split(whereSeparator: { $0 == ":" || $0 == "#" })
        let level = IPsecLevel.allCases.first { $0.keyword == levelParts[0] } ?? .default
        let reqid = levelParts.count > 1 ? UInt32(levelParts[1]) ?? 0 : 0
        return IPsecRequest(proto: proto, mode: mode, endpoints: endpoints, level: level, reqid: RequestID(reqid))
    }

    static func policy(_ src: String, _ dst: String, sport: UInt16 = 0, dport: UInt16 = 0,
                       upper: UInt8 = 255, _ direction: PolicyDirection, _ action: PolicyAction,
                       priority: UInt32? = nil, _ requests: [String] = [],
                       reported: ReportedPolicyState? = nil) -> SecurityPolicy {
        SecurityPolicy(
            selector: PolicySelector(source: prefix(src), destination: prefix(dst), sourcePort: sport,
                                     destinationPort: dport, upperLayer: UpperLayerProtocol(upper)),
            direction: direction, action: action, priority: priority.map(PolicyPriority.init(rawValue:)),
            requests: requests.map(request), reported: reported)
    }
}

/// Replaces the fields that change from run to run with fixed words, the same way for
/// captured and rendered text.
enum DumpNormaliser {
    private static let date = #"[A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2} [0-9]{4}"#

    /// The reference README's varying fields: dates, `diff:` and `pid=`.
    static func reference(_ text: String) -> String {
        var t = text
        t = replace(t, date, "DATE")
        t = replace(t, #"diff: [0-9]+\(s\)"#, "diff: N(s)")
        t = replace(t, #"(?<![a-z])pid=[0-9]+"#, "pid=PID")
        return t
    }

    /// libreswan's sanitiser: SPIs, key bytes, dates, `diff:` seconds and pids.
    static func libreswan(_ text: String) -> String {
        var t = text
        t = replace(t, #"spi=[0-9]+\(0x[0-9a-f]{8}\)"#, "spi=SPISPI(0xSPISPI)")
        t = replace(t, date, "TIMESTAMP")
        t = replace(t, #"diff: [0-9]+\(s\)"#, "diff: N(s)")
        t = replace(t, #"(?<![a-z])pid=[0-9]+"#, "pid=PID")
        var lines = t.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for i in lines.indices where lines[i].hasPrefix("\tE: ") || lines[i].hasPrefix("\tA: ") {
            lines[i] = replace(lines[i], #"(?<= )[0-9a-f]{8}(?= |$)"#, "XXXXXXXX")
        }
        return lines.joined(separator: "\n")
    }

    static func replace(_ text: String, _ pattern: String, _ with: String) -> String {
        guard let re = try? NSRegularExpression(pattern: pattern) else { return text }
        return re.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text),
                                           withTemplate: NSRegularExpression.escapedTemplate(for: with))
    }
}

/// A line-by-line difference, for readable failures.
func firstDifference(_ a: String, _ b: String) -> String {
    let x = a.split(separator: "\n", omittingEmptySubsequences: false)
    let y = b.split(separator: "\n", omittingEmptySubsequences: false)
    for i in 0..<max(x.count, y.count) {
        let l = i < x.count ? String(x[i]) : "<none>"
        let r = i < y.count ? String(y[i]) : "<none>"
        if l != r { return "line \(i + 1):\n  got:      \(l.debugDescription)\n  expected: \(r.debugDescription)" }
    }
    return "identical"
}
