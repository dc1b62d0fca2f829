import Testing
import SetkeyCore

@Suite struct FormatTextBufferTests {
    @Test(arguments: [(UInt64(0), "0"), (9, "9"), (10, "10"), (4096, "4096"), (1_000_000, "1000000"),
                      (UInt64.max, "18446744073709551615")])
    func decimal(value: UInt64, text: String) {
        var b = TextBuffer()
        b.appendDecimal(value)
        #expect(b.text == text)
    }

    @Test func signedDecimal() {
        var b = TextBuffer()
        b.appendDecimal(Int64.min)
        b.append(" ")
        b.appendDecimal(Int64(-1))
        b.append(" ")
        b.appendDecimal(Int64(0))
        #expect(b.text == "-9223372036854775808 -1 0")
    }

    @Test(arguments: [(UInt64(0), 8, "00000000"), (0x1001, 8, "00001001"), (0xdeadbeef, 8, "deadbeef"),
                      (0xab, 2, "ab"), (0x5, 2, "05"), (0x1_0000_0000, 8, "100000000"), (UInt64.max, 2, "ffffffffffffffff")])
    func hex(value: UInt64, width: Int, text: String) {
        var b = TextBuffer()
        b.appendHex(value, width: width)
        #expect(b.text == text)
    }

    @Test func paddedFields() {
        var b = TextBuffer()
        b.appendDecimal(70, width: 3)
        b.append("|")
        b.appendDecimal(0, width: 3, leftAligned: true)
        b.append("|")
        b.appendDecimal(12345, width: 3)
        b.append("|")
        b.appendDecimal(7, zeroPaddedTo: 2)
        b.append("|")
        b.append("#9", leftAlignedIn: 3)
        b.append("|")
        b.append("esp-udp", leftAlignedIn: 3)
        #expect(b.text == " 70|0  |12345|07|#9 |esp-udp")
    }

    @Test func emptyAndReuse() {
        var b = TextBuffer()
        #expect(b.isEmpty)
        b.append(repeating: 0x20, count: 20)
        #expect(b.text == String(repeating: " ", count: 20))
        b.removeAll()
        #expect(b.isEmpty && b.text.isEmpty)
        b.append(repeating: 0x20, count: -3)
        #expect(b.isEmpty)
    }
}
