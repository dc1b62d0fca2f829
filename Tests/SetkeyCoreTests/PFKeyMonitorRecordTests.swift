import Testing
import SetkeyCore

@Suite struct PFKeyMonitorRecordTests {
    /// 18:21:11 UTC on some day.
    let seconds: Int64 = 1_728_066_071

    @Test func timeOfDayRecordMatchesTheReferenceExample() throws {
        let flush = try PFKey.RequestBuilder(wire: .linux, pid: 4242).flush(.unspecified).encoded(for: .linux)
        let text = PFKey.MonitorRecord.text(flush, seconds: seconds, microseconds: 123_456,
                                            style: .timeOfDay, utcOffset: 0, hex: false, wire: .linux)
        #expect(text == PFKeyGoldenFile.read("monitor.x"))
    }

    @Test func timestampStyles() {
        #expect(PFKey.MonitorRecord.timestamp(seconds: seconds, microseconds: 7, style: .epoch) == "1728066071.000007 \n")
        #expect(PFKey.MonitorRecord.timestamp(seconds: seconds, microseconds: 0, style: .timeOfDay, utcOffset: 3600)
                == "19:21:11.000000 \n")
        #expect(PFKey.MonitorRecord.timestamp(seconds: 0, microseconds: 0, style: .timeOfDay, utcOffset: -3600)
                == "23:00:00.000000 \n")
    }

    @Test func epochWithHexAndANotification() throws {
        let flush = try PFKey.RequestBuilder(wire: .linux, pid: 4242).flush(.unspecified).encoded(for: .linux)
        let event = KeyEvent(kind: .saAdded, sa: PFKeyModelSamples.reported(pid: 4242), saType: .esp, seconds: seconds,
                             originPID: 4242)
        let add = try #require(PFKey.KernelReplyBuilder(wire: .linux).eventMessage(event)).encoded(for: .linux)
        let text = PFKey.MonitorRecord.text(flush, seconds: seconds, microseconds: 1, style: .epoch, hex: true, wire: .linux)
            + PFKey.MonitorRecord.text(add, seconds: seconds, microseconds: 2, style: .epoch, hex: true, wire: .linux)
        #expect(text == PFKeyGoldenFile.expected("monitor.xxH", actual: text))
    }

    /// Linux's own PROMISC broadcast (header only) and an empty BSD envelope print only the
    /// timestamp and hex; a BSD envelope's content is decoded without the outer header.
    @Test func promiscuousEnvelopes() throws {
        let promisc = try PFKey.RequestBuilder(wire: .linux, pid: 9).promisc().encoded(for: .linux)
        #expect(PFKey.MonitorRecord.text(promisc, seconds: 0, microseconds: 0, style: .epoch, hex: false, wire: .linux)
                == "0.000000 \n")
        let inner = try PFKey.RequestBuilder(wire: .netBSD, pid: 9).flush(.esp).encoded(for: .netBSD)
        var envelope = try PFKey.RequestBuilder(wire: .netBSD, pid: 9).promisc().encoded(for: .netBSD)
        envelope[4] = 4
        envelope += inner
        let text = PFKey.MonitorRecord.text(envelope, seconds: 0, microseconds: 0, style: .epoch, hex: false, wire: .netBSD)
        #expect(text == "0.000000 \nsadb_msg{ version=2 type=9 errno=0 satype=3\n  len=2 reserved=0 seq=0 pid=9\n\n")
    }

    @Test func localOffsetOfUTCIsZero() {
        // The test process runs with whatever TZ the machine has; only check it is a whole
        // number of minutes within a day.
        let offset = PFKey.MonitorRecord.localUTCOffset()
        #expect(offset % 60 == 0 && abs(offset) < 86400)
    }
}
