import SetkeyCore

/// The model values behind the kernel-lab `-v` captures (verbose.conf) and the fixtures.
enum PFKeyModelSamples {
    static let a = IPAddress("10.1.0.1")!
    static let b = IPAddress("10.1.0.2")!
    static let aesKey = SAKey([0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff])
    static let sha1Key = SAKey([0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff,
                                0x00, 0x11, 0x22, 0x33])

    /// `add 10.1.0.1 10.1.0.2 esp 0x7001 -m transport -E aes-cbc ... -A hmac-sha1 ... ;`
    static let sa = SecurityAssociation(
        source: a, destination: b, type: .esp, spi: SPI(0x7001), mode: .transport,
        encryption: KeyedAlgorithm(id: AlgorithmID(.encryption, 12), key: aesKey),
        authentication: KeyedAlgorithm(id: AlgorithmID(.authentication, 3), key: sha1Key))

    /// The same SA as a Linux kernel reports it (flags dropped, mature, created at 1796322731).
    static func reported(pid: UInt32, sequence: UInt32 = 0) -> SecurityAssociation {
        var s = sa
        s.flags = []
        s.reported = ReportedSAState(state: .mature, current: Lifetime(addTime: 1_796_322_731),
                                     messageSequence: sequence, messagePID: pid, referenceCount: 0)
        return s
    }

    /// `spdadd 10.1.0.1 10.1.0.2 any -P out ipsec esp/transport//require ;`
    static let policy = SecurityPolicy(
        selector: PolicySelector(source: IPPrefix(a), destination: IPPrefix(b)), direction: .outbound, action: .ipsec,
        requests: [IPsecRequest(proto: .esp, mode: .transport, level: .require)])

    /// That policy as the kernel dumped it to pid 667 (spid 113, refcnt 2).
    static var reportedPolicy: SecurityPolicy {
        var p = policy
        p.priority = .default
        p.reported = ReportedPolicyState(id: 113, created: 1_796_322_731, hasLifetimes: true, messageSequence: 0,
                                         messagePID: 667, referenceCount: 2)
        return p
    }
}
