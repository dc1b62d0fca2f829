import Testing
import CXFRM
import SetkeyCore
@testable import SetkeyXFRM

/// Kernel replies captured from real kernels (Fixtures/*.hex), replayed through the reader and
/// decoders: what setkey on Linux would show for them.
@Suite struct XFRMDecoderReplayTests {
    /// Policies of a dump fixture, in kernel order.
    static func policies(_ fixture: String) throws -> [SecurityPolicy] {
        let datagrams = try #require(Fixtures.datagrams(fixture))
        let c = ReplyCollector()
        var out = [SecurityPolicy]()
        c.decode = { (m) throws(BackendError) in
            if let p = try XFRMBackend.decodePolicy(m, now: 0) { out.append(p) }
        }
        try c.replay(datagrams)
        #expect(c.dones == [0])
        return out
    }

    @Test func policyDumpDecodesToTheReferencePoliciesNewestFirst() throws {
        let dumped = try Self.policies("policy-dump-spd-variety")
        let written = ReferencePolicies.spdVariety
        try #require(dumped.count == written.count)
        for (d, w) in zip(dumped, written.reversed()) {
            #expect(d.selector == w.selector)
            #expect(d.direction == w.direction)
            #expect(d.action == w.action)
            #expect(d.priority == (w.priority ?? .default))
            // Linux reports default/require as require and a request with a reqid as unique.
            #expect(d.requests == w.requests.map { r in
                var r = r
                if r.level == .default { r.level = .require }
                return r
            })
            let r = try #require(d.reported)
            #expect(UInt8(r.id % 8) == w.direction.rawValue - 1)
            #expect(r.hasLifetimes && !r.isPerSocket && r.created > 0 && r.lastUsed == 0)
            #expect(r.hardLifetime == .unlimited)
            #expect(r.referenceCount == 2)  // "now" (0) is before creation: the insert timer still holds it
        }
    }

    @Test func spdVarietyPoliciesKeepTheirSpidsDirectionsAndICMPTypeCode() throws {
        let dumped = try Self.policies("policy-dump-spd-variety")
        let icmp6 = try #require(dumped.first { $0.selector.upperLayer == .icmpv6 })
        #expect(icmp6.selector.sourcePort == 135 && icmp6.selector.destinationPort == 0)
        #expect(icmp6.action == .none)
        let unique = try #require(dumped.first { $0.requests.first?.reqid == RequestID(42) })
        #expect(unique.requests[0].level == .unique)
        #expect(unique.direction == .forward)
        #expect(Set(dumped.map { $0.reported!.id }).count == dumped.count)
    }

    @Test func referenceCountDropsOnceTheInsertTimerHasRun() throws {
        let dumped = try Self.policies("policy-dump-spd-variety")
        let created = dumped[0].reported!.created
        var p = xfrm_userpolicy_info()
        p.curlft.add_time = created
        #expect(XFRMDecoder.referenceCount(p, now: created) == 2)
        #expect(XFRMDecoder.referenceCount(p, now: created + 5) == 1)
        p.lft.hard_add_expires_seconds = 60
        #expect(XFRMDecoder.referenceCount(p, now: created + 5) == 2)
    }

    @Test func saDumpFromTheKernelLabDecodesAsAfKeyReportsIt() throws {
        let datagrams = try #require(Fixtures.datagrams("sa-dump-sa-variety"))
        let c = ReplyCollector()
        var dumped = [SecurityAssociation]()
        c.decode = { (m) throws(BackendError) in
            if let sa = try XFRMBackend.decodeSA(m, now: 0) { dumped.append(sa) }
        }
        try c.replay(datagrams)
        let written = ReferenceSAs.saVariety.filter { !($0.type == .ipcomp && $0.spi.rawValue >= 0x10000) }
        try #require(dumped.count == written.count)
        for (d, w) in zip(dumped, written.reversed()) {
            let addTime = d.reported?.current.addTime ?? 0
            #expect(addTime > 0)
            #expect(d == ReferenceSAs.asLinuxReportsIt(w, addTime: addTime))
        }
        // What sa-variety.D.stdout shows: hmac-sha256 with the 96-bit ICV setkey uses is
        // the plain algorithm; NAT-T ports are in natTraversal; the null cipher has no key.
        let s2 = try #require(dumped.first { $0.spi == SPI(0x1002) })
        #expect(s2.authentication?.icvBits == nil && s2.replayWindow == 32 && s2.reqid == RequestID(100))
        #expect(dumped.first { $0.spi == SPI(0x4001) }?.natTraversal == NATTraversal())
        #expect(dumped.first { $0.spi == SPI(0x1009) }?.encryption?.key.isEmpty == true)
    }

    @Test func errorsCarryTheirExtendedAckText() throws {
        let c = ReplyCollector()
        try c.replay(try #require(Fixtures.datagrams("errors-eexist-comp-spi-esp")))
        let failures = c.acknowledgements.filter { $0.errno != 0 }
        #expect(failures.map(\.errno) == [17, 22, 93])
        #expect(failures.map(\.message) == [nil, "SPI is too large for COMP (must be < 0x10000)", "Requested type not found"])
        #expect(failures[2].failure == .kernelRejected(.protocolNotSupported, detail: "Requested type not found"))
        #expect(failures[0].failure == .alreadyExists(.fileExists))
        // Each run ended with the barrier: a GETSPDINFO answer (NEWSPDINFO) and its ACK.
        #expect(c.acknowledgements.filter { $0.errno == 0 }.count == 3)
        #expect(c.messages.map(\.type) == [.newSPDInfo, .newSPDInfo, .newSPDInfo])
    }

    @Test func monitorEventsFromTheHostKernel() throws {
        let datagrams = try #require(Fixtures.datagrams("monitor-policy-events"))
        let monitor = XFRMMonitor(transport: ScriptedTransport())
        for d in datagrams {
            var failure: BackendError?
            d.withUnsafeBytes { raw in
                do throws(BackendError) { try monitor.handle(raw) } catch { failure = error }
            }
            if let failure { throw failure }
        }
        let events = monitor.takeEvents()
        let added = events.filter { $0.kind == .policyAdded }
        #expect(added.count == ReferencePolicies.spdVariety.count)
        #expect(added.first?.policy?.selector == ReferencePolicies.spdVariety[0].selector)
        let deleted = try #require(events.first { $0.kind == .policyDeleted })
        #expect(deleted.policy?.selector == ReferencePolicies.spdVariety[0].selector)
        #expect(events.contains { $0.kind == .policyFlushed })
        // The host has no SAs: the kernel sends no event for flushing an empty SAD.
        #expect(!events.contains { $0.kind == .saFlushed })
        #expect(events.allSatisfy { $0.seconds > 0 })
        #expect(added.allSatisfy { $0.originPID != nil })  // the port of the socket that asked
    }

    @Test func saEventsFromTheKernelLab() throws {
        let datagrams = try #require(Fixtures.datagrams("monitor-sa-events"))
        let monitor = XFRMMonitor(transport: ScriptedTransport())
        for d in datagrams {
            var failure: BackendError?
            d.withUnsafeBytes { raw in
                do throws(BackendError) { try monitor.handle(raw) } catch { failure = error }
            }
            if let failure { throw failure }
        }
        let events = monitor.takeEvents()
        let kinds = events.map(\.kind)
        #expect(kinds.first == .saAdded)
        #expect(kinds.contains(.saUpdated))
        #expect(kinds.contains(.saExpired(hard: false)))
        #expect(kinds.contains(.saDeleted))
        #expect(kinds.last == .saFlushed)
        let added = try #require(events.first)
        #expect(added.sa?.spi == SPI(0x6101) && added.saType == .esp)
        let expired = try #require(events.first { $0.kind == .saExpired(hard: false) })
        #expect(expired.sa?.softLifetime.addTime == 1)
        #expect(events.first { $0.kind == .saDeleted }?.sa?.spi == SPI(0x6102))
    }
}
