import Testing
import CXFRM
import SetkeyCore
@testable import SetkeyXFRM

/// The capability table lists only the algorithms the kernel has, as PF_KEY's REGISTER does.
@Suite struct XFRMAlgorithmProbeTests {
    private static func name(in payload: [UInt8]) -> String {
        // The first algorithm attribute follows xfrm_usersa_info; its name is 64 bytes after a 4-byte header.
        let start = 224 + 4
        let bytes = payload[start..<(start + 64)].prefix { $0 != 0 }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func algorithmsTheKernelLacksAreLeftOut() {
        let k = FakeKernel()
        var probed = [String]()
        k.verdict = { type, payload in
            switch type {
            case 0x1a:
                let n = Self.name(in: payload)
                probed.append(n)
                return n == "cbc(des3_ede)" || n == "hmac(rmd160)" ? (38, "Requested CRYPT algorithm not found") : (3, nil)
            default: return nil
            }
        }
        let c = XFRMBackend(transport: k.transport).capabilities
        #expect(probed.contains("cbc(aes)") && probed.contains("deflate") && probed.contains("rfc4106(gcm(aes))"))
        #expect(c.algorithms[AlgorithmID(.encryption, 3)] == nil)       // 3des-cbc
        #expect(c.algorithms[AlgorithmID(.authentication, 8)] == nil)   // hmac-ripemd160
        #expect(c.algorithms[AlgorithmID(.encryption, 12)] != nil)      // aes-cbc
        #expect(c.algorithms.count == XFRMBackend.linuxCapabilities.algorithms.count - 2)
        #expect(k.transport.sentMessages.filter { $0.type == 0x10 }.isEmpty)  // never a NEWSA
    }

    @Test func anExistingSAToTheProbesDestinationStopsTheProbe() throws {
        let k = FakeKernel()
        k.states = [try FakeKernel.stateRecord(XFRMAlgorithmProbe.probe(AlgorithmCatalogue.descriptors[1])!)]
        let c = XFRMBackend(transport: k.transport).capabilities
        #expect(c.algorithms == XFRMBackend.linuxCapabilities.algorithms)
        #expect(k.transport.sentMessages.map(\.type) == [0x12])  // the one filtered dump, nothing else
        let filter = try #require(k.dumpRequests.first?.payload)
        #expect(Array(filter[4 + 16..<4 + 20]) == [255, 255, 255, 255])  // XFRMA_ADDRESS_FILTER daddr
    }

    @Test func withoutPrivilegeTheCatalogueTableStays() {
        let k = FakeKernel()
        k.verdict = { _, _ in (1, nil) }
        #expect(XFRMBackend(transport: k.transport).capabilities.algorithms == XFRMBackend.linuxCapabilities.algorithms)
    }

    @Test func probingCanBeSwitchedOff() throws {
        let k = FakeKernel()
        let b = XFRMBackend(transport: k.transport, settings: try XFRMSettings(["probe-algorithms": "no"]))
        #expect(b.capabilities == XFRMBackend.linuxCapabilities)
        #expect(k.transport.sent.isEmpty)
    }
}
