#if canImport(Glibc)
import Glibc
#endif

/// Script modes: `-f FILE` (the whole file is parsed and checked before anything is sent)
/// and `-c` (each statement runs as soon as its `;` arrives).
extension BackendSession {
    /// `-f FILE`: read, parse, validate against the backend, then run (or, with `-n`, stop).
    func runScript(path: String) -> Int32 {
        let bytes: [UInt8]
        do {
            bytes = path == "-" ? try FileIO.readAll(fd: context.inputDescriptor) : try FileIO.readFile(path)
        } catch {
            context.errors.write("setkey: cannot read '\(path)': \(error)\n")
            return 1
        }
        let name = path == "-" ? "(stdin)" : path
        guard let statements = check(bytes, options: ParseOptions(fileName: name), summaryName: name) else {
            scriptRefused = true
            return 1
        }
        defer { if context.leavesRunDataToExit { RunDataKeeper.keep(statements) } }
        if invocation.noAction { return 0 }
        let summary = executor().run(statements)
        return summary.failed > 0 ? 1 : 0
    }

    /// `-c`: statements from standard input, each parsed, checked and run when complete.
    func runLineMode() -> Int32 {
        var accumulator = LineModeAccumulator()
        let executor = executor()
        var status: Int32 = 0
        reading: while true {
            let bytes: [UInt8]
            do { bytes = try FileIO.readSome(fd: context.inputDescriptor) } catch {
                context.errors.write("setkey: reading standard input: \(error)\n")
                return 1
            }
            var chunks = accumulator.feed(bytes)
            if bytes.isEmpty, let rest = accumulator.finish() { chunks.append(rest) }
            for chunk in chunks {
                let options = ParseOptions(fileName: "(stdin)", firstLine: chunk.line, firstColumn: chunk.column)
                guard let statements = check(chunk.bytes, options: options, summaryName: nil) else {
                    status = 1
                    continue
                }
                if invocation.noAction { continue }
                let before = executor.summary.failed
                executor.run(statements)
                renderer.flush()
                context.output.flush()
                if executor.summary.failed > before { status = 1 }
                if executor.summary.exitRequested { break reading }
            }
            if bytes.isEmpty { break }
        }
        return status
    }

    /// Parses and validates; prints every diagnostic; returns the statements to send, or nil
    /// when there was any error (then nothing may be sent).
    private func check(_ bytes: [UInt8], options: ParseOptions, summaryName: String?) -> [LocatedStatement]? {
        let parsed = ScriptParser.parse(bytes, options: options)
        // The statements that did parse are validated too, so one run reports every error of
        // the script (syntax and backend alike), in source order.
        let validation = StatementValidator.adjust(parsed.statements, capabilities: backend.capabilities,
                                                   backendName: configuration.backendName)
        var diagnostics = parsed.diagnostics
        if !validation.diagnostics.isEmpty {
            diagnostics = (diagnostics + validation.diagnostics).enumerated()
                .sorted { ($0.element.range.start.offset, $0.offset) < ($1.element.range.start.offset, $1.offset) }
                .map(\.element)
        }
        let statements = validation.statements
        for d in diagnostics { context.errors.write(d.rendered(source: bytes)) }
        let errors = diagnostics.reduce(0) { $0 + ($1.severity == .error ? 1 : 0) }
        guard errors == 0 else {
            if let summaryName {
                let what = errors == 1 ? "1 error" : "\(errors) errors"
                context.errors.write("setkey: \(what) in \(summaryName); nothing was applied\n")
            }
            return nil
        }
        return statements
    }

    private func executor() -> Executor {
        Executor(backend: backend, renderer: renderer, reporter: reporter, options: executorOptions)
    }
}
