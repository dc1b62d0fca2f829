/// The words setkey's dumps print for numbers: algorithm, SA type, mode and state names, and
/// the upper-layer protocol names of policy selectors, per personality. A nil answer means
/// "print the decimal number", as the classic tool does for values it has no name for.
///
/// Counterpart: the `str_satype`, `str_mode`, `str_state`, `str_alg_*` tables and
/// `str_upperspec()` of libipsec's `pfkey_dump.c`.
public enum DumpNames {
    /// The name a `-D` dump prints for an algorithm id (`aes-cbc`, FreeBSD `hmac-sha2-256`),
    /// nil for ids the personality's setkey has no name for. Id 0 is `none`.
    public static func algorithm(_ id: AlgorithmID, personality: Personality) -> String? {
        let table: [[String?]]
        switch personality {
        case .linux: table = linuxAlgorithms
        case .kame: table = kameAlgorithms
        case .freebsd: table = freeBSDAlgorithms
        }
        return table[Int(id.kind.rawValue)][Int(id.number)]
    }

    private static let linuxAlgorithms = algorithmTable(.linux)
    private static let kameAlgorithms = algorithmTable(.kame)
    private static let freeBSDAlgorithms = algorithmTable(.freebsd)

    /// Per kind (by raw value), per id 0...255: the dump name, looked up once.
    private static func algorithmTable(_ personality: Personality) -> [[String?]] {
        AlgorithmKind.allCases.sorted { $0.rawValue < $1.rawValue }.map { kind in
            (0...255).map { number in algorithmName(AlgorithmID(kind, UInt8(number)), personality: personality) }
        }
    }

    private static func algorithmName(_ id: AlgorithmID, personality: Personality) -> String? {
        if id.number == 0 { return "none" }
        guard let d = AlgorithmCatalogue.descriptor(for: id, personality: personality),
              d.personalities.contains(personality) else { return nil }
        if personality == .freebsd { return d.freeBSDDumpName }
        return d.names.isEmpty && d.dumpName == "\(d.number)" ? nil : d.dumpName
    }

    /// The setkey input name (`hmac-sha256`) and, on Linux, the crypto API name
    /// (`hmac(sha256)`) of an algorithm id, for JSON; looked up once per id.
    static func jsonNames(_ id: AlgorithmID, personality: Personality) -> (name: String?, kernel: String?) {
        let table: [[(String?, String?)]]
        switch personality {
        case .linux: table = linuxJSONNames
        case .kame: table = kameJSONNames
        case .freebsd: table = freeBSDJSONNames
        }
        return table[Int(id.kind.rawValue)][Int(id.number)]
    }

    private static let linuxJSONNames = jsonTable(.linux)
    private static let kameJSONNames = jsonTable(.kame)
    private static let freeBSDJSONNames = jsonTable(.freebsd)

    private static func jsonTable(_ personality: Personality) -> [[(String?, String?)]] {
        AlgorithmKind.allCases.sorted { $0.rawValue < $1.rawValue }.map { kind in
            (0...255).map { number in
                let d = AlgorithmCatalogue.descriptor(for: AlgorithmID(kind, UInt8(number)), personality: personality)
                return (d?.names.first, personality == .linux ? d?.linuxName : nil)
            }
        }
    }

    /// The mode word of an SA (`any`, `transport`, `tunnel`); nil for BEET, which ipsec-tools
    /// prints as its number.
    public static func mode(_ mode: IPsecMode) -> String? {
        mode == .beet ? nil : mode.keyword
    }

    /// The `str_satype` word for an SA type.
    public static func saType(_ type: SAType) -> String { type.keyword }

    /// The upper-layer protocol of a policy selector as the personality's setkey prints it:
    /// ipsec-tools on Linux asks glibc's protocol database (255 → `255`, 58 → `ipv6-icmp`),
    /// NetBSD prints the number and the IANA keyword (`255(reserved)`, `6(tcp)`), FreeBSD
    /// prints `any`, `icmp6`, `ip4` and otherwise its database name.
    public static func upperLayer(_ proto: UpperLayerProtocol, personality: Personality) -> String {
        let n = proto.rawValue
        switch personality {
        case .linux:
            return ProtocolDatabase.netbase(n) ?? "\(n)"
        case .kame:
            guard let name = ProtocolDatabase.iana(n) else { return "\(n)" }
            return "\(n)(\(name))"
        case .freebsd:
            switch n {
            case 255: return "any"
            case 58: return "icmp6"
            case 4: return "ip4"
            default: return ProtocolDatabase.netbase(n) ?? "\(n)"
            }
        }
    }

    /// The protocol word of the `-l` short form's address columns (a fixed table in
    /// setkey.c), nil for numbers it prints as `#N`.
    public static func shortProtocol(_ number: UInt8) -> String? {
        let n = Int(number)
        return n < shortProtocols.count ? shortProtocols[n] : nil
    }

    private static let shortProtocols: [String?] = [
        "ip", "icmp", "igmp", "ggp", "ip4", nil, "tcp", nil, "egp", nil,
        nil, nil, nil, nil, nil, nil, nil, "udp", nil, nil,
        nil, nil, "idp", nil, nil, nil, nil, nil, nil, "tp",
        nil, nil, nil, nil, nil, nil, nil, nil, nil, nil,
        nil, "ip6", nil, "rt6", "frag6", nil, "rsvp", "gre", nil, nil,
        "esp", "ah", nil, nil, nil, nil, nil, nil, "icmp6", "none",
        "dst6",
    ]
}
