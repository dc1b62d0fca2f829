/// Optional behaviours a backend has. The conformance suite and `-n` read them; a check a
/// backend cannot support is reported as unsupported, never passed silently.
/// Counterpart: strongSwan's `kernel_feature_t`.
public struct BackendFeatures: OptionSet, Sendable, Hashable {
    public var rawValue: UInt64
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// `update` of an existing SA.
    public static let saUpdate = BackendFeatures(rawValue: 1 << 0)
    /// Time lifetimes move SAs to dying/dead by themselves.
    public static let lifetimesEnforced = BackendFeatures(rawValue: 1 << 1)
    /// Byte lifetimes (`-bh`/`-bs`) are stored.
    public static let byteLifetimes = BackendFeatures(rawValue: 1 << 2)
    /// Dead SAs are kept and shown with `-a`.
    public static let deadEntries = BackendFeatures(rawValue: 1 << 3)
    /// `-x` monitor events.
    public static let monitor = BackendFeatures(rawValue: 1 << 4)
    /// Policies carry a priority (`prio`).
    public static let policyPriority = BackendFeatures(rawValue: 1 << 5)
    /// `fwd` is a direction of its own; `-r`/`-k` semantics apply.
    public static let forwardPolicies = BackendFeatures(rawValue: 1 << 6)
    /// ESP-in-UDP SAs (`esp-udp`).
    public static let natTraversal = BackendFeatures(rawValue: 1 << 7)
    /// Security contexts (`-ctx`).
    public static let securityContext = BackendFeatures(rawValue: 1 << 8)
    /// Extended sequence numbers.
    public static let extendedSequenceNumbers = BackendFeatures(rawValue: 1 << 9)
    /// AEAD ciphers (AES-GCM, ChaCha20-Poly1305).
    public static let aead = BackendFeatures(rawValue: 1 << 10)
    /// State survives the process (userspace journal, a kernel).
    public static let persistent = BackendFeatures(rawValue: 1 << 11)
    /// Backed by a real kernel (tests must run in a throw-away network namespace).
    public static let kernel = BackendFeatures(rawValue: 1 << 12)
    /// Replay window and SA flags are reported back as sent (BSD) rather than translated.
    public static let reportsFlagsAsSent = BackendFeatures(rawValue: 1 << 13)
    /// Ports in policy tunnel endpoints (`esp/tunnel/A[4500]-B[4500]/require`).
    public static let tunnelEndpointPorts = BackendFeatures(rawValue: 1 << 14)
    /// Policies with the `entrust`/`bypass` actions.
    public static let entrustBypass = BackendFeatures(rawValue: 1 << 15)
    /// `spdadd tagged`.
    public static let taggedPolicies = BackendFeatures(rawValue: 1 << 16)
    /// Byte-exact PF_KEY messages can be shown (`-v`, `-H`, `-x` decode real wire data).
    public static let pfkeyWire = BackendFeatures(rawValue: 1 << 17)
    /// Requests are pipelined: many per system call.
    public static let pipelined = BackendFeatures(rawValue: 1 << 18)
    /// AH SAs with a keyless authentication algorithm (`ah ... -A null`). Linux af_key
    /// refuses every AH SA without a KEY_AUTH extension (EINVAL), and setkey sends none for
    /// `-A null`; XFRM netlink and KAME kernels accept them.
    public static let keylessAH = BackendFeatures(rawValue: 1 << 19)

    /// The names of the features, for `--list-backends` and JSON.
    public var names: [String] {
        Self.table.filter { contains($0.0) }.map(\.1)
    }

    /// Every feature with its name, in declaration order.
    public static let table: [(BackendFeatures, String)] = [
        (.saUpdate, "sa-update"), (.lifetimesEnforced, "lifetimes-enforced"), (.byteLifetimes, "byte-lifetimes"),
        (.deadEntries, "dead-entries"), (.monitor, "monitor"), (.policyPriority, "policy-priority"),
        (.forwardPolicies, "fwd-policies"), (.natTraversal, "nat-t"), (.securityContext, "security-context"),
        (.extendedSequenceNumbers, "esn"), (.aead, "aead"), (.persistent, "persistent"), (.kernel, "kernel"),
        (.reportsFlagsAsSent, "flags-as-sent"), (.tunnelEndpointPorts, "tunnel-endpoint-ports"),
        (.entrustBypass, "entrust-bypass"), (.taggedPolicies, "tagged-policies"), (.pfkeyWire, "pfkey-wire"),
        (.pipelined, "pipelined"), (.keylessAH, "keyless-ah"),
    ]
}

/// What a backend can do: its personality, SA types, features and the algorithms with the
/// key sizes it accepts (what a PF_KEY `SADB_REGISTER` reply says).
public struct BackendCapabilities: Sendable, Hashable {
    /// Whose semantics and dump wording the backend's data follows.
    public var personality: Personality
    /// The SA types it can store.
    public var saTypes: Set<SAType>
    /// Optional behaviours.
    public var features: BackendFeatures
    /// Supported algorithms with their key length ranges in bits.
    public var algorithms: [AlgorithmID: KeyBitsRange]
    /// The most requests one policy may have (Linux: 6), nil for no limit.
    public var maximumRequestsPerPolicy: Int?
    /// How many mutations the executor should hand over per `apply` call.
    public var preferredBatchSize: Int

    public init(personality: Personality, saTypes: Set<SAType>, features: BackendFeatures,
                algorithms: [AlgorithmID: KeyBitsRange], maximumRequestsPerPolicy: Int? = nil,
                preferredBatchSize: Int = 1) {
        self.personality = personality
        self.saTypes = saTypes
        self.features = features
        self.algorithms = algorithms
        self.maximumRequestsPerPolicy = maximumRequestsPerPolicy
        self.preferredBatchSize = preferredBatchSize
    }

    /// The algorithm table of a kernel of `personality` as its PF_KEY REGISTER would list it
    /// (every catalogue row its kernel offers over PF_KEY, with the catalogue's ranges).
    public static func catalogueAlgorithms(for personality: Personality, includeAEAD: Bool) -> [AlgorithmID: KeyBitsRange] {
        var table = [AlgorithmID: KeyBitsRange]()
        for d in AlgorithmCatalogue.descriptors where d.personalities.contains(personality) {
            if d.isAEAD && !includeAEAD { continue }
            if !includeAEAD && !d.pfkeyCapable.contains(personality) { continue }
            if d.kind == .authentication && d.isAEAD { continue }
            table[d.id] = d.keyBits
        }
        return table
    }

    /// Whether `id` is supported.
    public func supports(_ id: AlgorithmID) -> Bool {
        id.kind == .compression ? algorithms[id] != nil || algorithms.isEmpty : algorithms[id] != nil
    }
}

/// The outcome of checking a key against a backend's algorithm table, as setkey does after
/// `SADB_REGISTER` (reference 2.5).
public enum KeyCheck: Sendable, Hashable {
    /// Acceptable.
    case ok
    /// The backend does not list the algorithm ("Not supported").
    case notSupported
    /// The key has `bits`, outside `range` ("Invalid key length").
    case invalidLength(bits: Int, range: KeyBitsRange)
}

extension BackendCapabilities {
    /// Checks an algorithm and its key the way setkey does against a REGISTER reply: the id
    /// must be listed and the key length within [min, max]. Compression is never checked.
    public func check(_ algorithm: KeyedAlgorithm) -> KeyCheck {
        if algorithm.id.kind == .compression { return .ok }
        guard let range = algorithms[algorithm.id] else { return .notSupported }
        let bits = algorithm.key.bitCount
        return range.contains(bits) ? .ok : .invalidLength(bits: bits, range: range)
    }
}
