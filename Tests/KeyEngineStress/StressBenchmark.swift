#if canImport(Glibc)
import Glibc
#endif
import KeyEngine
import SetkeyCore

/// `keyengine-stress bench`: times applying N SAs and N policies in batches of 4096 (as the
/// executor hands them over), reloading them in a fresh engine, and reports resident memory.
enum StressBenchmark {
    static func run(_ o: StressOptions) throws(EngineError) {
        let n = o.count
        let baseline = residentKiB()
        var start = monotonicSeconds()
        let writer = try KeyEngine(configuration: o.configuration())
        var done = 0
        while done < 2 * n {
            let m = min(4096, 2 * n - done)
            let changes = (0..<m).map { k -> EngineChange in
                let i = done + k
                return i < n ? .addSA(StressWorkload.sa(i)) : .addPolicy(StressWorkload.policy(i - n))
            }
            _ = try writer.apply(changes)
            done += m
        }
        let applySeconds = monotonicSeconds() - start
        let afterApply = residentKiB()
        let stats = try writer.statistics()
        writer.close()

        start = monotonicSeconds()
        let reader = try KeyEngine(configuration: o.configuration())
        let reloadSeconds = monotonicSeconds() - start
        let reloaded = try reader.statistics()
        guard reloaded.securityAssociations == n, reloaded.policies == n else {
            fail("reloaded \(reloaded.securityAssociations) SAs and \(reloaded.policies) policies, expected \(n) each")
        }
        let afterReload = residentKiB()
        let perEntry = Double(afterApply - baseline) * 1024 / Double(2 * n)
        say("entries=\(n)+\(n) apply_s=\(format(applySeconds)) reload_s=\(format(reloadSeconds)) "
            + "rss_base_mib=\(baseline / 1024) rss_after_apply_mib=\(afterApply / 1024) "
            + "rss_after_reload_mib=\(afterReload / 1024) bytes_per_entry=\(Int(perEntry)) "
            + "journal_kib=\(stats.journalBytes / 1024) snapshot_kib=\(stats.snapshotBytes / 1024)")
    }

    static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// VmRSS from /proc/self/status, in KiB.
    static func residentKiB() -> Int {
        guard let f = fopen("/proc/self/status", "r") else { return 0 }
        defer { fclose(f) }
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, Int32(line.count), f) != nil {
            let bytes = line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
            let text = String(decoding: bytes, as: UTF8.self)
            if text.hasPrefix("VmRSS:") {
                return Int(text.dropFirst(6).filter { $0.isNumber }) ?? 0
            }
        }
        return 0
    }

    static func format(_ seconds: Double) -> String {
        let ms = Int((seconds * 1000).rounded())
        return "\(ms / 1000).\(String(repeating: "0", count: 3 - String(ms % 1000).count))\(ms % 1000)"
    }
}
