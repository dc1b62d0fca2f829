#if canImport(Glibc)
import Glibc
#endif
import KeyEngine
import SetkeyCore

/// `keyengine-stress bench` times applying N SAs and N policies in batches of 4096 (as the
/// executor hands them over); `keyengine-stress reload` times opening that state in a fresh
/// process. Both report resident memory. Wall and CPU (user + system) times are both given:
/// on a shared machine the wall time mostly measures the other processes.
enum StressBenchmark {
    static func apply(_ o: StressOptions) throws(EngineError) {
        let n = o.count
        let baseline = residentKiB()
        let start = monotonicSeconds()
        let cpuStart = cpuSeconds()
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
        let wall = monotonicSeconds() - start
        let cpu = cpuSeconds() - cpuStart
        let stats = try writer.statistics()
        let rss = residentKiB()
        say("entries=\(n) apply_s=\(format(wall)) apply_cpu_s=\(format(cpu)) rss_base_mib=\(baseline / 1024) "
            + "rss_apply_mib=\(rss / 1024) bytes_per_entry=\((rss - baseline) * 1024 / max(1, 2 * n)) "
            + "journal_kib=\(stats.journalBytes / 1024) snapshot_kib=\(stats.snapshotBytes / 1024)")
    }

    static func reload(_ o: StressOptions) throws(EngineError) {
        let baseline = residentKiB()
        let start = monotonicSeconds()
        let cpuStart = cpuSeconds()
        let reader = try KeyEngine(configuration: o.configuration())
        let wall = monotonicSeconds() - start
        let cpu = cpuSeconds() - cpuStart
        let stats = try reader.statistics()
        let rss = residentKiB()
        let entries = stats.securityAssociations + stats.policies
        say("entries=\(entries) reload_s=\(format(wall)) reload_cpu_s=\(format(cpu)) rss_reload_mib=\(rss / 1024) "
            + "reload_bytes_per_entry=\((rss - baseline) * 1024 / max(1, entries))")
    }

    static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// User plus system CPU time of the process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
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
