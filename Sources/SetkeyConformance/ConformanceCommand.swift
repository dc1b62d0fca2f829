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
        let backend: any KeyBackend
        do {
            backend = try type.init(context: BackendContext(settings: config.backendSettings,
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

/// Whether this process runs in a network namespace of its own (not the one of PID 1).
public enum NetworkNamespace {
    public static func isPrivate() -> Bool {
        var mine = stat(), initial = stat()
        guard stat("/proc/self/ns/net", &mine) == 0, stat("/proc/1/ns/net", &initial) == 0 else { return false }
        return mine.st_ino != initial.st_ino || mine.st_dev != initial.st_dev
    }
}
