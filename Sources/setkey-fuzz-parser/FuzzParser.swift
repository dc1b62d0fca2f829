// The parser's fuzz target and its crash replayer.
//
// Fuzzing (libFuzzer): Tests/Fuzz/parser-fuzz.sh [RUNS] does all of this; by hand (the
// `--scratch-path .build/fuzz` of the script keeps the normal release build intact):
//   swift build -c release --sanitize=fuzzer -Xswiftc -DFUZZING --product setkey-fuzz-parser
//   mkdir -p /tmp/fuzz-corpus /tmp/fuzz-seeds
//   cp Tests/Fixtures/corpus/*.c* Tests/Fixtures/corpus/*.sh Tests/Fixtures/corpus/*.in \
//      Tests/SetkeyCoreTests/Golden/*.conf /tmp/fuzz-seeds/
//   SWIFT_BACKTRACE=enable=no .build/release/setkey-fuzz-parser -runs=1000000 -max_len=4096 \
//      -dict=Sources/setkey-fuzz-parser/setkey.dict /tmp/fuzz-corpus /tmp/fuzz-seeds
// Each input is parsed; every diagnostic is rendered; every statement must print (canonical
// syntax) and parse back to itself; line mode must hand back every byte, cut after `;`s.
// Replaying (a normal build, no FUZZING):
//   setkey-fuzz-parser FILE...           runs the same checks on each file
//   setkey-fuzz-parser --print FILE      prints the canonical statements and the diagnostics
//   setkey-fuzz-parser --time FILE [N]   parses FILE N times (default 5), prints the best rate
#if canImport(Glibc)
import Glibc
#endif
import SetkeyCore

/// The properties checked on every input; a violation traps, which the fuzzer reports.
enum FuzzChecks {
    static func run(_ bytes: [UInt8]) {
        let result = ScriptParser.parse(bytes, options: ParseOptions(fileName: "fuzz"))
        for diagnostic in result.diagnostics {
            _ = diagnostic.rendered(source: bytes)
            precondition(diagnostic.location.offset >= 0 && diagnostic.location.offset <= bytes.count,
                         "diagnostic outside the input")
        }
        for located in result.statements {
            checkRoundTrip(located.statement)
        }
        checkLineMode(bytes)
    }

    /// parse(CanonicalSyntax.text(s)) == s.
    static func checkRoundTrip(_ statement: Statement) {
        let text = CanonicalSyntax.text(of: statement)
        let again = ScriptParser.parse(Array(text.utf8), options: ParseOptions(fileName: "canonical"))
        guard !again.hasErrors, again.statements.count == 1, again.statements[0].statement == statement else {
            let problems = again.diagnostics.map { $0.description }.joined(separator: "; ")
            fatalError("canonical text does not parse back to the same statement: \(text) \(problems)")
        }
    }

    /// Fed line by line, the accumulator gives back every byte, in order, cut after `;`s.
    static func checkLineMode(_ bytes: [UInt8]) {
        var accumulator = LineModeAccumulator()
        var joined: [UInt8] = []
        var rest = bytes[...]
        while !rest.isEmpty {
            let end = rest.firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? rest.endIndex
            for chunk in accumulator.feed(rest[rest.startIndex..<end]) {
                precondition(chunk.isTerminated && chunk.bytes.last == UInt8(ascii: ";"), "chunk without ';'")
                joined += chunk.bytes
            }
            rest = rest[end...]
        }
        if let last = accumulator.finish() { joined += last.bytes }
        let tail = bytes[joined.count...]
        precondition(bytes.starts(with: joined), "line mode changed the input")
        precondition(!tail.contains(UInt8(ascii: ";")) || tail.contains(UInt8(ascii: "#")) || tail.contains(UInt8(ascii: "\"")),
                     "line mode dropped a statement")
    }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzChecks.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#else
@main
struct FuzzReplayer {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "--print", arguments.count == 2 {
            printResult(of: arguments[1])
        } else if arguments.first == "--time", arguments.count == 2 || arguments.count == 3 {
            time(arguments[1], repeats: arguments.count == 3 ? Int(arguments[2]) ?? 5 : 5)
        } else if !arguments.isEmpty, !arguments[0].hasPrefix("-") {
            for path in arguments {
                FuzzChecks.run(read(path))
                print("\(path): ok")
            }
        } else {
            print("usage: setkey-fuzz-parser FILE... | --print FILE | --time FILE [N]")
            exit(2)
        }
    }

    static func read(_ path: String) -> [UInt8] {
        guard let file = fopen(path, "rb") else {
            print("\(path): \(String(cString: strerror(errno)))")
            exit(1)
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return bytes
    }

    static func printResult(of path: String) {
        let bytes = read(path)
        let result = ScriptParser.parse(bytes, options: ParseOptions(fileName: path))
        for s in result.statements { print("\(s.resultLine): \(CanonicalSyntax.text(of: s.statement))") }
        for d in result.diagnostics { print(d.rendered(source: bytes), terminator: "") }
    }

    /// Parses the file `repeats` times; prints the best wall-clock and CPU times (CPU time is
    /// what "per core" means, and does not count waiting for a busy machine).
    static func time(_ path: String, repeats: Int) {
        let bytes = read(path)
        var bestWall = Double.infinity
        var bestCPU = Double.infinity
        var count = 0
        for _ in 0..<max(1, repeats) {
            let wall0 = now(CLOCK_MONOTONIC)
            let cpu0 = now(CLOCK_PROCESS_CPUTIME_ID)
            let result = ScriptParser.parse(bytes, options: ParseOptions(fileName: path))
            let cpu1 = now(CLOCK_PROCESS_CPUTIME_ID)
            let wall1 = now(CLOCK_MONOTONIC)
            count = result.statements.count
            bestWall = min(bestWall, wall1 - wall0)
            bestCPU = min(bestCPU, cpu1 - cpu0)
        }
        print("\(count) statements, \(bytes.count) bytes: best wall \(Int(bestWall * 1e3)) ms "
              + "(\(Int(Double(count) / bestWall)) statements/s), best CPU \(Int(bestCPU * 1e3)) ms "
              + "(\(Int(Double(count) / bestCPU)) statements/s, \(Int(Double(bytes.count) / bestCPU / 1e6)) MB/s)")
    }

    static func now(_ clock: clockid_t) -> Double {
        var t = timespec()
        clock_gettime(clock, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
#endif
