import Testing
import SetkeyCore
@testable import SetkeyXFRM

/// The reference inputs through the project's parser give the model values these tests use
/// (ReferenceSAs, ReferencePolicies), so what the kernel lab and the fixtures exercise is
/// what `setkey -B xfrm -f` will send.
@Suite struct XFRMReferenceInputTests {
    static func parse(_ name: String) throws -> [Statement] {
        let text = try #require(Fixtures.read(XFRMReferenceOutputTests.reference + "../input/" + name))
        let result = ScriptParser.parse(Array(text.utf8), options: ParseOptions(fileName: name, personality: .linux))
        #expect(!result.hasErrors, "\(result.diagnostics)")
        return result.statements.map(\.statement)
    }

    @Test func saVarietyParsesToTheReferenceSAs() throws {
        let adds = try Self.parse("sa-variety.conf").compactMap { s -> SecurityAssociation? in
            if case .add(let sa) = s { return sa }
            return nil
        }
        try #require(adds.count == ReferenceSAs.saVariety.count)
        for (parsed, ours) in zip(adds, ReferenceSAs.saVariety) {
            #expect(parsed == ours, "\(ours.type) \(ours.spi)")
        }
    }

    @Test func spdVarietyParsesToTheReferencePolicies() throws {
        let adds = try Self.parse("spd-variety.conf").compactMap { s -> SecurityPolicy? in
            if case .spdAdd(let p) = s { return p }
            return nil
        }
        let written = ReferencePolicies.spdVariety.enumerated().filter { i, p in
            // drop the fwd copies added after each `in` policy
            !(p.direction == .forward && i > 0 && ReferencePolicies.spdVariety[i - 1].direction == .inbound)
        }.map(\.element)
        try #require(adds.count == written.count)
        for (parsed, ours) in zip(adds, written) {
            #expect(parsed == ours, "\(ours.selector) \(ours.direction)")
        }
    }
}
