#if canImport(Glibc)
import Glibc
#endif
import CGetopt

/// A command line that cannot be run: the text says why (printed before the usage).
public struct UsageError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Turns argv into an `Invocation` with glibc's `getopt_long` (which permutes, so options
/// after a file name still count, as on Linux).
/// Counterpart: the `getopt(argc, argv, "acdf:HlnvxDFPphVrk?")` loop of setkey's `main()`.
public enum InvocationParser {
    static let shortOptions = ":aB:cdDf:FhHklnpPrvVx"

    private enum Long: CInt, CaseIterable {
        case backend = 1000, config, listBackends, help, version, json, nokeys

        var name: String {
            switch self {
            case .backend: return "backend"
            case .config: return "config"
            case .listBackends: return "list-backends"
            case .help: return "help"
            case .version: return "version"
            case .json: return "json"
            case .nokeys: return "nokeys"
            }
        }
    }

    /// getopt keeps its state in C globals: one parse at a time.
    private static let lock = ProcessLock()

    /// Parses `arguments` (without the program name).
    /// - Throws: `UsageError` for an unknown option, a missing argument or a bad combination.
    public static func parse(_ arguments: [String]) throws(UsageError) -> Invocation {
        try lock.withLock { () throws(UsageError) -> Invocation in try parseLocked(arguments) }
    }

    private static func parseLocked(_ arguments: [String]) throws(UsageError) -> Invocation {
        var inv = Invocation()
        if arguments.isEmpty { return inv }  // no arguments at all: usage
        var modeChosen = false
        var argv: [UnsafeMutablePointer<CChar>?] = (["setkey"] + arguments).map { strdup($0) }
        argv.append(nil)
        defer { for p in argv { free(p) } }

        let cNames = Long.allCases.map { strdup($0.name) }
        defer { for p in cNames { free(p) } }
        var longOptions = [option]()
        for (i, long) in Long.allCases.enumerated() {
            let hasArgument = long == .backend || long == .config ? required_argument : no_argument
            longOptions.append(option(name: cNames[i], has_arg: hasArgument, flag: nil, val: long.rawValue))
        }
        longOptions.append(option(name: nil, has_arg: 0, flag: nil, val: 0))

        setkey_getopt_reset()
        var failure: UsageError?
        // -V, -h and -? end option processing at once, as setkey exits inside its getopt loop.
        var finished = false
        let argc = CInt(argv.count - 1)
        argv.withUnsafeMutableBufferPointer { buffer in
            longOptions.withUnsafeBufferPointer { longs in
                while failure == nil && !finished {
                    var index: CInt = 0
                    guard let args = buffer.baseAddress else { return }
                    let c = getopt_long(argc, args, shortOptions, longs.baseAddress, &index)
                    if c == -1 { break }
                    let arg = setkey_getopt_argument().map { String(cString: $0) }
                    switch c {
                    case CInt(UInt8(ascii: "a")): inv.includeDead = true
                    case CInt(UInt8(ascii: "B")), Long.backend.rawValue: inv.backend = arg
                    case CInt(UInt8(ascii: "c")):
                        inv.dumpAfterScript = inv.mode == .dump
                        inv.mode = .lineMode
                        modeChosen = true
                    case CInt(UInt8(ascii: "d")): break  // accepted, ignored (as setkey)
                    case CInt(UInt8(ascii: "D")):
                        // A dump after a script runs after it (ours; setkey would drop the script).
                        if case .file = inv.mode { inv.dumpAfterScript = true } else if inv.mode == .lineMode {
                            inv.dumpAfterScript = true
                        } else {
                            inv.mode = .dump
                        }
                        modeChosen = true
                    case CInt(UInt8(ascii: "f")):
                        inv.dumpAfterScript = inv.mode == .dump
                        inv.mode = .file(arg ?? "-")
                        inv.scriptFiles.append(arg ?? "-")
                        modeChosen = true
                    case CInt(UInt8(ascii: "F")): inv.mode = .flush; inv.dumpAfterScript = false; modeChosen = true
                    case CInt(UInt8(ascii: "h")): inv.mode = .usage; modeChosen = true; finished = true
                    case CInt(UInt8(ascii: "H")): inv.hex = true
                    case CInt(UInt8(ascii: "k")): inv.forwardCopies = false; inv.forwardSemanticsExplicit = true
                    case CInt(UInt8(ascii: "l")): inv.loop = true
                    case CInt(UInt8(ascii: "n")): inv.noAction = true
                    case CInt(UInt8(ascii: "p")): inv.showPorts = true
                    case CInt(UInt8(ascii: "P")): inv.policies = true
                    case CInt(UInt8(ascii: "r")): inv.forwardCopies = true; inv.forwardSemanticsExplicit = true
                    case CInt(UInt8(ascii: "v")): inv.verbose += 1
                    case CInt(UInt8(ascii: "V")): inv.mode = .classicVersion; modeChosen = true; finished = true
                    case CInt(UInt8(ascii: "x")):
                        inv.mode = .monitor
                        inv.dumpAfterScript = false
                        inv.monitorLevel += 1
                        modeChosen = true
                    case Long.config.rawValue: inv.configPath = arg
                    case Long.listBackends.rawValue: inv.mode = .listBackends; modeChosen = true
                    case Long.help.rawValue: inv.mode = .help; modeChosen = true
                    case Long.version.rawValue: inv.mode = .version; modeChosen = true
                    case Long.json.rawValue: inv.json = true
                    case Long.nokeys.rawValue: inv.hideKeys = true
                    case CInt(UInt8(ascii: ":")):
                        if let long = Long(rawValue: setkey_getopt_option()) {
                            failure = UsageError("option '--\(long.name)' requires an argument")
                        } else {
                            failure = UsageError("option requires an argument -- '\(optionName(buffer))'")
                        }
                    default:
                        if setkey_getopt_option() == CInt(UInt8(ascii: "?")) {
                            inv.mode = .usage  // `-?`: the classic usage
                            modeChosen = true
                            finished = true
                        } else if setkey_getopt_option() == 0 {
                            failure = UsageError("unrecognized option '\(optionName(buffer))'")
                        } else {
                            failure = UsageError("invalid option -- '\(optionName(buffer))'")
                        }
                    }
                }
            }
        }
        if let failure { throw failure }
        let first = Int(setkey_getopt_index())
        var positional = [String]()
        if first < argv.count - 1 {
            for i in first..<(argv.count - 1) {
                if let p = argv[i] { positional.append(String(cString: p)) }
            }
        }
        if finished {
            // -V, -h, -?: nothing after them counts.
        } else if !positional.isEmpty {
            switch inv.mode {
            case .help, .version, .classicVersion, .listBackends: break
            default: inv.mode = .decodeFiles(positional)
            }
        } else if !modeChosen {
            inv.mode = .usage
        }
        if inv.backend?.isEmpty == true { throw UsageError("empty backend name") }
        return inv
    }

    /// The text of the option getopt just rejected: a letter, or the long option as written
    /// (an unknown long option leaves optopt 0; the offending word precedes optind).
    private static func optionName(_ argv: UnsafeMutableBufferPointer<UnsafeMutablePointer<CChar>?>) -> String {
        let opt = setkey_getopt_option()
        if opt > 0, let scalar = Unicode.Scalar(UInt32(opt)) { return String(Character(scalar)) }
        let i = Int(setkey_getopt_index()) - 1
        if i > 0, i < argv.count, let word = argv[i] { return String(cString: word) }
        return "?"
    }
}
