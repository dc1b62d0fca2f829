import Testing
import SetkeyCore

@Suite struct PFKeyHexDumpTests {
    @Test func emptyPrintsNothing() {
        #expect(PFKey.HexDump.text([UInt8]()) == "")
    }

    @Test func oneByte() {
        #expect(PFKey.HexDump.text([0xab]) == "00000000: ab \n")
    }

    @Test func sixteenBytesIsOneLine() {
        #expect(PFKey.HexDump.text([UInt8](0..<16)) == "00000000: 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f \n")
    }

    @Test func seventeenBytesStartASecondLine() {
        #expect(PFKey.HexDump.text([UInt8](0..<17)).hasSuffix("0f \n00000010: 10 \n"))
    }

    /// `setkey -D -H` from pid 489 in the kernel lab.
    @Test func dumpRequestMatchesTheCapture() throws {
        let m = PFKey.RequestBuilder(wire: .linux, pid: 489).dump(.unspecified)
        #expect(PFKey.HexDump.text(try m.encoded(for: .linux)) == PFKeyGoldenFile.read("sa-variety.DH.line1"))
    }
}
