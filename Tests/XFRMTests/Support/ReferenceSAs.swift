import SetkeyCore

/// sa-variety.conf of shared/reference/setkey-ipsec-tools-0.9.1/input as model values, in
/// file order, as the parser would build them (flags `setkeyDefault`, `-R` adding raw CPI).
enum ReferenceSAs {
    private static func sa(_ src: String, _ dst: String, _ type: SAType, _ spi: UInt32, mode: IPsecMode = .any,
                           enc: (String, SAKey)? = nil, auth: (String, SAKey)? = nil) -> SecurityAssociation {
        SecurityAssociation(source: Make.address(src), destination: Make.address(dst), type: type, spi: SPI(spi),
                            mode: mode,
                            encryption: enc.map { Make.algorithm($0.0, .encryption, $0.1) },
                            authentication: auth.map { Make.algorithm($0.0, .authentication, $0.1) })
    }
    private static let k16 = Make.key("00112233445566778899aabbccddeeff")
    private static let k20 = Make.key("00112233445566778899aabbccddeeff00112233")
    private static let k32 = Make.key("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff")

    static let saVariety: [SecurityAssociation] = {
        var out = [SecurityAssociation]()
        out.append(sa("10.0.0.1", "10.0.0.2", .esp, 0x1001, mode: .transport,
                      enc: ("3des-cbc", Make.key(text: "kamekame12341234kame1234")),
                      auth: ("hmac-sha1", Make.key(text: "this is the test key"))))
        var s2 = sa("10.0.0.1", "10.0.0.2", .esp, 0x1002, mode: .tunnel, enc: ("aes-cbc", k16), auth: ("hmac-sha256", k32))
        s2.reqid = RequestID(100)
        s2.replayWindow = 32
        s2.hardLifetime = Lifetime(bytes: 100000, addTime: 3600)
        s2.softLifetime = Lifetime(bytes: 50000, addTime: 1800)
        out.append(s2)
        out.append(sa("10.0.0.1", "10.0.0.2", .esp, 0x1003, mode: .any,
                      enc: ("aes-ctr", Make.key("00112233445566778899aabbccddeeff01020304")),
                      auth: ("hmac-sha512", Make.key(String(repeating: "00112233445566778899aabbccddeeff", count: 4)))))
        out.append(sa("10.0.0.1", "10.0.0.2", .esp, 0x1004, enc: ("blowfish-cbc", Make.key(text: "kamekame")),
                      auth: ("hmac-md5", Make.key(text: "this is the test"))))
        out.append(sa("10.0.0.1", "10.0.0.2", .esp, 0x1005, enc: ("cast128-cbc", k16),
                      auth: ("hmac-sha384", Make.key(String(repeating: "00112233445566778899aabbccddeeff", count: 3)))))
        out.append(sa("10.0.0.1", "10.0.0.2", .esp, 0x1006, enc: ("twofish-cbc", k16), auth: ("hmac-ripemd160", k20)))
        out.append(sa("10.0.0.1", "10.0.0.2", .esp, 0x1007, enc: ("camellia-cbc", k16), auth: ("aes-xcbc-mac", k16)))
        out.append(sa("10.0.0.1", "10.0.0.2", .esp, 0x1008, enc: ("des-cbc", Make.key("0011223344556677")),
                      auth: ("hmac-sha1", k20)))
        out.append(sa("10.0.0.1", "10.0.0.2", .esp, 0x1009, enc: ("null", .empty), auth: ("hmac-sha1", k20)))
        out.append(sa("10.0.0.1", "10.0.0.2", .esp, 0x100a, enc: ("aes-cbc", k32)))
        out.append(sa("10.0.0.1", "10.0.0.2", .ah, 0x2001, mode: .transport,
                      auth: ("hmac-sha1", Make.key(text: "this is the test key"))))
        var a2 = sa("10.0.0.1", "10.0.0.2", .ah, 0x2002, mode: .tunnel, auth: ("hmac-sha256", k32))
        a2.reqid = RequestID(7)
        out.append(a2)
        out.append(sa("10.0.0.1", "10.0.0.2", .ah, 0x2003, auth: ("aes-xcbc-mac", k16)))
        var c1 = sa("10.0.0.1", "10.0.0.2", .ipcomp, 0x3001, mode: .transport)
        c1.compression = Make.algorithm("deflate", .compression)
        out.append(c1)
        var c2 = sa("10.0.0.1", "10.0.0.2", .ipcomp, 0x3002)
        c2.compression = Make.algorithm("deflate", .compression)
        c2.flags.insert(.rawCPI)
        out.append(c2)
        out.append(sa("fec0::10", "fec0::11", .esp, 0x10001, mode: .transport,
                      enc: ("blowfish-cbc", Make.key(text: "kamekame")),
                      auth: ("hmac-sha1", Make.key(text: "this is the test key"))))
        out.append(sa("fec0::11", "fec0::10", .ah, 0x10002, mode: .tunnel, auth: ("hmac-md5", Make.key(text: "this is the test"))))
        var c3 = sa("fec0::11", "fec0::10", .ipcomp, 0x10003)
        c3.compression = Make.algorithm("deflate", .compression)
        out.append(c3)
        var n = sa("10.0.0.1", "10.0.0.2", .esp, 0x4001, mode: .tunnel, enc: ("aes-cbc", k16), auth: ("hmac-sha1", k20))
        n.sourcePort = 4500
        n.destinationPort = 4500
        n.natTraversal = NATTraversal()
        out.append(n)
        return out
    }()

    /// What af_key reports for `sa` once Linux stores it (the model side of sa-variety.D):
    /// mode any as transport, only kernel flags, replay capped at 32, no ports on the
    /// addresses (NAT-T ports stay in `natTraversal`), state mature with a current lifetime.
    static func asLinuxReportsIt(_ sa: SecurityAssociation, addTime: UInt64) -> SecurityAssociation {
        var out = sa
        if out.mode == .any { out.mode = .transport }
        out.flags = sa.flags.intersection(SAFlags.linuxKernelFlags)
        out.replayWindow = min(sa.replayWindow, 32)
        out.sourcePort = 0
        out.destinationPort = 0
        out.reported = ReportedSAState(state: .mature, current: Lifetime(addTime: addTime))
        return out
    }
}
