import Testing
import CXFRM
import SetkeyCore
@testable import SetkeyXFRM

/// Decoder cases the captures do not show: states and policies setkey would print
/// differently or not at all.
@Suite struct XFRMDecoderEdgeTests {
    private func decodeSA(_ info: xfrm_usersa_info, now: UInt64 = 0) throws -> SecurityAssociation? {
        try XFRMDecoder.securityAssociation(info, XFRMAttributes(), now: now)
    }

    @Test func aStateWithoutAlgorithmsIsLarval() throws {
        var p = XFRMStateMapping.info(for: Make.esp("10.0.0.1", "10.0.0.2", spi: 0))
        p.curlft.add_time = 100
        let sa = try #require(try decodeSA(p))
        #expect(sa.state == .larval)
    }

    @Test func softLimitsReachedMakeItDying() {
        var cfg = XFRMLifetime.configuration(hard: .unlimited, soft: Lifetime(bytes: 1000, addTime: 30))
        var cur = xfrm_lifetime_cur()
        cur.add_time = 1000
        #expect(!XFRMLifetime.softLimitReached(cfg, cur, now: 1029))
        #expect(XFRMLifetime.softLimitReached(cfg, cur, now: 1030))
        cur.bytes = 1000
        #expect(XFRMLifetime.softLimitReached(cfg, cur, now: 1000))
        cfg = XFRMLifetime.configuration(hard: .unlimited, soft: .unlimited)
        #expect(!XFRMLifetime.softLimitReached(cfg, cur, now: 1 << 40))
    }

    @Test func statesSetkeyCannotShowAreSkipped() throws {
        var p = XFRMStateMapping.info(for: Make.esp("10.0.0.1", "10.0.0.2", spi: 1))
        p.id.proto = 43  // IPPROTO_ROUTING (MIPv6)
        #expect(try decodeSA(p) == nil)
        p.id.proto = 50
        p.mode = 2       // route optimization
        #expect(try decodeSA(p) == nil)
        p.mode = 0
        p.family = 7
        #expect(try decodeSA(p) == nil)
    }

    @Test func socketPoliciesAreReportedPerSocketWithTheirDirection() throws {
        var p = XFRMPolicyMapping.info(for: Make.policy("10.0.0.1", "10.0.0.2", .outbound, action: .none))
        p.dir = 4           // XFRM_POLICY_OUT + XFRM_POLICY_MAX: a socket policy
        p.index = 8 * 3 + 4
        let policy = try #require(try XFRMDecoder.securityPolicy(p, XFRMAttributes(), now: 0))
        #expect(policy.direction == .outbound)
        #expect(policy.reported?.isPerSocket == true)
        p.dir = 6
        #expect(try XFRMDecoder.securityPolicy(p, XFRMAttributes(), now: 0) == nil)
    }

    @Test func limitsAndCountersComeBackInTheModelsTerms() {
        let hard = Lifetime(allocations: 5, bytes: 0, addTime: 60, useTime: 30)
        let cfg = XFRMLifetime.configuration(hard: hard, soft: .unlimited)
        #expect(cfg.hard_byte_limit == UInt64.max && cfg.soft_packet_limit == UInt64.max)
        #expect(XFRMLifetime.hard(cfg) == hard)
        #expect(XFRMLifetime.soft(cfg) == .unlimited)
    }

    @Test func kernelFlagsMapBothWaysAndKAMEFlagsDisappear() {
        let all: SAFlags = [.noECN, .decapsulateDSCP, .noPMTUDiscovery]
        #expect(XFRMStateMapping.modelFlags(XFRMStateMapping.kernelFlags(all.union([.cyclicSequence, .rawCPI]))) == all)
        #expect(XFRMStateMapping.kernelFlags(.setkeyDefault) == 0)
    }

    @Test func securityContextsKeepTheirFieldsAndDropTheNUL() throws {
        let ctx = SecurityContext(doi: 1, algorithm: 1, context: "system_u:object_r:ipsec_spd_t:s0")
        let bytes = XFRMSecurityContext.encoded(ctx)
        #expect(bytes.count == 8 + ctx.context.utf8.count + 1)
        let back = try withBytes(bytes) { (raw) throws(BackendError) in try XFRMSecurityContext.decode(raw) }
        #expect(back == ctx)
        var lying = bytes
        lying[6] = 0xff
        #expect(throws: BackendError.self) {
            _ = try withBytes(lying) { (raw) throws(BackendError) in try XFRMSecurityContext.decode(raw) }
        }
    }
}
