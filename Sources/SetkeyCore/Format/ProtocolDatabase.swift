/// IP protocol names as `getprotobynumber()` returns them, built in so that output does not
/// depend on the host's `/etc/protocols`: Debian's netbase file (what ipsec-tools on Linux
/// and, for the common numbers, FreeBSD print) and NetBSD's IANA-derived file.
///
/// Counterpart: `/etc/protocols` (netbase 6.x; NetBSD `etc/protocols` 1.25).
enum ProtocolDatabase {
    /// The first name netbase's `/etc/protocols` gives `number`, nil when it has none.
    static func netbase(_ number: UInt8) -> String? { netbaseNames[number] }

    /// The keyword NetBSD's `/etc/protocols` gives `number`, nil when unassigned.
    static func iana(_ number: UInt8) -> String? {
        if number == 255 { return "reserved" }
        let n = Int(number)
        guard n < ianaNames.count, !ianaNames[n].isEmpty else { return nil }
        return ianaNames[n]
    }

    private static let netbaseNames: [UInt8: String] = [
        0: "ip", 1: "icmp", 2: "igmp", 3: "ggp", 4: "ipencap", 5: "st", 6: "tcp", 8: "egp", 9: "igp",
        12: "pup", 17: "udp", 20: "hmp", 22: "xns-idp", 27: "rdp", 29: "iso-tp4", 33: "dccp", 36: "xtp",
        37: "ddp", 38: "idpr-cmtp", 41: "ipv6", 43: "ipv6-route", 44: "ipv6-frag", 45: "idrp", 46: "rsvp",
        47: "gre", 50: "esp", 51: "ah", 57: "skip", 58: "ipv6-icmp", 59: "ipv6-nonxt", 60: "ipv6-opts",
        73: "rspf", 81: "vmtp", 88: "eigrp", 89: "ospf", 93: "ax.25", 94: "ipip", 97: "etherip",
        98: "encap", 103: "pim", 108: "ipcomp", 112: "vrrp", 115: "l2tp", 124: "isis", 132: "sctp",
        133: "fc", 135: "mobility-header", 136: "udplite", 137: "mpls-in-ip", 138: "manet", 139: "hip",
        140: "shim6", 141: "wesp", 142: "rohc", 143: "ethernet",
    ]

    /// Index = protocol number 0...142; "" where the file has no entry.
    private static let ianaNames: [String] = [
        "hopopt", "icmp", "igmp", "ggp", "ipv4", "st", "tcp", "cbt", "egp", "igp",
        "bbn-rcc-mon", "nvp-ii", "pup", "argus", "emcon", "xnet", "chaos", "udp", "mux", "dcn-meas",
        "hmp", "prm", "xns-idp", "trunk-1", "trunk-2", "leaf-1", "leaf-2", "rdp", "irtp", "iso-tp4",
        "netblt", "mfe-nsp", "merit-inp", "dccp", "3pc", "idpr", "xtp", "ddp", "idpr-cmtp", "tp++",
        "il", "ipv6", "sdrp", "ipv6-route", "ipv6-frag", "idrp", "rsvp", "gre", "dsr", "bna",
        "esp", "ah", "i-nlsp", "swipe", "narp", "mobile", "tlsp", "skip", "ipv6-icmp", "ipv6-nonxt",
        "ipv6-opts", "", "cftp", "", "sat-expak", "kryptolan", "rvd", "ippc", "", "sat-mon",
        "visa", "ipcv", "cpnx", "cphb", "wsn", "pvp", "br-sat-mon", "sun-nd", "wb-mon", "wb-expak",
        "iso-ip", "vmtp", "secure-vmtp", "vines", "ttp", "nsfnet-igp", "dgp", "tcf", "eigrp", "ospfigp",
        "sprite-rpc", "larp", "mtp", "ax.25", "ipip", "micp", "scc-sp", "etherip", "encap", "",
        "gmtp", "ifmp", "pnni", "pim", "aris", "scps", "qnx", "a/n", "ipcomp", "snp",
        "compaq-peer", "ipx-in-ip", "vrrp", "pgm", "", "l2tp", "ddx", "iatp", "stp", "srp",
        "uti", "smp", "sm", "ptp", "isis", "fire", "crtp", "crudp", "sscopmce", "iplt",
        "sps", "pipe", "sctp", "fc", "rsvp-e2e-ignore", "mobility", "udplite", "mpls-in-ip", "manet", "hip",
        "shim6", "wesp", "rohc",
    ]
}
