import Testing
import SetkeyCore

@Suite struct IPAddressTests {
    @Test(arguments: [
        ("10.0.0.1", "10.0.0.1"), ("0.0.0.0", "0.0.0.0"), ("::", "::"), ("::1", "::1"),
        ("fec0::10", "fec0::10"), ("fec0:0:0:1::", "fec0:0:0:1::"), ("2001:db8::1:0:0:1", "2001:db8::1:0:0:1"),
        ("::ffff:1.2.3.4", "::ffff:1.2.3.4"), ("::1.2.3.4", "::1.2.3.4"), ("1:0:0:0:0:0:0:1", "1::1"),
        ("FE80::AB", "fe80::ab"), ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"), ("1:0:2:3:4:5:6:7", "1:0:2:3:4:5:6:7"),
    ])
    func roundTrip(input: String, printed: String) throws {
        let a = try #require(IPAddress(input))
        #expect(a.description == printed)
    }

    @Test(arguments: ["", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1::2::3", ":1", "1:", "1:2:3:4:5:6:7:8:9",
                      "host", "fe80::1%em0", "12345::", "1.2.3.4:"])
    func rejects(input: String) {
        #expect(IPAddress(input) == nil)
    }

    @Test func bytesAndMasking() throws {
        let a = try #require(IPAddress("10.1.2.3"))
        #expect(a.bytes == [10, 1, 2, 3])
        #expect(a.masked(toPrefixLength: 16).description == "10.1.0.0")
        let b = try #require(IPAddress("2001:db8::ff"))
        #expect(IPAddress(bytes: b.bytes) == b)
        #expect(b.masked(toPrefixLength: 32).description == "2001:db8::")
    }
}
