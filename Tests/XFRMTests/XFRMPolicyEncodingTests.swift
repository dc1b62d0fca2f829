import Testing
import SetkeyCore
@testable import SetkeyXFRM

/// NEWPOLICY/DELPOLICY/FLUSHPOLICY bytes, field by field, as af_key would build the kernel
/// policy from setkey's SPDADD.
@Suite struct XFRMPolicyEncodingTests {
    /// spdadd 10.0.1.0/24[any] 10.0.2.0/24[80] tcp -P out prio def + 10
    ///        ipsec esp/tunnel/172.16.0.1-172.16.0.2/unique:42 ;
    @Test func tunnelPolicyWithPortsPriorityAndUniqueReqid() {
        let p = Make.policy("10.0.1.0/24", "10.0.2.0/24", .outbound, upper: .tcp, dport: 80,
                            priority: PolicyPriority(0x8000_0000 - 10),
                            requests: [IPsecRequest(proto: .esp, mode: .tunnel,
                                                    endpoints: TunnelEndpoints(source: Make.address("172.16.0.1"),
                                                                               destination: Make.address("172.16.0.2")),
                                                    level: .unique, reqid: RequestID(42))])
        guard case .send(let requests) = XFRMRequestPlanner.plan(.spdAdd(p)), requests.count == 1 else {
            Issue.record("not planned as one request")
            return
        }
        let inf = UInt64.max
        let expected = ByteFixture()
            .u32(252).u16(0x13).u16(0x1).u32(7).u32(0)  // nlmsghdr: len, XFRM_MSG_NEWPOLICY, NLM_F_REQUEST, seq, pid
            .ipv4(10, 0, 2, 0)                         // sel.daddr (address as written)
            .ipv4(10, 0, 1, 0)                         // sel.saddr
            .be16(80).u16(0xffff)                      // sel.dport, dport_mask (a mask only for a port)
            .be16(0).u16(0)                            // sel.sport, sport_mask
            .u16(2).u8(24).u8(24).u8(6).zeros(3)       // sel.family AF_INET, prefixlen_d, prefixlen_s, proto tcp, pad
            .u32(0).u32(0)                             // sel.ifindex, sel.user
            .u64(inf).u64(inf).u64(inf).u64(inf)       // lft: soft/hard byte, soft/hard packet limits: none
            .u64(0).u64(0).u64(0).u64(0)               // lft: soft/hard add, soft/hard use expiry: none
            .zeros(32)                                 // curlft
            .u32(0x7fff_fff6).u32(0)                   // priority (def + 10), index (kernel chooses)
            .u8(1).u8(0).u8(0).u8(0).zeros(4)          // dir out, action allow, flags, share any, pad
            .u16(68).u16(5)                            // nlattr XFRMA_TMPL
            .ipv4(172, 16, 0, 2).be32(0).u8(50).zeros(3)  // tmpl.id: daddr, spi 0, proto esp, pad
            .u16(2).zeros(2).ipv4(172, 16, 0, 1)       // tmpl.family, pad, tmpl.saddr
            .u32(42).u8(1).u8(0).u8(0).zeros(1)        // tmpl.reqid, mode tunnel, share, optional 0, pad
            .u32(~0).u32(~0).u32(~0)                   // tmpl.aalgos, ealgos, calgos: all algorithms
        #expect(ByteFixture().raw(requests[0].encoded(sequence: 7)) == expected)
    }

    /// spdadd 192.168.1.1 192.168.2.2 icmp -P in priority def + 10 discard ; with type 8 code 0
    @Test func discardPolicyHasNoTemplateAndPortsCarryICMPTypeAndCode() {
        let p = Make.policy("192.168.1.1", "192.168.2.2", .inbound, action: .discard, upper: .icmp, sport: 8, dport: 0,
                            priority: PolicyPriority(0x7fff_fff6))
        guard case .send(let r) = XFRMRequestPlanner.plan(.spdUpdate(p)) else { Issue.record("refused"); return }
        let bytes = r[0].encoded(sequence: 1)
        #expect(bytes.count == 16 + 168)
        #expect(bytes[4] == 0x19)                                   // XFRM_MSG_UPDPOLICY
        #expect(Array(bytes[16 + 36..<16 + 40]) == [0, 8, 0xff, 0xff])  // sport type 8 (network order), mask
        #expect(Array(bytes[16 + 32..<16 + 36]) == [0, 0, 0, 0])        // dport code 0, no mask
        #expect(bytes[16 + 44] == 1)                                // proto icmp
        #expect(bytes[16 + 160] == 0 && bytes[16 + 161] == 1)       // dir in, action block
    }

    @Test func noPriorityIsDefAndAnyUpperLayerIsProtocolZero() {
        let info = XFRMPolicyMapping.info(for: Make.policy("::/0", "::/0", .forward))
        #expect(info.priority == 0x8000_0000)
        #expect(info.sel.proto == 0)
        #expect(info.sel.family == 10)
        #expect(info.dir == 2)
    }

    @Test func levelsBecomeOptionalAndReqidAsAfKeyParsesThem() {
        let p = Make.policy("10.0.0.1", "10.0.0.2", .inbound, requests: [
            IPsecRequest(proto: .ipcomp, mode: .transport, level: .use, reqid: RequestID(9)),
            IPsecRequest(proto: .esp, mode: .transport, level: .require, reqid: RequestID(9)),
            IPsecRequest(proto: .ah, mode: .transport, level: .default),
            IPsecRequest(proto: .esp, mode: .transport, level: .unique, reqid: RequestID(7)),
        ])
        let t = XFRMPolicyMapping.templates(for: p, reqids: p.requests.map(\.reqid.rawValue))
        #expect(t.map(\.optional) == [1, 0, 0, 0])
        #expect(t.map(\.reqid) == [0, 0, 0, 7])  // af_key keeps a reqid only for unique
        #expect(t.map(\.id.proto) == [108, 50, 51, 50])
        #expect(t.allSatisfy { $0.family == 2 && $0.mode == 0 })
    }

    @Test(arguments: [
        (PolicyAction.entrust, Errno.invalidArgument), (.bypass, .invalidArgument),
    ])
    func actionsLinuxLacksAreRefusedBeforeSending(action: PolicyAction, errno: Errno) {
        let p = Make.policy("10.0.0.1", "10.0.0.2", .outbound, action: action)
        guard case .refuse(let e) = XFRMRequestPlanner.plan(.spdAdd(p)) else { Issue.record("sent"); return }
        #expect(e.errno == errno)
    }

    @Test func sevenRequestsAreELOOPAsAfKeySays() {
        let r = IPsecRequest(proto: .esp, mode: .transport, level: .require)
        let p = Make.policy("10.0.0.1", "10.0.0.2", .outbound, requests: Array(repeating: r, count: 7))
        guard case .refuse(let e) = XFRMRequestPlanner.plan(.spdAdd(p)) else { Issue.record("sent"); return }
        #expect(e.errno == .tooManyLevels)
        let six = Make.policy("10.0.0.1", "10.0.0.2", .outbound, requests: Array(repeating: r, count: 6))
        guard case .send = XFRMRequestPlanner.plan(.spdAdd(six)) else { Issue.record("six refused"); return }
    }

    @Test func tunnelWithoutEndpointsAndDirectionAnyAreEINVAL() {
        let t = Make.policy("10.0.0.1", "10.0.0.2", .outbound, requests: [IPsecRequest(proto: .esp, mode: .tunnel)])
        let any = Make.policy("10.0.0.1", "10.0.0.2", .any)
        for p in [t, any] {
            guard case .refuse(let e) = XFRMRequestPlanner.plan(.spdAdd(p)) else { Issue.record("sent"); continue }
            #expect(e.errno == .invalidArgument)
        }
    }

    @Test func uniqueWithoutManualReqidNeedsTheKernelInventory() {
        for reqid: UInt32 in [0, 0x4000] {
            let p = Make.policy("10.0.0.1", "10.0.0.2", .outbound,
                                requests: [IPsecRequest(proto: .esp, mode: .transport, level: .unique, reqid: RequestID(reqid))])
            guard case .policyNeedingRequestIDs = XFRMRequestPlanner.plan(.spdAdd(p)) else {
                Issue.record("reqid \(reqid) planned without generation")
                continue
            }
        }
    }

    @Test func deleteAndFlushMessages() {
        let id = Make.policy("10.0.0.1", "10.0.0.2", .inbound).identity
        guard case .send(let d) = XFRMRequestPlanner.plan(.spdDelete(id)),
              case .send(let f) = XFRMRequestPlanner.plan(.spdFlush) else { Issue.record("refused"); return }
        let del = d[0].encoded(sequence: 3)
        #expect(del.count == 16 + 64)       // xfrm_userpolicy_id: selector, index, dir (+ padding)
        #expect(del[4] == 0x14)             // XFRM_MSG_DELPOLICY
        #expect(del[16 + 60] == 0)          // dir in
        #expect(f[0].encoded(sequence: 4) == ByteFixture().u32(16).u16(0x1d).u16(1).u32(4).u32(0).bytes)
    }
}
