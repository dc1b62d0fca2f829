#if canImport(Glibc)
import Glibc
#endif
import SetkeyCore

/// The `setkey-conformance` command: runs the suite against one backend on this host and
/// prints the table (or JSON); exit status 1 when any scenario failed, 2 for usage errors.
/// A kernel backend is refused outside a private network namespace unless `--allow-host`
/// is given, because the suite flushes the tables.
public enum ConformanceCommand {
    public static let usage = """
        usage: setkey-conformance --backend NAME [--config FILE] [--json] [--filter PATTERN] [--allow-host]

        """

    public static func run(arguments: [String], context: RunContext) -> Int32 {
        defer {
            context.output.flush()
            context.errors.flush()
        }
        var backendName: String?
        var configPath: String?
        var json = false
        var filter: String?
        var allowHost = false
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            func value() -> String? {
                i += 1
                return i < arguments.count ? arguments[i] : nil
            }
            switch a {
            case "--backend", "-B": backendName = value()
            case "--config": configPath = value()
            case "--filter": filter = value()
            case "--json": json = true
            case "--allow-host": allowHost = true
            case "--help", "-h":
                context.output.write(usage)
                return 0
            default:
                context.errors.write("setkey-conformance: unknown argument '\(a)'\n" + usage)
                return 2
            }
            i += 1
        }
        guard let backendName else {
            context.errors.write("setkey-conformance: --backend NAME is required\n" + usage)
            return 2
        }
        let config: Configuration
        let type: any KeyBackend.Type
        do {
            config = try Configuration.resolve(backendFlag: backendName, configFlag: configPath,
                                               environment: context.environment,
                                               executablePath: context.executablePath)
            type = try PluginLoader(searchPath: config.pluginPath).load(backendName)
        } catch {
            context.errors.write("setkey-conformance: \(error)\n")
            return 1
        }
        // A scratch folder for what the backend keeps (the userspace engine's state): the
        // suite flushes every table and must never reach the user's own.
        let scratch: String
        switch ScratchFolder.make(under: context.environment["TMPDIR"] ?? "/tmp") {
        case .success(let path): scratch = path
        case .failure(let error):
            context.errors.write("setkey-conformance: \(error)\n")
            return 1
        }
        defer { ScratchFolder.remove(scratch) }
        let settings = type.conformanceSettings(config.backendSettings, scratchFolder: scratch)
        let backend: any KeyBackend
        do {
            backend = try type.init(context: BackendContext(settings: settings,
                                                            configurationPath: config.file?.path,
                                                            environment: context.environment))
        } catch {
            context.errors.write("setkey-conformance: backend '\(backendName)': \(error)\n")
            return 1
        }
        defer { backend.close() }
        if backend.capabilities.features.contains(.kernel), !allowHost, !NetworkNamespace.isPrivate() {
            context.errors.write("""
                setkey-conformance: backend '\(backendName)' changes this host's kernel tables and the suite \
                flushes them; run it inside a network namespace (unshare -n setkey-conformance ...) or pass \
                --allow-host

                """)
            return 1
        }
        let results = ConformanceRunner(backendName: backendName, backend: backend).run(filter: filter)
        context.output.write(json ? ConformanceReport.json(results, backend: backendName)
                                  : ConformanceReport.table(results, backend: backendName))
        return ConformanceReport.Totals(results).failed > 0 ? 1 : 0
    }
}

/// Whether this process runs in a network namespace of its own, not the host's.
///
/// Compared with PID 1's namespace when that can be read. Where it cannot (containers and
/// sandboxes deny even root `/proc/1/ns`), a namespace is taken as private when it differs
/// from the parent process's (`unshare -n cmd`, `ip netns exec ns cmd`) or when its only
/// interface is `lo` (a fresh namespace: nothing of the host's there to lose).
public enum NetworkNamespace {
    public static func isPrivate() -> Bool {
        guard let mine = identity("/proc/self/ns/net") else { return false }
        if let initial = identity("/proc/1/ns/net") { return mine != initial }
        if let parent = identity("/proc/\(getppid())/ns/net"), parent != mine { return true }
        return onlyLoopback()
    }

    private static func identity(_ path: String) -> [UInt64]? {
        var s = stat()
        guard stat(path, &s) == 0 else { return nil }
        return [UInt64(s.st_dev), UInt64(s.st_ino)]
    }

    /// `/proc/self/net/dev` lists this namespace's interfaces after two header lines.
    private static func onlyLoopback() -> Bool {
        guard let bytes = try? FileIO.readFile("/proc/self/net/dev") else { return false }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").dropFirst(2)
        let names = lines.compactMap { $0.split(separator: ":").first?.trimmingBlanks }
        return names == ["lo"]
    }
}

private extension Substring {
    var trimmingBlanks: Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
