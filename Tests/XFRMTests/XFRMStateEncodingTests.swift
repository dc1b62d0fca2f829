import Testing
import SetkeyCore
@testable import SetkeyXFRM

/// NEWSA/UPDSA/DELSA/FLUSHSA bytes as af_key would build the kernel SA from setkey's ADD.
@Suite struct XFRMStateEncodingTests {
    /// add 10.0.0.1 10.0.0.2 esp 0x1002 -m tunnel -u 100 -r 32 -lh 3600 -ls 1800 -bh 100000 -bs 50000
    ///     -E aes-cbc 0x00112233445566778899aabbccddeeff -A hmac-sha256 0x0011...eeff ;
    @Test func espTunnelWithLifetimesReplayAndTruncatedSHA256() throws {
        let sa = ReferenceSAs.saVariety[1]
        let request = try XFRMRequestPlanner.saRequest(sa, update: false)
        let inf = UInt64.max
        let k16: [UInt8] = [0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff]
        let expected = ByteFixture()
            .u32(436).u16(0x10).u16(0x1).u32(9).u32(0)  // nlmsghdr: XFRM_MSG_NEWSA, NLM_F_REQUEST, seq 9
            .zeros(40).u16(2).zeros(14)                 // sel: empty, family AF_INET (af_key: sel.family = family)
            .ipv4(10, 0, 0, 2).be32(0x1002).u8(50).zeros(3)  // id: daddr, spi (network order), proto esp, pad
            .ipv4(10, 0, 0, 1)                          // saddr
            .u64(50000).u64(100000)                     // lft: soft/hard byte limit (-bs/-bh)
            .u64(inf).u64(inf)                          // lft: soft/hard packet limit: none
            .u64(1800).u64(3600)                        // lft: soft/hard add expiry (-ls/-lh)
            .u64(0).u64(0)                              // lft: soft/hard use expiry
            .zeros(32).zeros(12)                        // curlft, stats
            .u32(0).u32(100).u16(2)                     // seq, reqid (-u), family
            .u8(1).u8(32).u8(0).zeros(7)                // mode tunnel, replay window 32, flags none, pad
            .u16(88).u16(2).text("cbc(aes)", size: 64).u32(128).raw(k16)  // XFRMA_ALG_CRYPT: name, key bits, key
            .u16(108).u16(20).text("hmac(sha256)", size: 64).u32(256).u32(96)  // XFRMA_ALG_AUTH_TRUNC: name, bits, ICV 96
            .raw(k16).raw(k16)                          // auth key
        #expect(ByteFixture().raw(request.encoded(sequence: 9)) == expected)
    }

    @Test func modeAnyIsTransportKAMEFlagsAreDroppedReplayIsCapped() {
        var sa = Make.esp("10.0.0.1", "10.0.0.2", spi: 1, mode: .any)
        sa.flags = [.cyclicSequence, .randomPadding, .noECN]
        sa.replayWindow = 300
        let info = XFRMStateMapping.info(for: sa)
        #expect(info.mode == 0)
        #expect(info.flags == 1)  // XFRM_STATE_NOECN only
        #expect(info.replay_window == 32)
    }

    @Test func natTraversalBecomesEspInUDPEncapsulation() throws {
        let sa = ReferenceSAs.saVariety.last!
        let bytes = try XFRMRequestPlanner.saRequest(sa, update: true).encoded(sequence: 1)
        #expect(bytes[4] == 0x1a)  // XFRM_MSG_UPDSA
        let encap = ByteFixture().u16(28).u16(4)    // nlattr XFRMA_ENCAP
            .u16(2).be16(4500).be16(4500).zeros(2)   // encap_type ESP-in-UDP, sport, dport, pad
            .zeros(16)                               // encap_oa: none
        #expect(Array(bytes.suffix(28)) == encap.bytes)
    }

    @Test func aeadGoesInXFRMA_ALG_AEADWithItsICV() throws {
        let key = Make.key(String(repeating: "ab", count: 20))
        let sa = Make.esp("10.0.0.1", "10.0.0.2", spi: 2, enc: Make.algorithm("aes-gcm-16", .encryption, key))
        let algs = try XFRMAlgorithmMapping.attributes(for: sa)
        #expect(algs == [XFRMAlgorithm(slot: .aead(icvBits: 128), name: "rfc4106(gcm(aes))", key: key)])
        #expect(algs[0].encoded.count == 72 + 20)
    }

    @Test func compressionHasNoKeyAndNullEncryptionAnEmptyOne() throws {
        let comp = ReferenceSAs.saVariety[13]
        #expect(try XFRMAlgorithmMapping.attributes(for: comp) == [XFRMAlgorithm(slot: .compression, name: "deflate", key: .empty)])
        let null = ReferenceSAs.saVariety[8]
        let algs = try XFRMAlgorithmMapping.attributes(for: null)
        #expect(algs[0] == XFRMAlgorithm(slot: .encryption, name: "ecb(cipher_null)", key: .empty))
        #expect(algs[1].slot == .authentication(truncationBits: 96))
    }

    @Test func chosenICVLengthOverridesTheLinuxDefault() throws {
        var sa = Make.esp("10.0.0.1", "10.0.0.2", spi: 3,
                          auth: Make.algorithm("hmac-sha256", .authentication, Make.key(String(repeating: "01", count: 32))))
        sa.authentication?.icvBits = 128
        #expect(try XFRMAlgorithmMapping.attributes(for: sa)[1].slot == .authentication(truncationBits: 128))
    }

    @Test func keysOutsideTheRegisteredRangeAreEINVALAsSetkeyChecks() {
        let longSHA = Make.esp("10.0.0.1", "10.0.0.2", spi: 7,
                               auth: Make.algorithm("hmac-sha256", .authentication, Make.key(String(repeating: "01", count: 33))))
        let shortAES = Make.esp("10.0.0.1", "10.0.0.2", spi: 8, enc: Make.algorithm("aes-cbc", .encryption, Make.key("0011")))
        for sa in [longSHA, shortAES] {
            guard case .refuse(let e) = XFRMRequestPlanner.plan(.add(sa)) else { Issue.record("sent"); continue }
            #expect(e.errno == .invalidArgument)
        }
        #expect(XFRMRequestPlanner.plan(.add(longSHA)).refusal?.detail == "invalid key length: hmac-sha256 takes 256 bits, not 264")
    }

    @Test func algorithmsWithoutALinuxNameAreENOSYS() {
        var sa = SecurityAssociation(source: Make.address("10.0.0.1"), destination: Make.address("10.0.0.2"),
                                     type: .ipcomp, spi: SPI(4))
        sa.compression = Make.algorithm("oui", .compression)
        guard case .refuse(let e) = XFRMRequestPlanner.plan(.add(sa)) else { Issue.record("sent"); return }
        #expect(e.errno == .notImplemented)
    }

    @Test func espWithoutEncryptionAndAHWithoutAuthenticationAreEINVALAsAfKeySays() {
        var esp = Make.esp("10.0.0.1", "10.0.0.2", spi: 5)
        esp.encryption = nil
        esp.authentication = Make.algorithm("hmac-sha1", .authentication, Make.key(String(repeating: "01", count: 20)))
        let ah = SecurityAssociation(source: Make.address("10.0.0.1"), destination: Make.address("10.0.0.2"), type: .ah, spi: SPI(6))
        for sa in [esp, ah] {
            guard case .refuse(let e) = XFRMRequestPlanner.plan(.add(sa)) else { Issue.record("sent"); continue }
            #expect(e.errno == .invalidArgument)
        }
    }

    @Test func deleteGetAndFlushCarryTheKernelIdentity() {
        let sa = ReferenceSAs.saVariety[16]  // fec0::11 -> fec0::10 ah 0x10002
        let del = XFRMRequest.saIdentity(.deleteSA, XFRMStateMapping.identity(sa.identity)).encoded(sequence: 2)
        let expected = ByteFixture()
            .u32(40).u16(0x11).u16(1).u32(2).u32(0)           // nlmsghdr: XFRM_MSG_DELSA
            .raw([0xfe, 0xc0] + [UInt8](repeating: 0, count: 13) + [0x10])  // daddr fec0::10
            .be32(0x10002).u16(10).u8(51).zeros(1)             // spi, family AF_INET6, proto ah, pad
        #expect(ByteFixture().raw(del) == expected)
        guard case .send(let all) = XFRMRequestPlanner.plan(.flush(.unspecified)),
              case .send(let ipcomp) = XFRMRequestPlanner.plan(.flush(.ipcomp)) else { Issue.record("refused"); return }
        #expect(all[0].encoded(sequence: 1).suffix(4) == [255, 0, 0, 0])  // IPSEC_PROTO_ANY (+ padding)
        #expect(ipcomp[0].encoded(sequence: 1).suffix(4) == [108, 0, 0, 0])
    }
}
