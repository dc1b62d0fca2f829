@testable import KeyEngine
import SetkeyCore
import Testing

/// The open-addressing index under the SAD and SPD.
@Suite struct SlotIndexTests {
    @Test func emptyFindsNothing() {
        #expect(SlotIndex().find(12345) { _ in true } == nil)
    }

    @Test func oneKeyIsFoundAndRemoved() {
        var index = SlotIndex()
        let h = KeyHash.finish(42 << 32)
        index.insert(h, slot: 7)
        #expect(index.find(h) { $0 == 7 } == 7)
        #expect(index.find(KeyHash.finish(43 << 32)) { _ in true } == nil, "another hash never reaches the check")
        index.remove(h, slot: 7)
        #expect(index.find(h) { _ in true } == nil)
        #expect(index.count == 0)
    }

    @Test func equalHashesAreTellApartByTheCallersCheck() {
        var index = SlotIndex()
        let h = KeyHash.finish(0xdead_beef_0000_0001)
        for slot in 0..<5 { index.insert(h, slot: slot) }
        for slot in 0..<5 { #expect(index.find(h) { $0 == slot } == slot) }
        index.remove(h, slot: 2)
        #expect(index.find(h) { $0 == 2 } == nil)
        #expect(index.find(h) { $0 == 4 } == 4, "probing continues past a removed bucket")
    }

    @Test func manyKeysSurviveGrowthAndRebuild() {
        var index = SlotIndex()
        let keys = (0..<20_000).map { SAKeyTriple(destination: IPAddress(ipv4: UInt32($0)), type: .esp, spi: SPI(UInt32($0))) }
        for (slot, k) in keys.enumerated() { index.insert(KeyHash.of(k), slot: slot) }
        #expect(index.count == keys.count)
        #expect(keys.indices.allSatisfy { i in index.find(KeyHash.of(keys[i])) { $0 == i } == i })
        index.rebuild(capacity: 10) { add in
            for i in stride(from: 0, to: keys.count, by: 2) { add(KeyHash.of(keys[i]), i) }
        }
        #expect(index.count == keys.count / 2)
        #expect(index.find(KeyHash.of(keys[2])) { $0 == 2 } == 2)
        #expect(index.find(KeyHash.of(keys[3])) { $0 == 3 } == nil)
    }

    @Test func policyIdentitiesDifferingOnlyInDirectionOrContextHashApart() {
        let p = policy("10.0.0.0/8", "10.1.0.0/16").identity
        var q = p
        q.direction = .inbound
        var r = p
        r.securityContext = SecurityContext(doi: 1, algorithm: 1, context: "x")
        #expect(Set([KeyHash.of(p), KeyHash.of(q), KeyHash.of(r)]).count == 3)
    }
}
