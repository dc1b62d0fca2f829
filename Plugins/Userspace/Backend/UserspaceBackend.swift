#if canImport(Glibc)
import Glibc
#endif
import KeyEngine
import SetkeyCore

/// The embedded default backend: a persistent SAD/SPD with kernel semantics that needs no
/// root and no kernel support. A thin adapter: requests and answers are translated to and
/// from the `KeyEngine` library, which does all the work.
/// Counterpart: strongSwan's `kernel_libipsec` plugin over `libipsec`.
public final class UserspaceBackend: KeyBackend {
    public static let name = "userspace"
    public static let summary = "persistent userspace SAD/SPD with kernel semantics (no root, no kernel support)"

    private let engine: KeyEngine
    public let capabilities: BackendCapabilities

    /// Capabilities from the settings alone: listing backends must not create a state folder.
    public static func probe(context: BackendContext) throws(BackendError) -> BackendCapabilities {
        let settings = try UserspaceSettings(context)
        return capabilities(personality: settings.personality, algorithms: KeyEngine.algorithms(for: settings.personality))
    }

    /// The conformance suite flushes every table: it gets a state folder of its own, never
    /// the user's.
    public static func conformanceSettings(_ settings: [String: String], scratchFolder: String) -> [String: String] {
        var s = settings
        s["state_dir"] = scratchFolder + "/state"
        return s
    }

    public init(context: BackendContext) throws(BackendError) {
        let settings = try UserspaceSettings(context)
        do {
            engine = try KeyEngine(configuration: EngineConfiguration(
                stateDirectory: settings.stateDirectory, personality: settings.personality,
                deadEntryGrace: settings.deadEntryGrace))
        } catch {
            throw Self.startFailure(error)
        }
        capabilities = Self.capabilities(personality: settings.personality, algorithms: engine.algorithms)
    }

    /// What the engine offers in the given personality.
    static func capabilities(personality: Personality, algorithms: [AlgorithmID: KeyBitsRange]) -> BackendCapabilities {
        var features: BackendFeatures = [.saUpdate, .lifetimesEnforced, .byteLifetimes, .deadEntries, .monitor,
                                         .persistent, .natTraversal, .tunnelEndpointPorts, .keylessAH]
        var types: Set<SAType> = [.esp, .ah, .ipcomp]
        if personality == .linux {
            features.formUnion([.policyPriority, .forwardPolicies, .securityContext])
        } else {
            features.formUnion([.reportsFlagsAsSent, .entrustBypass, .aead])
            types.insert(.tcpSignature)
        }
        return BackendCapabilities(personality: personality, saTypes: types, features: features, algorithms: algorithms,
                                   maximumRequestsPerPolicy: personality == .linux ? 6 : nil,
                                   preferredBatchSize: 4096)
    }

    public func apply(_ mutations: [Mutation]) throws(BackendError) -> [Result<Void, BackendError>] {
        let results: [Result<Void, EngineFailure>]
        do {
            results = try engine.apply(mutations.map(Self.change))
        } catch {
            throw Self.failure(error)
        }
        return results.map { $0.mapError(Self.failure) }
    }

    public func get(_ identity: SAIdentity) throws(BackendError) -> SecurityAssociation {
        do {
            return try engine.get(identity)
        } catch {
            throw Self.failure(error)
        }
    }

    public func dumpSAs(_ filter: SADumpFilter, _ body: (SecurityAssociation) -> Void) throws(BackendError) {
        do {
            try engine.dumpSAs(type: filter.type, includeDead: filter.includeDead, body)
        } catch {
            throw Self.failure(error)
        }
    }

    public func dumpPolicies(_ body: (SecurityPolicy) -> Void) throws(BackendError) {
        do {
            try engine.dumpPolicies(body)
        } catch {
            throw Self.failure(error)
        }
    }

    public func monitor(_ handler: (KeyEvent) -> Bool) throws(BackendError) {
        do {
            try engine.follow { handler(Self.keyEvent($0)) }
        } catch {
            throw Self.failure(error)
        }
    }

    public func close() {
        engine.close()
    }
}
