import SetkeyCore

/// The statements of the kernel-lab reference scenario (Tests/Fixtures/reference/
/// setkey-ipsec-tools-0.9.1/input/{sa,spd}-variety.conf) as the parser resolves them, so
/// the backend can be checked against what ipsec-tools printed before the CLI exists.
enum PFKeyReferenceModels {
    static let v4a = IPAddress("10.0.0.1")!, v4b = IPAddress("10.0.0.2")!
    static let v6a = IPAddress("fec0::10")!, v6b = IPAddress("fec0::11")!

    static func hex(_ s: String) -> SAKey {
        var bytes = [UInt8]()
        var it = Array(s.utf8).makeIterator()
        func nibble(_ c: UInt8) -> UInt8 { c <= 57 ? c - 48 : (c | 0x20) - 87 }
        while let h = it.next(), let l = it.next() { bytes.append(nibble(h) << 4 | nibble(l)) }
        return SAKey(bytes)
    }

    static let k16 = "00112233445566778899aabbccddeeff"

    static func enc(_ id: UInt8, _ key: SAKey = .empty) -> KeyedAlgorithm { KeyedAlgorithm(id: AlgorithmID(.encryption, id), key: key) }
    static func auth(_ id: UInt8, _ key: SAKey) -> KeyedAlgorithm { KeyedAlgorithm(id: AlgorithmID(.authentication, id), key: key) }
    static func text(_ s: String) -> SAKey { SAKey(Array(s.utf8)) }

    static func esp(_ spi: UInt32, _ e: KeyedAlgorithm?, _ a: KeyedAlgorithm?, mode: IPsecMode = .any) -> SecurityAssociation {
        SecurityAssociation(source: v4a, destination: v4b, type: .esp, spi: SPI(spi), mode: mode, encryption: e, authentication: a)
    }

    /// sa-variety.conf, in file order.
    static var saVariety: [SecurityAssociation] {
        var tunnel = esp(0x1002, enc(12, hex(k16)), auth(5, hex(k16 + k16)), mode: .tunnel)
        tunnel.reqid = RequestID(100)
        tunnel.replayWindow = 32
        tunnel.hardLifetime = Lifetime(bytes: 100_000, addTime: 3600)
        tunnel.softLifetime = Lifetime(bytes: 50_000, addTime: 1800)
        let ah2 = SecurityAssociation(source: v4a, destination: v4b, type: .ah, spi: SPI(0x2002), mode: .tunnel,
                                      reqid: RequestID(7), authentication: auth(5, hex(k16 + k16)))
        var natt = esp(0x4001, enc(12, hex(k16)), auth(3, hex(k16 + "00112233")), mode: .tunnel)
        natt.sourcePort = 4500
        natt.destinationPort = 4500
        natt.natTraversal = NATTraversal()
        return [
            esp(0x1001, enc(3, text("kamekame12341234kame1234")), auth(3, text("this is the test key")), mode: .transport),
            tunnel,
            esp(0x1003, enc(13, hex(k16 + "01020304")), auth(7, hex(k16 + k16 + k16 + k16))),
            esp(0x1004, enc(7, text("kamekame")), auth(2, text("this is the test"))),
            esp(0x1005, enc(6, hex(k16)), auth(6, hex(k16 + k16 + k16))),
            esp(0x1006, enc(253, hex(k16)), auth(8, hex(k16 + "00112233"))),
            esp(0x1007, enc(22, hex(k16)), auth(9, hex(k16))),
            esp(0x1008, enc(2, hex("0011223344556677")), auth(3, hex(k16 + "00112233"))),
            esp(0x1009, enc(11), auth(3, hex(k16 + "00112233"))),
            esp(0x100a, enc(12, hex(k16 + k16)), nil),
            SecurityAssociation(source: v4a, destination: v4b, type: .ah, spi: SPI(0x2001), mode: .transport,
                                authentication: auth(3, text("this is the test key"))),
            ah2,
            SecurityAssociation(source: v4a, destination: v4b, type: .ah, spi: SPI(0x2003), authentication: auth(9, hex(k16))),
            SecurityAssociation(source: v4a, destination: v4b, type: .ipcomp, spi: SPI(0x3001), mode: .transport,
                                compression: KeyedAlgorithm(id: AlgorithmID(.compression, 2))),
            SecurityAssociation(source: v4a, destination: v4b, type: .ipcomp, spi: SPI(0x3002), flags: [.cyclicSequence, .rawCPI],
                                compression: KeyedAlgorithm(id: AlgorithmID(.compression, 2))),
            SecurityAssociation(source: v6a, destination: v6b, type: .esp, spi: SPI(0x10001), mode: .transport,
                                encryption: enc(7, text("kamekame")), authentication: auth(3, text("this is the test key"))),
            SecurityAssociation(source: v6b, destination: v6a, type: .ah, spi: SPI(0x10002), mode: .tunnel,
                                authentication: auth(2, text("this is the test"))),
            SecurityAssociation(source: v6b, destination: v6a, type: .ipcomp, spi: SPI(0x10003),
                                compression: KeyedAlgorithm(id: AlgorithmID(.compression, 2))),
            natt,
        ]
    }

    static func prefix(_ s: String, _ length: UInt8? = nil) -> IPPrefix { IPPrefix(IPAddress(s)!, length: length) }

    static func policy(_ src: IPPrefix, _ dst: IPPrefix, upper: UpperLayerProtocol = .any, sport: UInt16 = 0,
                       dport: UInt16 = 0, dir: PolicyDirection, action: PolicyAction = .ipsec,
                       priority: UInt32? = nil, requests: [IPsecRequest] = []) -> SecurityPolicy {
        SecurityPolicy(selector: PolicySelector(source: src, destination: dst, sourcePort: sport, destinationPort: dport,
                                                upperLayer: upper),
                       direction: dir, action: action, priority: priority.map { PolicyPriority($0) }, requests: requests)
    }

    static func req(_ p: RequestProtocol, _ m: IPsecMode, _ l: IPsecLevel, _ ends: (String, String)? = nil,
                    reqid: UInt32 = 0) -> IPsecRequest {
        IPsecRequest(proto: p, mode: m, endpoints: ends.map { TunnelEndpoints(source: IPAddress($0.0)!, destination: IPAddress($0.1)!) },
                     level: l, reqid: RequestID(reqid))
    }

    /// spd-variety.conf in file order, each `in` policy followed by the `fwd` copy that
    /// ipsec-tools sends in its default RFC mode (the executor's job in this project).
    static var spdVariety: [SecurityPolicy] {
        let written: [SecurityPolicy] = [
            policy(prefix("10.0.0.1"), prefix("10.0.0.2"), dir: .outbound, requests: [req(.esp, .transport, .require)]),
            policy(prefix("10.0.0.2"), prefix("10.0.0.1"), dir: .inbound, requests: [req(.esp, .transport, .require)]),
            policy(prefix("10.0.1.0", 24), prefix("10.0.2.0", 24), dir: .outbound,
                   requests: [req(.ah, .tunnel, .require, ("172.16.0.1", "172.16.0.2"))]),
            policy(prefix("10.0.2.0", 24), prefix("10.0.1.0", 24), dir: .forward,
                   requests: [req(.esp, .tunnel, .unique, ("172.16.0.2", "172.16.0.1"), reqid: 42)]),
            policy(prefix("192.168.1.0", 24), prefix("192.168.2.0", 24), upper: .tcp, dport: 80, dir: .outbound,
                   requests: [req(.esp, .transport, .use), req(.ah, .transport, .require)]),
            policy(prefix("192.168.1.1"), prefix("192.168.2.2"), upper: .udp, sport: 1234, dport: 53, dir: .outbound,
                   action: .none, priority: 0x8000_0000 - 100),
            policy(prefix("192.168.1.1"), prefix("192.168.2.2"), upper: .icmp, dir: .inbound, action: .discard,
                   priority: 0x8000_0000 - 10),
            policy(prefix("0.0.0.0", 0), prefix("0.0.0.0", 0), dir: .outbound, priority: 0xC000_0000,
                   requests: [req(.esp, .transport, .use)]),
            policy(prefix("fec0::", 64), prefix("fec0:0:0:1::", 64), upper: .tcp, dport: 110, dir: .outbound,
                   requests: [req(.esp, .tunnel, .require, ("fec0::1", "fec0:0:0:1::1")), req(.ah, .transport, .require)]),
            policy(prefix("fec0::1"), prefix("fec0::2"), upper: .icmpv6, sport: 135, dport: 0, dir: .outbound, action: .none),
            policy(prefix("fec0::1"), prefix("fec0::2"), dir: .inbound,
                   requests: [req(.ipcomp, .transport, .use), req(.esp, .transport, .require)]),
        ]
        return written.flatMap { p -> [SecurityPolicy] in
            guard p.direction == .inbound else { return [p] }
            var fwd = p
            fwd.direction = .forward
            return [p, fwd]
        }
    }
}
