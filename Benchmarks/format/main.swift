// Format benchmark: renders N SAs and N policies with every renderer into a sink that only
// counts bytes, and prints one table row per renderer. Built by ../format-bench.sh together
// with the core's sources (one optimised module), so nothing here is part of the package.
#if canImport(Glibc)
import Glibc
#endif

final class CountingSink: TextSink {
    var bytes = 0
    var writes = 0
    func write(_ text: String) {
        bytes += text.utf8.count
        writes += 1
    }
}

func seconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func makeSAs(_ n: Int) -> [SecurityAssociation] {
    let enc = SAKey((0..<16).map { UInt8($0) })
    let auth = SAKey((0..<32).map { UInt8($0 * 3 & 0xff) })
    return (0..<n).map { (i: Int) -> SecurityAssociation in
        let low = UInt32(truncatingIfNeeded: i & 0xffff)
        let high = UInt32(truncatingIfNeeded: i >> 16)
        let current = Lifetime(allocations: UInt64(i), bytes: UInt64(i) * 1500, addTime: 1_733_250_000 + UInt64(i % 60))
        return SecurityAssociation(
            source: IPAddress(ipv4: 0x0a00_0000 | low), destination: IPAddress(ipv4: 0x0a01_0000 | high),
            type: .esp, spi: SPI(0x1000 + UInt32(truncatingIfNeeded: i)), mode: .tunnel,
            reqid: RequestID(UInt32(truncatingIfNeeded: i % 100)),
            encryption: KeyedAlgorithm(id: AlgorithmID(.encryption, 12), key: enc),
            authentication: KeyedAlgorithm(id: AlgorithmID(.authentication, 5), key: auth),
            hardLifetime: Lifetime(bytes: 1 << 30, addTime: 3600), softLifetime: Lifetime(bytes: 1 << 29, addTime: 3000),
            reported: ReportedSAState(current: current))
    }
}

func makePolicies(_ n: Int) -> [SecurityPolicy] {
    let tunnel = TunnelEndpoints(source: IPAddress(ipv4: 0xc000_0201), destination: IPAddress(ipv4: 0xc000_0202))
    let request = IPsecRequest(proto: .esp, mode: .tunnel, endpoints: tunnel, level: .require)
    return (0..<n).map { (i: Int) -> SecurityPolicy in
        let low = UInt32(truncatingIfNeeded: i & 0xffff)
        let selector = PolicySelector(source: IPPrefix(IPAddress(ipv4: 0x0a00_0000 | low), length: 32),
                                      destination: IPPrefix(IPAddress(ipv4: 0x0b00_0000), length: 16),
                                      destinationPort: 443, upperLayer: .tcp)
        let reported = ReportedPolicyState(id: 8 * UInt32(truncatingIfNeeded: i) + 1, created: 1_733_250_000,
                                           hasLifetimes: true, referenceCount: 1)
        return SecurityPolicy(selector: selector, direction: .outbound, action: .ipsec, priority: .default,
                              requests: [request], reported: reported)
    }
}

@main struct FormatBenchmark {
    static func main() {
        let n = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 100_000 : 100_000
        let sas = makeSAs(n)
        let policies = makePolicies(n)
        let makers: [(String, (FormatOptions, TextSink) -> ResultRenderer)] = [
            ("classic", { ClassicTextRenderer(options: $0, sink: $1) }),
            ("short -l", { ShortFormatRenderer(options: $0, sink: $1) }),
            ("json", { JSONRenderer(options: $0, sink: $1) }),
        ]
        print("| renderer | personality | records | what | MB out | sink writes | seconds | records/s |")
        print("|---|---|---|---|---|---|---|---|")
        for (name, make) in makers {
            for p in [Personality.linux, .kame] {
                for what in ["SAs", "policies"] {
                    if name == "short -l" && what == "policies" { continue }
                    let sink = CountingSink()
                    let r = make(FormatOptions(personality: p, now: 1_733_250_071, pid: 1), sink)
                    let start = seconds()
                    if what == "SAs" {
                        r.beginSADump(); sas.forEach(r.sa); r.endSADump()
                    } else {
                        r.beginPolicyDump(); policies.forEach(r.policy); r.endPolicyDump()
                    }
                    r.flush()
                    let t = seconds() - start
                    let mb = Double(sink.bytes) / 1e6
                    print("| \(name) | \(p) | \(n) | \(what) | \(Int(mb * 10) / 10) | \(sink.writes) | \(Int(t * 1000) / 1) ms | \(Int(Double(n) / t)) |")
                }
            }
        }
    }
}
