#if canImport(Glibc)
import Glibc
#endif

/// The one entry point below `main`: runs an invocation against the chosen backend and
/// returns the exit status. Nothing below it calls `exit`.
///
/// Exit status: 0 when everything succeeded; 1 for usage errors, `-V`/`-h` (as setkey),
/// configuration or plugin problems, syntax errors (nothing applied) and whenever a statement
/// was refused (ipsec-tools exits 0 then: a documented difference).
public enum SetkeyRunner {
    /// Parses `arguments` (without the program name) and runs them.
    public static func run(arguments: [String], context: RunContext) -> Int32 {
        defer {
            context.output.flush()
            context.errors.flush()
        }
        let invocation: Invocation
        do {
            invocation = try InvocationParser.parse(arguments)
        } catch {
            // As getopt and setkey's usage(): the complaint on stderr, the usage on stdout.
            context.errors.write("setkey: \(error)\n")
            context.output.write(UsageText.versionLine + "\n" + UsageText.usage)
            return 1
        }
        return run(invocation, context: context)
    }

    /// Runs a parsed invocation.
    public static func run(_ inv: Invocation, context: RunContext) -> Int32 {
        switch inv.mode {
        case .usage:
            context.output.write(UsageText.versionLine + "\n" + UsageText.usage)
            return 1
        case .help:
            context.output.write(UsageText.help)
            return 0
        case .version:
            context.output.write(UsageText.versionLine + "\n")
            return 0
        case .classicVersion:
            context.output.write(UsageText.versionLine + "\n")
            return 1
        case .listBackends:
            return listBackends(inv, context: context)
        case .decodeFiles(let files):
            return MessageFileCommand.run(files, inv, context: context)
        case .dump, .flush, .monitor, .file, .lineMode:
            break
        }
        // setkey opens every -f file while reading its options.
        for path in inv.scriptFiles where path != "-" {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            if fd < 0 {
                context.errors.write("setkey: fopen: \(Errno(rawValue: errno))\n")
                return 1
            }
            close(fd)
        }
        guard let session = BackendSession.open(inv, context: context) else { return 1 }
        defer { session.backend.close() }
        switch inv.mode {
        case .dump: return session.dump()
        case .flush: return session.flush()
        case .monitor: return session.monitor()
        case .file(let path):
            let status = session.runScript(path: path)
            // A script that was refused changed nothing: no dump after it.
            return inv.dumpAfterScript && !session.scriptRefused ? max(status, session.dump()) : status
        case .lineMode:
            let status = session.runLineMode()
            return inv.dumpAfterScript ? max(status, session.dump()) : status
        default: preconditionFailure("handled above")
        }
    }

    static func listBackends(_ inv: Invocation, context: RunContext) -> Int32 {
        let config: Configuration
        do {
            config = try Configuration.resolve(backendFlag: inv.backend, configFlag: inv.configPath,
                                               environment: context.environment,
                                               executablePath: context.executablePath)
        } catch {
            context.errors.write("setkey: \(error)\n")
            return 1
        }
        let loader = PluginLoader(searchPath: config.pluginPath)
        let candidates = loader.candidates()
        if candidates.isEmpty {
            context.errors.write("setkey: no backend plugins found in \(config.pluginPath.joined(separator: ", "))\n")
            return 1
        }
        for c in candidates {
            let marker = c.name == config.backendName ? "*" : " "
            var line = "\(marker) \(c.name)\t\(c.path)\n"
            do {
                let type = try loader.load(c)
                line += "\t\(type.summary)\n"
                let context = BackendContext(settings: config.file?.sections[c.name] ?? [:],
                                             configurationPath: config.file?.path, environment: context.environment)
                do {
                    line += BackendSummary.text(try type.probe(context: context))
                } catch {
                    line += "\tunavailable: \(error)\n"
                }
            } catch {
                line += "\tnot loadable: \(error)\n"
            }
            context.output.write(line)
        }
        context.output.write("(* = the backend in use: \(config.backendName), from the \(config.backendSource.rawValue))\n")
        return 0
    }
}

/// A one-glance description of a backend's capabilities for `--list-backends`.
public enum BackendSummary {
    public static func text(_ c: BackendCapabilities) -> String {
        let types = c.saTypes.sorted().map(\.keyword).joined(separator: " ")
        var encryption = 0
        var authentication = 0
        for id in c.algorithms.keys {
            if id.kind == .encryption { encryption += 1 } else if id.kind == .authentication { authentication += 1 }
        }
        return "\tpersonality: \(c.personality); SA types: \(types); "
            + "algorithms: \(encryption) encryption, \(authentication) authentication\n"
            + "\tfeatures: \(c.features.names.joined(separator: " "))\n"
    }
}
