import SetkeyCore

/// Scenarios on the SAD: add/get/delete of ESP, AH and IPComp over IPv4 and IPv6, SPI rules,
/// duplicates, missing entries, deleteall, flush and dump by protocol, update, lifetimes,
/// replay window, reqid and mode, NAT-T.
enum SAScenarios {
    static let esp: Requirement = .saType(.esp)
    static let ah: Requirement = .saType(.ah)
    static let ipcomp: Requirement = .saType(.ipcomp)
    static let aesCBC: Requirement = .algorithm(AlgorithmID(.encryption, 12))
    static let sha1: Requirement = .algorithm(AlgorithmID(.authentication, 3))
    static let sha256: Requirement = .algorithm(AlgorithmID(.authentication, 5))
    static let deflate: Requirement = .algorithm(AlgorithmID(.compression, 2))

    static func espAdd(_ src: String, _ dst: String, _ spi: String, _ extra: String = "") -> String {
        "add \(src) \(dst) esp \(spi) \(extra) -E aes-cbc \(Keys.aes128) -A hmac-sha1 \(Keys.sha1) ;"
    }

    static func dumpCount(_ n: Int) -> SADumpCheck {
        { list, _ throws(CheckFailure) in try Check.equal("number of SAs", list.count, n) }
    }

    static func dumpSPIs(_ spis: Set<UInt32>) -> SADumpCheck {
        { list, _ throws(CheckFailure) in try Check.equal("SPIs", Set(list.map(\.spi.rawValue)), spis) }
    }

    static var all: [Scenario] { basics + rules + tables + attributes }

    static var basics: [Scenario] {
        [
            Scenario("esp-add-get-ipv4", "an ESP SA over IPv4 is stored with its algorithms and keys",
                     requires: [esp, aesCBC, sha256], steps: [
                .apply("add 192.0.2.1 192.0.2.2 esp 0x1001 -m transport -E aes-cbc \(Keys.aes128) -A hmac-sha256 \(Keys.sha256) ;"),
                .get("get 192.0.2.1 192.0.2.2 esp 0x1001 ;", SAExpectation(
                    source: "192.0.2.1", destination: "192.0.2.2", type: .esp, spi: 0x1001, mode: .transport,
                    encryption: ("aes-cbc", Keys.aes128), authentication: ("hmac-sha256", Keys.sha256),
                    state: .mature).check),
            ]),
            Scenario("esp-add-get-ipv6", "an ESP SA over IPv6 is stored", requires: [esp, aesCBC, sha1], steps: [
                .apply(espAdd("2001:db8::1", "2001:db8::2", "0x1002", "-m transport")),
                .get("get 2001:db8::1 2001:db8::2 esp 0x1002 ;", SAExpectation(
                    source: "2001:db8::1", destination: "2001:db8::2", type: .esp, spi: 0x1002,
                    encryption: ("aes-cbc", Keys.aes128), authentication: ("hmac-sha1", Keys.sha1)).check),
            ]),
            Scenario("ah-add-get-ipv4", "an AH SA over IPv4 is stored", requires: [ah, sha1], steps: [
                .apply("add 192.0.2.1 192.0.2.2 ah 0x2001 -A hmac-sha1 \(Keys.sha1) ;"),
                .get("get 192.0.2.1 192.0.2.2 ah 0x2001 ;", SAExpectation(
                    type: .ah, spi: 0x2001, mode: .any, authentication: ("hmac-sha1", Keys.sha1)).check),
            ]),
            Scenario("ah-add-get-ipv6", "an AH SA over IPv6 with a quoted key", requires: [ah, sha1], steps: [
                .apply("add 2001:db8::1 2001:db8::2 ah 0x2002 -m tunnel -A hmac-sha1 \"this is the test key\" ;"),
                .get("get 2001:db8::1 2001:db8::2 ah 0x2002 ;", SAExpectation(
                    type: .ah, spi: 0x2002, mode: .tunnel,
                    authentication: ("hmac-sha1", "0x74686973206973207468652074657374206b6579")).check),
            ]),
            Scenario("ipcomp-add-get-ipv4", "an IPComp SA over IPv4", requires: [ipcomp, deflate], steps: [
                .apply("add 192.0.2.1 192.0.2.2 ipcomp 0x3001 -m transport -C deflate ;"),
                .get("get 192.0.2.1 192.0.2.2 ipcomp 0x3001 ;", SAExpectation(
                    type: .ipcomp, spi: 0x3001, mode: .transport, compression: "deflate").check),
            ]),
            Scenario("ipcomp-add-get-ipv6", "an IPComp SA over IPv6", requires: [ipcomp, deflate], steps: [
                .apply("add 2001:db8::1 2001:db8::2 ipcomp 0x3002 -C deflate ;"),
                .get("get 2001:db8::1 2001:db8::2 ipcomp 0x3002 ;", SAExpectation(
                    type: .ipcomp, spi: 0x3002, compression: "deflate").check),
            ]),
            Scenario("ipcomp-raw-cpi", "an IPComp SA with a well-known CPI (-R)", requires: [ipcomp, deflate], steps: [
                .apply("add 192.0.2.1 192.0.2.2 ipcomp 2 -C deflate -R ;"),
                .get("get 192.0.2.1 192.0.2.2 ipcomp 2 ;", SAExpectation(type: .ipcomp, spi: 2, compression: "deflate",
                                                                         flags: .rawCPI).check),
            ]),
            Scenario("esp-delete-ipv4", "a deleted ESP SA is gone", requires: [esp, aesCBC, sha1], steps: [
                .apply(espAdd("192.0.2.1", "192.0.2.2", "0x1003")),
                .apply("delete 192.0.2.1 192.0.2.2 esp 0x1003 ;"),
                .getFails("get 192.0.2.1 192.0.2.2 esp 0x1003 ;", .notFound),
            ]),
            Scenario("ah-delete-ipv6", "a deleted AH SA is gone", requires: [ah, sha1], steps: [
                .apply("add 2001:db8::1 2001:db8::2 ah 0x2003 -A hmac-sha1 \(Keys.sha1) ;"),
                .apply("delete 2001:db8::1 2001:db8::2 ah 0x2003 ;"),
                .getFails("get 2001:db8::1 2001:db8::2 ah 0x2003 ;", .notFound),
            ]),
            Scenario("ipcomp-delete", "a deleted IPComp SA is gone", requires: [ipcomp, deflate], steps: [
                .apply("add 192.0.2.1 192.0.2.2 ipcomp 0x3003 -C deflate ;"),
                .apply("delete 192.0.2.1 192.0.2.2 ipcomp 0x3003 ;"),
                .dumpSAs(.ipcomp, dumpCount(0)),
            ]),
            Scenario("esp-tunnel-reqid", "mode tunnel and reqid are stored", requires: [esp, aesCBC, sha1], steps: [
                .apply(espAdd("192.0.2.1", "192.0.2.2", "0x1004", "-m tunnel -u 100")),
                .get("get 192.0.2.1 192.0.2.2 esp 0x1004 ;", SAExpectation(mode: .tunnel, reqid: 100).check),
            ]),
            Scenario("esp-mode-any", "mode any is the default (Linux reports it as transport)",
                     requires: [esp, aesCBC, sha1], steps: [
                .apply(espAdd("192.0.2.1", "192.0.2.2", "0x1005")),
                .get("get 192.0.2.1 192.0.2.2 esp 0x1005 ;", SAExpectation(mode: .any).check),
            ]),
            Scenario("esp-null-encryption", "ESP with null encryption and authentication",
                     requires: [esp, sha1, .algorithm(AlgorithmID(.encryption, 11))], steps: [
                .apply("add 192.0.2.1 192.0.2.2 esp 0x1006 -E null -A hmac-sha1 \(Keys.sha1) ;"),
                .get("get 192.0.2.1 192.0.2.2 esp 0x1006 ;", SAExpectation(
                    encryption: ("null", ""), authentication: ("hmac-sha1", Keys.sha1)).check),
            ]),
            Scenario("esp-encryption-only", "ESP with encryption and no authentication", requires: [esp, aesCBC], steps: [
                .apply("add 192.0.2.1 192.0.2.2 esp 0x1007 -E aes-cbc \(Keys.aes128) ;"),
                .get("get 192.0.2.1 192.0.2.2 esp 0x1007 ;", { sa, _ throws(CheckFailure) in
                    try Check.that(sa.authentication == nil || sa.authentication?.key.isEmpty == true,
                                   "expected no authentication key")
                    try Check.equal("encryption key", sa.encryption?.key.hex, String(Keys.aes128.dropFirst(2)))
                }),
            ]),
        ]
    }

    static var rules: [Scenario] {
        [
            Scenario("sa-duplicate-add", "adding an existing (dst, proto, SPI) fails with EEXIST",
                     requires: [esp, aesCBC, sha1], steps: [
                .apply(espAdd("192.0.2.1", "192.0.2.2", "0x1101")),
                .applyFails(espAdd("192.0.2.1", "192.0.2.2", "0x1101"), .alreadyExists),
            ]),
            Scenario("sa-same-spi-other-destination", "the same SPI towards another destination is another SA",
                     requires: [esp, aesCBC, sha1], steps: [
                .apply(espAdd("192.0.2.1", "192.0.2.2", "0x1102") + espAdd("192.0.2.1", "192.0.2.3", "0x1102")),
                .dumpSAs(.esp, dumpCount(2)),
            ]),
            Scenario("sa-same-spi-other-protocol", "the same SPI for ESP and AH are two SAs",
                     requires: [esp, ah, aesCBC, sha1], steps: [
                .apply(espAdd("192.0.2.1", "192.0.2.2", "0x1103")
                       + "add 192.0.2.1 192.0.2.2 ah 0x1103 -A hmac-sha1 \(Keys.sha1) ;"),
                .dumpSAs(.unspecified, dumpCount(2)),
            ]),
            Scenario("sa-delete-missing", "deleting a missing SA fails as the kernel says (ESRCH/ENOENT)",
                     requires: [esp], steps: [
                .applyFails("delete 192.0.2.1 192.0.2.2 esp 0x1104 ;", .notFound),
            ]),
            Scenario("sa-get-missing", "getting a missing SA fails (ESRCH/ENOENT)", requires: [esp], steps: [
                .getFails("get 192.0.2.1 192.0.2.2 esp 0x1105 ;", .notFound),
            ]),
            Scenario("sa-spi-maximum", "SPI 0xffffffff is valid", requires: [esp, aesCBC, sha1], steps: [
                .apply(espAdd("192.0.2.1", "192.0.2.2", "0xffffffff")),
                .get("get 192.0.2.1 192.0.2.2 esp 4294967295 ;", SAExpectation(spi: 0xffff_ffff).check),
            ]),
            Scenario("sa-spi-decimal-and-hex", "decimal and hex SPIs name the same SA", requires: [esp, aesCBC, sha1], steps: [
                .apply(espAdd("192.0.2.1", "192.0.2.2", "4096")),
                .get("get 192.0.2.1 192.0.2.2 esp 0x1000 ;", SAExpectation(spi: 4096).check),
                .applyFails(espAdd("192.0.2.1", "192.0.2.2", "0x1000"), .alreadyExists),
            ]),
            Scenario("sa-update", "update replaces the keys of an existing SA",
                     requires: [esp, aesCBC, sha1, .feature(.saUpdate)], steps: [
                .apply(espAdd("192.0.2.1", "192.0.2.2", "0x1106")),
                .apply("update 192.0.2.1 192.0.2.2 esp 0x1106 -E aes-cbc \(Keys.aes128b) -A hmac-sha1 \(Keys.sha1b) ;"),
                .get("get 192.0.2.1 192.0.2.2 esp 0x1106 ;", SAExpectation(
                    encryption: ("aes-cbc", Keys.aes128b), authentication: ("hmac-sha1", Keys.sha1b)).check),
            ]),
            Scenario("sa-update-missing", "update of a missing SA fails (ESRCH/ENOENT)",
                     requires: [esp, aesCBC, sha1, .feature(.saUpdate)], steps: [
                .applyFails("update 192.0.2.1 192.0.2.2 esp 0x1107 -E aes-cbc \(Keys.aes128) -A hmac-sha1 \(Keys.sha1) ;",
                            .notFound),
            ]),
            Scenario("sa-aes-key-between-sizes", "a 160-bit AES-CBC key is refused (only 128/192/256 exist)",
                     requires: [esp, aesCBC, sha1], steps: [
                .applyFails("add 192.0.2.1 192.0.2.2 esp 0x1108 -E aes-cbc \(Keys.counting(bits: 160)) -A hmac-sha1 \(Keys.sha1) ;",
                            .invalid),
            ]),
        ]
    }

    static var tables: [Scenario] {
        [
            Scenario("sa-deleteall", "deleteall removes every SA of one pair and protocol, nothing else",
                     requires: [esp, ah, aesCBC, sha1], steps: [
                .apply(espAdd("192.0.2.1", "192.0.2.2", "0x1201") + espAdd("192.0.2.1", "192.0.2.2", "0x1202")
                       + espAdd("192.0.2.1", "192.0.2.3", "0x1203") + espAdd("192.0.2.2", "192.0.2.1", "0x1204")
                       + "add 192.0.2.1 192.0.2.2 ah 0x1205 -A hmac-sha1 \(Keys.sha1) ;"),
                .apply("deleteall 192.0.2.1 192.0.2.2 esp ;"),
                .dumpSAs(.unspecified, dumpSPIs([0x1203, 0x1204, 0x1205])),
            ]),
            Scenario("sa-flush-all", "flush removes every SA", requires: [esp, ah, aesCBC, sha1], steps: [
                .apply(espAdd("192.0.2.1", "192.0.2.2", "0x1301")
                       + "add 192.0.2.1 192.0.2.2 ah 0x1302 -A hmac-sha1 \(Keys.sha1) ;"),
                .apply("flush ;"),
                .dumpSAs(.unspecified, dumpCount(0)),
            ]),
            Scenario("sa-flush-by-protocol", "flush esp leaves AH SAs", requires: [esp, ah, aesCBC, sha1], steps: [
                .apply(espAdd("192.0.2.1", "192.0.2.2", "0x1401")
                       + "add 192.0.2.1 192.0.2.2 ah 0x1402 -A hmac-sha1 \(Keys.sha1) ;"),
                .apply("flush esp ;"),
                .dumpSAs(.unspecified, dumpSPIs([0x1402])),
            ]),
            Scenario("sa-dump-by-protocol", "dump ah lists only AH SAs", requires: [esp, ah, aesCBC, sha1], steps: [
                .apply(espAdd("192.0.2.1", "192.0.2.2", "0x1501")
                       + "add 192.0.2.1 192.0.2.2 ah 0x1502 -A hmac-sha1 \(Keys.sha1) ;"),
                .dumpSAs(.ah, dumpSPIs([0x1502])),
                .dumpSAs(.esp, dumpSPIs([0x1501])),
                .dumpSAs(.unspecified, dumpCount(2)),
            ]),
            Scenario("sa-many", "200 SAs are all stored and dumped", requires: [esp, aesCBC, sha1], steps: [
                .apply((0..<200).map { espAdd("192.0.2.1", "192.0.2.2", "\(0x10000 + $0)") }.joined(separator: "\n")),
                .dumpSAs(.esp, dumpSPIs(Set((0..<200).map { UInt32(0x10000 + $0) }))),
            ]),
            Scenario("sa-empty-dump", "a dump of an empty SAD is empty, not an error", steps: [
                .dumpSAs(.unspecified, dumpCount(0)),
            ]),
        ]
    }

    static var attributes: [Scenario] {
        [
            Scenario("sa-lifetimes-time", "time lifetimes (-lh/-ls) are stored", requires: [esp, aesCBC, sha1], steps: [
                .apply(espAdd("192.0.2.1", "192.0.2.2", "0x1601", "-lh 3600 -ls 1800")),
                .get("get 192.0.2.1 192.0.2.2 esp 0x1601 ;", SAExpectation(hardAddTime: 3600, softAddTime: 1800).check),
            ]),
            Scenario("sa-lifetimes-bytes", "byte lifetimes (-bh/-bs) are stored",
                     requires: [esp, aesCBC, sha1, .feature(.byteLifetimes)], steps: [
                .apply(espAdd("192.0.2.1", "192.0.2.2", "0x1602", "-lh 3600 -ls 1800 -bh 100000 -bs 50000")),
                .get("get 192.0.2.1 192.0.2.2 esp 0x1602 ;", SAExpectation(hardBytes: 100000, softBytes: 50000).check),
            ]),
            Scenario("sa-replay-window", "the replay window is stored", requires: [esp, aesCBC, sha1], steps: [
                .apply(espAdd("192.0.2.1", "192.0.2.2", "0x1603", "-r 32")),
                .get("get 192.0.2.1 192.0.2.2 esp 0x1603 ;", SAExpectation(replayWindow: 32).check),
            ]),
            Scenario("sa-padding-flags", "padding and sequence flags are kept (BSD kernels report them)",
                     requires: [esp, aesCBC, sha1], steps: [
                .apply(espAdd("192.0.2.1", "192.0.2.2", "0x1604", "-f random-pad -f nocyclic-seq")),
                .get("get 192.0.2.1 192.0.2.2 esp 0x1604 ;", SAExpectation(flags: .randomPadding).check),
            ]),
            Scenario("sa-nat-traversal", "an ESP-in-UDP SA keeps its encapsulation ports",
                     requires: [esp, aesCBC, sha1, .feature(.natTraversal)], steps: [
                .apply("add 192.0.2.1[4500] 192.0.2.2[4501] esp-udp 0x1605 -m tunnel -E aes-cbc \(Keys.aes128) -A hmac-sha1 \(Keys.sha1) ;"),
                .get("get 192.0.2.1 192.0.2.2 esp 0x1605 ;", SAExpectation(mode: .tunnel, natPorts: (4500, 4501)).check),
            ]),
        ]
    }
}
