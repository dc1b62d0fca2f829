@testable import KeyEngine
import SetkeyCore
import Testing

/// spdadd/spdupdate/spddelete/spdflush, ids, defaults and read-back per personality.
@Suite struct PolicyTableTests {
    @Test(arguments: [Personality.kame, .linux])
    func duplicateSpdaddIsEEXISTAndSpddeleteOfMissingIsENOENT(personality: Personality) throws {
        let engine = try EngineFixture(personality).open()
        let p = policy("10.1.0.0/16", "10.2.0.0/16")
        #expect(errnoOf(try engine.apply(.addPolicy(p))) == nil)
        #expect(errnoOf(try engine.apply(.addPolicy(p))) == .fileExists)
        var otherPriority = p
        otherPriority.priority = PolicyPriority(5)
        #expect(errnoOf(try engine.apply(.addPolicy(otherPriority))) == .fileExists, "priority is not identity")
        #expect(errnoOf(try engine.apply(.deletePolicy(p.identity))) == nil)
        #expect(errnoOf(try engine.apply(.deletePolicy(p.identity))) == .noSuchFileOrDirectory)
    }

    @Test func sameSelectorInTheOtherDirectionIsAnotherPolicy() throws {
        let engine = try EngineFixture().open()
        #expect(errnoOf(try engine.apply(.addPolicy(policy("10.1.0.0/16", "10.2.0.0/16", .outbound)))) == nil)
        #expect(errnoOf(try engine.apply(.addPolicy(policy("10.1.0.0/16", "10.2.0.0/16", .inbound)))) == nil)
        #expect(try engine.allPolicies().count == 2)
    }

    @Test func spdupdateInsertsThenReplaces() throws {
        let engine = try EngineFixture().open()
        var p = policy("10.1.0.0/16", "10.2.0.0/16")
        #expect(errnoOf(try engine.apply(.updatePolicy(p))) == nil)
        p.action = .discard
        p.requests = []
        #expect(errnoOf(try engine.apply(.updatePolicy(p))) == nil)
        #expect(try engine.allPolicies().map(\.action) == [.discard])
    }

    @Test func spdflushEmptiesTheTable() throws {
        let engine = try EngineFixture().open()
        _ = try engine.apply([.addPolicy(policy("10.1.0.1", "10.2.0.1")), .addPolicy(policy("10.1.0.2", "10.2.0.2"))])
        _ = try engine.apply(.flushPolicies)
        #expect(try engine.allPolicies().isEmpty)
    }

    @Test func defaultPriorityIsLinux0x80000000AndKAME0() throws {
        for (personality, expected) in [(Personality.linux, UInt32(0x8000_0000)), (.kame, 0)] {
            let engine = try EngineFixture(personality).open()
            _ = try engine.apply(.addPolicy(policy("10.1.0.1", "10.2.0.1")))
            #expect(try engine.allPolicies().first?.priority == PolicyPriority(expected))
        }
    }

    /// Reference 4.4: out, in, fwd, out get Linux ids 1, 8, 18, 25 and dump newest first.
    @Test func linuxPolicyIdsFollowTheKernelsGenerator() throws {
        let engine = try EngineFixture(.linux).open()
        _ = try engine.apply([.addPolicy(policy("10.1.0.0/16", "10.2.0.0/16", .outbound)),
                              .addPolicy(policy("10.2.0.0/16", "10.1.0.0/16", .inbound)),
                              .addPolicy(policy("10.2.0.0/16", "10.1.0.0/16", .forward)),
                              .addPolicy(policy("192.0.2.1", "192.0.2.2", .outbound))])
        #expect(try engine.allPolicies().compactMap { $0.reported?.id } == [25, 18, 8, 1])
    }

    @Test func linuxFirstInboundPolicyGetsIndex8AndTheGeneratorSurvivesReopening() throws {
        let f = EngineFixture(.linux)
        _ = try f.open().apply(.addPolicy(policy("10.2.0.0/16", "10.1.0.0/16", .inbound)))
        _ = try f.open().apply(.addPolicy(policy("10.1.0.0/16", "10.2.0.0/16", .outbound)))
        #expect(try f.open().allPolicies().compactMap { $0.reported?.id } == [9, 8])
    }

    @Test func kamePolicyIdsCountUpAndUpdateGivesANewOne() throws {
        let engine = try EngineFixture(.kame).open()
        let p = policy("10.1.0.1", "10.2.0.1")
        _ = try engine.apply([.addPolicy(p), .addPolicy(policy("10.1.0.2", "10.2.0.2")), .updatePolicy(p)])
        #expect(Set(try engine.allPolicies().compactMap { $0.reported?.id }) == [2, 3])
    }

    @Test func linuxUpdateKeepsThePolicyId() throws {
        let engine = try EngineFixture(.linux).open()
        let p = policy("10.1.0.1", "10.2.0.1")
        _ = try engine.apply([.addPolicy(p), .updatePolicy(p)])
        #expect(try engine.allPolicies().compactMap { $0.reported?.id } == [1])
    }

    @Test func uniqueWithoutReqidGetsAnAutomaticOneFrom0x4000() throws {
        let engine = try EngineFixture(.kame).open()
        var p = policy("10.1.0.1", "10.2.0.1")
        p.requests = [IPsecRequest(proto: .esp, mode: .transport, level: .unique),
                      IPsecRequest(proto: .ah, mode: .transport, level: .unique, reqid: RequestID(7)),
                      IPsecRequest(proto: .ipcomp, mode: .transport, level: .unique, reqid: RequestID(28000))]
        _ = try engine.apply(.addPolicy(p))
        #expect(try engine.allPolicies().first?.requests.map(\.reqid.rawValue) == [0x4000, 7, 0x4001])
    }

    @Test func linuxReadsLevelsBackAsTheKernelStoresThem() throws {
        let engine = try EngineFixture(.linux).open()
        var p = policy("10.1.0.1", "10.2.0.1")
        p.requests = [IPsecRequest(proto: .esp, mode: .transport, level: .default),
                      IPsecRequest(proto: .ah, mode: .transport, level: .use),
                      IPsecRequest(proto: .ipcomp, mode: .transport, level: .unique, reqid: RequestID(3))]
        _ = try engine.apply(.addPolicy(p))
        #expect(try engine.allPolicies().first?.requests.map(\.level) == [.require, .use, .unique])
    }

    @Test func linuxReadsAnIpsecPolicyWithoutRequestsAsNone() throws {
        let engine = try EngineFixture(.linux).open()
        var p = policy("10.1.0.1", "10.2.0.1")
        p.requests = []
        _ = try engine.apply(.addPolicy(p))
        #expect(try engine.allPolicies().first?.action == PolicyAction.none)
    }

    @Test func linuxRefusesSevenRequestsWithELOOPAndEntrustWithEINVAL() throws {
        let engine = try EngineFixture(.linux).open()
        var p = policy("10.1.0.1", "10.2.0.1")
        p.requests = Array(repeating: IPsecRequest(proto: .esp, mode: .transport), count: 7)
        #expect(errnoOf(try engine.apply(.addPolicy(p))) == .tooManyLevels)
        #expect(errnoOf(try engine.apply(.addPolicy(policy("10.1.0.1", "10.2.0.1", action: .entrust)))) == .invalidArgument)
    }

    @Test func kameRefusesFwdAndAcceptsEntrust() throws {
        let engine = try EngineFixture(.kame).open()
        #expect(errnoOf(try engine.apply(.addPolicy(policy("10.1.0.1", "10.2.0.1", .forward)))) == .invalidArgument)
        #expect(errnoOf(try engine.apply(.addPolicy(policy("10.1.0.1", "10.2.0.1", action: .entrust)))) == nil)
    }

    @Test func tunnelRequestNeedsEndpoints() throws {
        let engine = try EngineFixture().open()
        var p = policy("10.1.0.0/16", "10.2.0.0/16")
        p.requests = [IPsecRequest(proto: .esp, mode: .tunnel, level: .require)]
        #expect(errnoOf(try engine.apply(.addPolicy(p))) == .invalidArgument)
        p.requests[0].endpoints = TunnelEndpoints(source: address("192.0.2.1"), destination: address("192.0.2.2"))
        #expect(errnoOf(try engine.apply(.addPolicy(p))) == nil)
    }

    @Test func kameDumpGroupsByDirectionOldestFirst() throws {
        let engine = try EngineFixture(.kame).open()
        _ = try engine.apply([.addPolicy(policy("10.0.0.1", "10.0.0.2", .outbound)),
                              .addPolicy(policy("10.0.0.3", "10.0.0.4", .inbound)),
                              .addPolicy(policy("10.0.0.5", "10.0.0.6", .outbound))])
        let dump = try engine.allPolicies()
        #expect(dump.map(\.direction) == [.inbound, .outbound, .outbound])
        #expect(dump.map(\.selector.source.address) == [address("10.0.0.3"), address("10.0.0.1"), address("10.0.0.5")])
    }
}
