#if canImport(Glibc)
import Glibc
#endif
import KeyEngine
import SetkeyCore

/// A helper for the engine's process-level tests and its benchmark:
///
/// ```
/// keyengine-stress apply   --state DIR --first N --count C --batch B [--compact BYTES] [--policies]
///     applies statements N..<N+C in batches of B, printing "ok K" (statements acknowledged
///     so far) after each batch is durable
/// keyengine-stress monitor --state DIR --events N
///     prints "ready", then one line per event ("saAdded 0x10000") until N events were seen
/// keyengine-stress bench   --state DIR --count N
///     applies N SAs and N policies in batches of 4096, prints time and memory
/// keyengine-stress reload  --state DIR
///     opens the state, prints the time it took and memory
/// ```
@main
struct StressMain {
    static func main() {
        var args = Array(CommandLine.arguments.dropFirst())
        guard !args.isEmpty else { fail("usage: keyengine-stress apply|monitor|bench|reload --state DIR ...") }
        let command = args.removeFirst()
        let options = StressOptions(args)
        do {
            switch command {
            case "apply": try apply(options)
            case "monitor": try monitor(options)
            case "bench": try StressBenchmark.apply(options)
            case "reload": try StressBenchmark.reload(options)
            default: fail("unknown command '\(command)'")
            }
        } catch {
            fail("keyengine-stress: \(error)")
        }
    }

    static func apply(_ o: StressOptions) throws(EngineError) {
        let engine = try KeyEngine(configuration: o.configuration())
        var done = 0
        while done < o.count {
            let n = min(o.batch, o.count - done)
            let changes = (0..<n).map { StressWorkload.change(o.first + done + $0, policies: o.policies) }
            let results = try engine.apply(changes)
            for (i, r) in results.enumerated() {
                if case .failure(let f) = r { fail("statement \(o.first + done + i): \(f)") }
            }
            done += n
            say("ok \(done)")
        }
    }

    static func monitor(_ o: StressOptions) throws(EngineError) {
        let engine = try KeyEngine(configuration: o.configuration())
        var seen = 0
        try engine.follow(tick: 100, ready: { say("ready") }) { event in
            let spi = event.sa.map { "0x" + String($0.spi.rawValue, radix: 16) } ?? "-"
            say("\(name(event.kind)) \(spi) \(event.originPID)")
            seen += 1
            return seen < o.events
        }
    }
}

/// One word for an event kind: `saAdded`, `saExpired-soft`, `saExpired-hard` ...
func name(_ kind: EngineEvent.Kind) -> String {
    switch kind {
    case .saExpired(let hard): return hard ? "saExpired-hard" : "saExpired-soft"
    default: return "\(kind)"
    }
}

/// Writes a line to standard output at once (the tests read it while the process runs).
func say(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress! + offset, $0.count - offset) }
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { return }
        offset += n
    }
}

func fail(_ message: String) -> Never {
    EngineConfiguration.writeToStandardError(message)
    exit(1)
}
