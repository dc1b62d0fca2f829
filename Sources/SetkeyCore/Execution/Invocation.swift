/// What the command line asked for, after option parsing: the mode, its operand and every
/// flag. Built by `InvocationParser`; run by `SetkeyRunner`.
/// Counterpart: setkey's `main()` option handling (reference 1.1).
public struct Invocation: Sendable, Hashable {
    /// What to do. The last of `-c`, `-f`, `-D`, `-F`, `-x` wins (except that `-D` with a
    /// script keeps the script and sets `dumpAfterScript`); positional files win over all.
    public enum Mode: Sendable, Hashable {
        /// `-c`: statements from standard input, executed as each one is complete.
        case lineMode
        /// `-f FILE` (`-` for standard input): a whole script, parsed before anything is sent.
        case file(String)
        /// `-D` (`-DP` with `policies`): dump the SAD or the SPD.
        case dump
        /// `-F` (`-FP`): flush the SAD or the SPD.
        case flush
        /// `-x` (`-xx`): monitor.
        case monitor
        /// `FILE ...` without a mode flag: decode raw PF_KEY messages from files.
        case decodeFiles([String])
        /// `--list-backends`.
        case listBackends
        /// `--help`: the long help, exit 0.
        case help
        /// `--version`: the version line, exit 0.
        case version
        /// `-V`: the classic version line, exit 1.
        case classicVersion
        /// `-h`, `-?` or no arguments: the classic usage, exit 1.
        case usage
    }

    public var mode: Mode = .usage
    /// `-f FILE -D` (or `-c -D`, in either order): dump after the script has run. Ours: setkey
    /// keeps only the last mode and silently drops the script.
    public var dumpAfterScript = false
    /// Every `-f` argument, in order: setkey opens each while reading its options, so a
    /// missing one is an error even when a later mode wins.
    public var scriptFiles: [String] = []
    /// `-P`: `-D`/`-F` act on the SPD.
    public var policies = false
    /// `-a`: dumps include dead SAs.
    public var includeDead = false
    /// `-l`: loop (with `-D`: the short format every second).
    public var loop = false
    /// `-p`: dumps show ports.
    public var showPorts = false
    /// `-n`: parse and validate, send nothing.
    public var noAction = false
    /// `-v` count: print each message decoded.
    public var verbose = 0
    /// `-H`: hex-dump messages.
    public var hex = false
    /// `-x` count (2: epoch timestamps).
    public var monitorLevel = 0
    /// `-r` (default on fwd-capable backends) / `-k`: install automatic `fwd` copies of `in`
    /// policies.
    public var forwardCopies = true
    /// Whether `-r` or `-k` was given explicitly.
    public var forwardSemanticsExplicit = false
    /// `-B NAME` / `--backend NAME`.
    public var backend: String?
    /// `--config FILE`.
    public var configPath: String?
    /// `--json`: structured output.
    public var json = false
    /// `--nokeys`: keys replaced by their length in every output.
    public var hideKeys = false

    public init() {}
}
