import Testing
import SetkeyCore

/// Times print in the C library's local zone; the tests use UTC (`FormatFixtures.utc`).
@Suite struct FormatTimeTextTests {
    func classic(_ t: Int64) -> String {
        _ = FormatFixtures.utc
        var times = TimeText()
        var b = TextBuffer()
        times.appendClassic(t, to: &b)
        return b.text
    }

    @Test func zeroIsTwentyBlanks() {
        #expect(classic(0) == String(repeating: " ", count: 20))
    }

    @Test(arguments: [(Int64(1_733_250_001), "Dec  3 18:20:01 2024"), (1_796_322_723, "Dec  3 18:32:03 2026"),
                      (1, "Jan  1 00:00:01 1970"), (1_700_000_000, "Nov 14 22:13:20 2023"),
                      (-1, "Dec 31 23:59:59 1969")])
    func ctimeFromOffsetFour(t: Int64, text: String) {
        #expect(classic(t) == text)
        #expect(classic(t).utf8.count == 20)
    }

    @Test func cacheDoesNotStick() {
        _ = FormatFixtures.utc
        var times = TimeText()
        var b = TextBuffer()
        times.appendClassic(1_733_250_001, to: &b)
        times.appendClassic(1_733_250_002, to: &b)
        times.appendClassic(1_733_250_002, to: &b)
        #expect(b.text == "Dec  3 18:20:01 2024Dec  3 18:20:02 2024Dec  3 18:20:02 2024")
    }

    @Test func rfc3339() {
        var b = TextBuffer()
        TimeText.appendRFC3339(1_733_250_071, to: &b)
        b.append(" ")
        TimeText.appendRFC3339(1_733_250_071, microseconds: 42, to: &b)
        b.append(" ")
        TimeText.appendRFC3339(0, to: &b)
        #expect(b.text == "2024-12-03T18:21:11Z 2024-12-03T18:21:11.000042Z 1970-01-01T00:00:00Z")
    }

    @Test(arguments: [Int64(253_402_300_800), Int64.max, -62_167_219_201])
    func rfc3339OutOfRangeWritesNothing(t: Int64) {
        var b = TextBuffer()
        #expect(!TimeText.appendRFC3339(t, to: &b))
        #expect(b.isEmpty)
    }

    @Test func rfc3339Limits() {
        var b = TextBuffer()
        #expect(TimeText.appendRFC3339(253_402_300_799, to: &b))
        #expect(b.text == "9999-12-31T23:59:59Z")
    }

    @Test func monitorStamps() {
        _ = FormatFixtures.utc
        var b = TextBuffer()
        TimeText.appendMonitorStamp(seconds: 1_733_250_071, microseconds: 123_456, style: .timeOfDay, to: &b)
        b.append(" ")
        TimeText.appendMonitorStamp(seconds: 1_733_250_071, microseconds: 5, style: .epoch, to: &b)
        #expect(b.text == "18:21:11.123456 1733250071.000005")
    }
}
