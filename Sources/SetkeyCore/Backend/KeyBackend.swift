/// What a backend is given when it starts: its section of the configuration file and
/// where that file is, so relative paths can be resolved.
public struct BackendContext: Sendable {
    /// The `key = value` settings of the backend's `[name]` section.
    public var settings: [String: String]
    /// The configuration file these settings came from (nil when none was read).
    public var configurationPath: String?
    /// The environment of the process (for per-user defaults such as `XDG_STATE_HOME`).
    public var environment: [String: String]

    public init(settings: [String: String] = [:], configurationPath: String? = nil,
                environment: [String: String] = [:]) {
        self.settings = settings
        self.configurationPath = configurationPath
        self.environment = environment
    }
}

/// The one protocol every backend implements: setkey's operations over some SAD/SPD (a
/// kernel through PF_KEY or XFRM, the userspace engine, the recording stub).
///
/// Mutations come in ordered batches and each is answered on its own; queries stream their
/// results; `monitor` delivers events as they happen. Backends are used from one thread.
/// Counterpart: strongSwan's `kernel_ipsec_t`.
public protocol KeyBackend: AnyObject {
    /// The name users select it by (`-B NAME`, `backend = NAME`).
    static var name: String { get }
    /// One line saying what it is, for `--list-backends`.
    static var summary: String { get }

    /// Opens the backend: checks its preconditions (a socket can be opened, the state folder
    /// is safe ...) and reads its settings.
    /// - Throws: `BackendError.unavailable` when it cannot work on this host,
    ///   `.invalidConfiguration` for a bad setting.
    init(context: BackendContext) throws(BackendError)

    /// What it supports. For kernels this may come from the kernel (PF_KEY REGISTER).
    var capabilities: BackendCapabilities { get }

    /// Applies `mutations` in order. Each gets its own result, in the same order; a failure
    /// does not stop the ones after it. Results are returned only once they are durable
    /// (acknowledged by the kernel, or fsync'd by the userspace engine).
    /// - Throws: only when the whole batch could not be attempted (socket gone, lock lost);
    ///   per-request failures are results.
    func apply(_ mutations: [Mutation]) throws(BackendError) -> [Result<Void, BackendError>]

    /// The SA with this identity.
    /// - Throws: `notFound` when there is none.
    func get(_ identity: SAIdentity) throws(BackendError) -> SecurityAssociation

    /// Calls `body` with every SA that passes `filter`, in the backend's order.
    func dumpSAs(_ filter: SADumpFilter, _ body: (SecurityAssociation) -> Void) throws(BackendError)

    /// Calls `body` with every policy, in the backend's order.
    func dumpPolicies(_ body: (SecurityPolicy) -> Void) throws(BackendError)

    /// Delivers events until `handler` returns false (or forever).
    /// - Throws: `unsupported` when the backend has no monitor.
    func monitor(_ handler: (KeyEvent) -> Bool) throws(BackendError)

    /// Releases sockets, locks and files. Called once; the backend is not used afterwards.
    func close()

    /// The settings to open the backend with for a run of the conformance suite, which
    /// flushes every table: `settings` with whatever keeps the user's own state out of reach
    /// (the userspace engine's state folder) moved into `scratchFolder`, a fresh folder
    /// removed afterwards. The default returns `settings` unchanged (kernels are protected
    /// by the network-namespace check instead).
    static func conformanceSettings(_ settings: [String: String], scratchFolder: String) -> [String: String]

    /// What `--list-backends` shows: the capabilities the backend has with these settings,
    /// found without changing anything (no state folder made, no table touched). The default
    /// opens the backend and closes it again.
    /// - Throws: what `init(context:)` throws when the backend cannot work here.
    static func probe(context: BackendContext) throws(BackendError) -> BackendCapabilities
}

extension KeyBackend {
    public static func probe(context: BackendContext) throws(BackendError) -> BackendCapabilities {
        let backend = try Self(context: context)
        defer { backend.close() }
        return backend.capabilities
    }

    public static func conformanceSettings(_ settings: [String: String], scratchFolder: String) -> [String: String] {
        settings
    }
}
