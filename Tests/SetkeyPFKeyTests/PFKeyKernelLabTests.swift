#if canImport(Glibc)
import Glibc
#endif
import Testing
import SetkeyCore
@testable import SetkeyPFKey

/// The pfkey backend against a real Linux af_key: only in the kernel lab VM, where
/// Tests/KernelLab/pfkey-kernel-tests.sh sets `PFKEY_KERNEL_LAB=1`. Each test runs in a
/// fresh network namespace of the VM.
@Suite(.serialized, .enabled(if: PFKeyKernelLab.enabled, "needs af_key: run Tests/KernelLab/pfkey-kernel-tests.sh"))
struct PFKeyKernelLabTests {
    func render(_ body: (ClassicTextRenderer) throws -> Void, all: Bool = false) rethrows -> String {
        let sink = StringSink()
        let r = ClassicTextRenderer(options: FormatOptions(personality: .linux, showDead: all), sink: sink)
        try body(r)
        r.flush()
        return sink.text
    }

    func dumpText(_ b: PFKeyBackend, all: Bool = false) throws -> String {
        try render({ r in
            r.beginSADump()
            try b.dumpSAs(SADumpFilter(includeDead: all)) { r.sa($0) }
            r.endSADump()
        }, all: all)
    }

    func policyText(_ b: PFKeyBackend) throws -> String {
        try render { r in
            r.beginPolicyDump()
            try b.dumpPolicies { r.policy($0) }
            r.endPolicyDump()
        }
    }

    func expectReference(_ actual: String, _ name: String) {
        guard let expected = PFKeyKernelLab.reference(name) else {
            Issue.record("no reference \(name) (PFKEY_REFERENCE_DIR)")
            return
        }
        PFKeyKernelLab.save(actual, as: "\(name).actual")
        #expect(PFKeyKernelLab.normalised(actual) == PFKeyKernelLab.normalised(expected), "\(name)")
    }

    @Test func registerListsTheKernelsAlgorithms() throws {
        try LabNamespace.run {
            let capture = CapturingTransport(try PFKeySocket(receiveTimeout: 1))
            let b = try PFKeyBackend(transport: capture, settings: PFKeySettings(), pid: UInt32(getpid()))
            defer { b.close() }
            let caps = b.capabilities
            #expect(caps.saTypes == [.esp, .ah, .ipcomp])
            #expect(caps.algorithms[AlgorithmID(.encryption, 12)] == KeyBitsRange(128, 256))
            #expect(caps.algorithms[AlgorithmID(.authentication, 3)] == KeyBitsRange(160, 160))
            #expect(caps.algorithms[AlgorithmID(.encryption, 20)] == nil)  // no AEAD over PF_KEY
            PFKeyKernelLab.capture(capture.received, as: "register",
                                   comment: "SADB_REGISTER replies (ESP, AH, IPComp) from the kernel lab (Debian 6.1 af_key)")
        }
    }

    @Test func saVarietyDumpsAsIpsecToolsPrintedIt() throws {
        try LabNamespace.run {
            let capture = CapturingTransport(try PFKeySocket(receiveTimeout: 2))
            let b = try PFKeyBackend(transport: capture, settings: PFKeySettings(), pid: UInt32(getpid()))
            defer { b.close() }
            expectReference(try dumpText(b), "empty.D")
            let results = try b.apply([.flush(.unspecified), .spdFlush] + PFKeyReferenceModels.saVariety.map(Mutation.add))
            for (i, r) in results.enumerated() {
                if case .failure(let e) = r { Issue.record("request \(i): \(e)") }
            }
            let start = capture.received.count
            expectReference(try dumpText(b), "sa-variety.D")
            PFKeyKernelLab.capture(Array(capture.received[start...]), as: "dump-sa-variety",
                                   comment: "SADB_DUMP records for sa-variety.conf from the kernel lab (Debian 6.1 af_key)")
            expectReference(try dumpText(b, all: true), "sa-variety.Da")
            for sa in PFKeyReferenceModels.saVariety {
                let got = try b.get(sa.identity)
                #expect(got.spi == sa.spi && got.type == sa.type && got.source == sa.source)
            }
            let adds = capture.received.filter { $0.count > 1 && $0[1] == PFKey.MessageType.add.rawValue }
            PFKeyKernelLab.capture(adds, as: "add-replies", comment: "SADB_ADD echoes for sa-variety.conf")
        }
    }

    @Test func spdVarietyDumpsAsIpsecToolsPrintedIt() throws {
        try LabNamespace.run {
            let capture = CapturingTransport(try PFKeySocket(receiveTimeout: 2))
            let b = try PFKeyBackend(transport: capture, settings: PFKeySettings(), pid: UInt32(getpid()))
            defer { b.close() }
            expectReference(try policyText(b), "empty.DP")
            let results = try b.apply([.spdFlush] + PFKeyReferenceModels.spdVariety.map(Mutation.spdAdd))
            for (i, r) in results.enumerated() {
                if case .failure(let e) = r { Issue.record("policy \(i): \(e)") }
            }
            let start = capture.received.count
            expectReference(try policyText(b), "spd-variety.DP")
            PFKeyKernelLab.capture(Array(capture.received[start...]), as: "spddump-spd-variety",
                                   comment: "SADB_X_SPDDUMP records for spd-variety.conf (with fwd copies) from the kernel lab")
        }
    }

    @Test func kernelErrorsComeBackAsSetkeyReportsThem() throws {
        try LabNamespace.run {
            let capture = CapturingTransport(try PFKeySocket(receiveTimeout: 2))
            let b = try PFKeyBackend(transport: capture, settings: PFKeySettings(), pid: UInt32(getpid()))
            defer { b.close() }
            let sa = PFKeyReferenceModels.saVariety[0]
            var missing = sa.identity
            missing.spi = SPI(0x9999)
            var noSoft = PFKeyReferenceModels.saVariety[1]
            noSoft.spi = SPI(0x5555)
            noSoft.softLifetime = .unlimited
            var shortKey = sa
            shortKey.spi = SPI(0x5556)
            shortKey.encryption = PFKeyReferenceModels.enc(12, SAKey([1, 2, 3]))
            let results = try b.apply([.add(sa), .add(sa), .delete(missing), .add(noSoft), .add(shortKey),
                                       .spdDelete(PFKeyReferenceModels.spdVariety[0].identity)])
            #expect(results[0].isSuccessForTest)
            #expect(results[1].failureForTest == .alreadyExists(.fileExists))
            #expect(results[2].failureForTest == .notFound(.noSuchProcess))
            #expect(results[3].failureForTest == .kernelRejected(.invalidArgument, detail: nil))
            #expect(results[4].failureForTest != nil)
            #expect(results[5].failureForTest == .notFound(.noSuchFileOrDirectory))
            #expect(throws: BackendError.notFound(.noSuchProcess)) { try b.get(missing) }
            let errors = capture.received.filter { $0.count >= 3 && $0[2] != 0 }
            PFKeyKernelLab.capture(errors, as: "error-replies", comment: "error replies (EEXIST, ESRCH, EINVAL, ENOENT) from the kernel lab")
        }
    }

    @Test func deleteAllFlushAndSPDFlush() throws {
        try LabNamespace.run {
            let b = try PFKeyKernelLab.backend()
            defer { b.close() }
            _ = try b.apply(PFKeyReferenceModels.saVariety.map(Mutation.add))
            let v4a = PFKeyReferenceModels.v4a, v4b = PFKeyReferenceModels.v4b
            #expect(try b.apply([.deleteAll(source: v4a, destination: v4b, type: .ah)])[0].isSuccessForTest)
            var types = [SAType]()
            try b.dumpSAs(.all) { types.append($0.type) }
            #expect(types.filter { $0 == .ah }.count == 1)  // only the IPv6 AH SA is left
            #expect(try b.apply([.deleteAll(source: v4a, destination: v4b, type: .ah)])[0].isSuccessForTest)
            _ = try b.apply([.flush(.esp)])
            types.removeAll()
            try b.dumpSAs(.all) { types.append($0.type) }
            #expect(!types.contains(.esp) && types.contains(.ipcomp))
            _ = try b.apply(PFKeyReferenceModels.spdVariety.prefix(2).map(Mutation.spdAdd) + [.spdFlush])
            var policies = 0
            try b.dumpPolicies { _ in policies += 1 }
            #expect(policies == 0)
        }
    }

    @Test func pfkeyAndXFRMSeeTheSameState() throws {
        try LabNamespace.run {
            let b = try PFKeyKernelLab.backend()
            defer { b.close() }
            _ = try b.apply([.add(PFKeyReferenceModels.saVariety[1]), .spdAdd(PFKeyReferenceModels.spdVariety[0])])
            let state = LabNamespace.shell("\(LabNamespace.ip) xfrm state")
            #expect(state.output.contains("spi 0x00001002") && state.output.contains("reqid 100 mode tunnel"),
                    "\(state.output)")
            #expect(state.output.contains("enc cbc(aes) 0x00112233445566778899aabbccddeeff"), "\(state.output)")
            let policy = LabNamespace.shell("\(LabNamespace.ip) xfrm policy")
            #expect(policy.output.contains("src 10.0.0.1/32 dst 10.0.0.2/32") && policy.output.contains("dir out priority 2147483648"),
                    "\(policy.output)")
            let add = LabNamespace.shell("\(LabNamespace.ip) xfrm state add src 10.9.0.1 dst 10.9.0.2 proto esp spi 0x4242 mode tunnel "
                + "reqid 9 enc 'cbc(aes)' 0x000102030405060708090a0b0c0d0e0f auth-trunc 'hmac(sha1)' "
                + "0x000102030405060708090a0b0c0d0e0f10111213 96")
            #expect(add.status == 0, "\(add.output)")
            var found: SecurityAssociation?
            try b.dumpSAs(.all) { if $0.spi == SPI(0x4242) { found = $0 } }
            #expect(found?.mode == .tunnel && found?.reqid == RequestID(9) && found?.encryption?.id == AlgorithmID(.encryption, 12))
            #expect(found?.authentication?.key.count == 20)
        }
    }

    @Test func monitorSeesAnotherSocketsChanges() throws {
        try LabNamespace.run {
            let watcher = try PFKeyKernelLab.backend()
            let actor = try PFKeyKernelLab.backend()
            defer { watcher.close(); actor.close() }
            var events = [KeyEvent]()
            var added = false
            try watcher.monitor { event in
                events.append(event)
                if !added {
                    added = true
                    _ = try? actor.apply([.add(PFKeyReferenceModels.saVariety[0])])
                }
                // The other socket's request comes first (larval, as sent), then the kernel's
                // notification of the new SA.
                return !(event.kind == .saAdded && event.sa?.state == .mature) && events.count < 20
            }
            #expect(events.map(\.kind) == [.other("X_PROMISC"), .other("X_PROMISC"), .saAdded, .saAdded])
            let add = try #require(events.last)
            #expect(add.kind == .saAdded && add.sa?.spi == SPI(0x1001) && add.rawMessage != nil)
            #expect(add.sa?.encryption?.key == PFKeyReferenceModels.saVariety[0].encryption?.key)
            let raw = try #require(add.rawMessage)
            let record = PFKey.MonitorRecord.text(raw, seconds: add.seconds, microseconds: add.microseconds, style: .epoch,
                                                  hex: false, wire: .linux)
            #expect(record.contains("sadb_msg{ version=2 type=3 errno=0 satype=3"))
            PFKeyKernelLab.capture(events.compactMap(\.rawMessage), as: "promisc",
                                   comment: "messages a promiscuous PF_KEY socket saw while another socket added an SA")
        }
    }
}
