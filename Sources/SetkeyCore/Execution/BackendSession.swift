#if canImport(Glibc)
import Glibc
#endif

/// One run against one opened backend: the configuration, the backend, the renderer and the
/// failure reporter, with the operations the modes need (`-D`, `-F`, `-x`, `-f`, `-c`).
final class BackendSession {
    let invocation: Invocation
    let context: RunContext
    let configuration: Configuration
    let backend: any KeyBackend
    let renderer: any ResultRenderer
    let reporter: FailureReporter
    /// Whether `-f`'s script was refused (syntax or backend errors): nothing of it was sent.
    var scriptRefused = false

    private init(invocation: Invocation, context: RunContext, configuration: Configuration, backend: any KeyBackend) {
        self.invocation = invocation
        self.context = context
        self.configuration = configuration
        let renderer = OutputSelection.renderer(for: invocation, capabilities: backend.capabilities,
                                                sink: context.output)
        self.renderer = renderer
        reporter = FailureReporter(results: invocation.json ? context.errors : context.output,
                                   details: context.errors)
        // -v / -H: the PF_KEY messages, in order with the records (on standard error with
        // --json). In monitor mode -H belongs to the monitor records instead.
        if PFKeyTrace.wanted(by: invocation), invocation.mode != .monitor {
            let errors = context.errors
            let write: (String) -> Void
            if !invocation.json, let text = renderer as? any TraceTextAccepting {
                write = { text.trace($0) }
            } else {
                write = { errors.write($0) }
            }
            let trace = PFKeyTrace(verbose: invocation.verbose > 0, hex: invocation.hex, hideKeys: invocation.hideKeys,
                                   wire: PFKeyTracingBackend.wire(for: backend), write: write)
            self.backend = PFKeyTracingBackend(wrapping: backend, trace: trace,
                                               pid: UInt32(truncatingIfNeeded: getpid()))
        } else {
            self.backend = backend
        }
    }

    /// Resolves the configuration, loads the plugin and opens the backend; prints why not and
    /// returns nil on failure.
    static func open(_ inv: Invocation, context: RunContext) -> BackendSession? {
        let config: Configuration
        do {
            config = try Configuration.resolve(backendFlag: inv.backend, configFlag: inv.configPath,
                                               environment: context.environment,
                                               executablePath: context.executablePath)
        } catch {
            context.errors.write("setkey: \(error)\n")
            return nil
        }
        let type: any KeyBackend.Type
        let loader = PluginLoader(searchPath: config.pluginPath)
        do {
            type = try loader.load(config.backendName)
        } catch {
            context.errors.write("setkey: \(error)\n")
            return nil
        }
        if let file = config.file, !file.sections.isEmpty {
            // A misspelt [section] would otherwise be ignored without a word.
            let names = Set(loader.candidates().map(\.name))
            for (section, line) in file.sectionLines.sorted(by: { $0.value < $1.value }) where !names.contains(section) {
                context.errors.write("setkey: \(file.path):\(line): warning: no backend is named '\(section)' "
                                     + "(found: \(names.sorted().joined(separator: ", ")))\n")
            }
        }
        let backendContext = BackendContext(settings: config.backendSettings, configurationPath: config.file?.path,
                                            environment: context.environment)
        do {
            let backend = try type.init(context: backendContext)
            if inv.forwardSemanticsExplicit, !backend.capabilities.features.contains(.forwardPolicies) {
                // What setkey built for a BSD kernel says to -r and -k.
                context.output.write("warning: -r and -k options are not supported in this environment\n")
            }
            return BackendSession(invocation: inv, context: context, configuration: config, backend: backend)
        } catch {
            if case .invalidConfiguration(let text) = error, let location = config.file?.location(of: text) {
                context.errors.write("setkey: \(location): \(text)\n")
            } else {
                context.errors.write("setkey: backend '\(config.backendName)': \(error)\n")
            }
            return nil
        }
    }

    /// `-D` / `-DP` (with `-l`: forever, every second). `-n` sends nothing, so prints nothing.
    func dump() -> Int32 {
        if invocation.noAction { return 0 }
        repeat {
            let ok = invocation.policies ? dumpPolicies() : dumpSAs()
            renderer.flush()
            context.output.flush()
            if !invocation.loop { return ok ? 0 : 1 }
            sleep(1)
        } while true
    }

    private func dumpSAs() -> Bool {
        renderer.beginSADump()
        do {
            // Dead SAs are fetched too: they take a dump number, as in a kernel; the renderer hides
            // them unless -a.
            try backend.dumpSAs(SADumpFilter(type: .unspecified, includeDead: true)) { renderer.sa($0) }
        } catch .notFound {
            // ENOENT: the kernel's empty dump.
        } catch {
            var r = reporter
            r.withLines = false
            r.report(error, line: nil, file: nil)
            return false
        }
        renderer.endSADump()
        return true
    }

    private func dumpPolicies() -> Bool {
        renderer.beginPolicyDump()
        do {
            try backend.dumpPolicies { renderer.policy($0) }
        } catch .notFound {
            // ENOENT: the kernel's empty dump.
        } catch {
            var r = reporter
            r.withLines = false
            r.report(error, line: nil, file: nil)
            return false
        }
        renderer.endPolicyDump()
        return true
    }

    /// `-F` / `-FP`.
    func flush() -> Int32 {
        if invocation.noAction { return 0 }
        let m: Mutation = invocation.policies ? .spdFlush : .flush(.unspecified)
        let result: Result<Void, BackendError>
        do {
            result = try backend.apply([m]).first ?? .failure(.malformedReply("backend returned no result"))
        } catch {
            result = .failure(error)
        }
        if case .failure(let e) = result {
            var r = reporter
            r.withLines = false
            r.report(e, line: nil, file: nil)
            return 1
        }
        return 0
    }

    /// `-x`: events until interrupted. The classic text is setkey's record of the PF_KEY
    /// message: the one received when the backend speaks PF_KEY, else the one a kernel of
    /// its personality would have sent (with `-H`, its hex dump too). `--json`: JSON Lines.
    func monitor() -> Int32 {
        let wire = PFKeyTracingBackend.wire(for: backend)
        let kernel = PFKey.KernelReplyBuilder(wire: wire)
        let utcOffset = PFKey.MonitorRecord.localUTCOffset()
        let style = OutputSelection.options(for: invocation, capabilities: backend.capabilities).monitorTimestamps
        let classic = !invocation.json
        do {
            try backend.monitor { event in
                if classic, let bytes = event.rawMessage ?? kernel.eventMessage(event).flatMap({ try? $0.encoded(for: wire) }) {
                    context.output.write(PFKey.MonitorRecord.text(bytes, seconds: event.seconds,
                                                                  microseconds: event.microseconds, style: style,
                                                                  utcOffset: utcOffset, hex: invocation.hex, wire: wire,
                                                                  hideKeys: invocation.hideKeys))
                } else {
                    renderer.event(event)
                    renderer.flush()
                }
                context.output.flush()
                return true
            }
        } catch {
            context.errors.write("setkey: backend '\(configuration.backendName)': \(error)\n")
            return 1
        }
        return 0
    }

    var executorOptions: Executor.Options {
        var o = Executor.Options()
        o.forwardCopies = invocation.forwardCopies
        return o
    }
}
