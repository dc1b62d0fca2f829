#if canImport(Glibc)
import Glibc
#endif
import SetkeyCore

/// The recording stub: answers from in-memory tables with kernel semantics for one run,
/// writes every request it receives in canonical setkey syntax to `[record] output`, and
/// fails the requests named by `[record] fail` with the given errno.
public final class RecordBackend: KeyBackend {
    public static let name = "record"
    public static let summary = "records every request as setkey syntax; in-memory tables for one run (dry runs, tests)"

    private let settings: RecordSettings
    private let log: RecordLog

    /// The conformance suite sends thousands of requests: a log on a terminal stream goes to
    /// a file in the scratch folder instead (a log file configured by the user is kept).
    public static func conformanceSettings(_ settings: [String: String], scratchFolder: String) -> [String: String] {
        var s = settings
        if ["stderr", "stdout"].contains(s["output"] ?? "stderr") { s["output"] = scratchFolder + "/record.log" }
        return s
    }
    private var tables: RecordTables
    private var requestCount = 0
    public let capabilities: BackendCapabilities

    public init(context: BackendContext) throws(BackendError) {
        settings = try RecordSettings(context.settings)
        log = try RecordLog(target: settings.output)
        tables = RecordTables(personality: settings.personality)
        var features: BackendFeatures = [.saUpdate, .byteLifetimes, .natTraversal, .securityContext,
                                         .extendedSequenceNumbers, .aead, .tunnelEndpointPorts, .entrustBypass,
                                         .pipelined, .keylessAH]
        if settings.personality == .linux {
            features.formUnion([.policyPriority, .forwardPolicies])
        } else {
            features.insert(.reportsFlagsAsSent)
        }
        capabilities = BackendCapabilities(
            personality: settings.personality,
            saTypes: settings.personality == .linux ? [.esp, .ah, .ipcomp] : [.esp, .ah, .ipcomp, .tcpSignature],
            features: features,
            algorithms: BackendCapabilities.catalogueAlgorithms(for: settings.personality, includeAEAD: true),
            preferredBatchSize: 4096)
    }

    /// Counts a request, records it and returns the injected fault for it, if any.
    private func record(_ text: String) -> Errno? {
        requestCount += 1
        log.append(text)
        return settings.faults[requestCount]
    }

    private var keyDisplay: KeyDisplay { settings.showKeys ? .show : .redacted }

    public func apply(_ mutations: [Mutation]) throws(BackendError) -> [Result<Void, BackendError>] {
        defer { log.flush() }
        let now = UInt64(time(nil))
        var results = [Result<Void, BackendError>]()
        results.reserveCapacity(mutations.count)
        for m in mutations {
            if let fault = record(CanonicalSyntax.text(of: m, keys: keyDisplay)) {
                results.append(.failure(.fromKernel(fault, detail: "injected by [record] fail")))
                continue
            }
            results.append(tables.apply(m, now: now))
        }
        return results
    }

    public func get(_ identity: SAIdentity) throws(BackendError) -> SecurityAssociation {
        defer { log.flush() }
        if let fault = record(CanonicalSyntax.text(of: .get(identity))) {
            throw .fromKernel(fault, detail: "injected by [record] fail")
        }
        guard let sa = tables.get(identity) else { throw tables.missingSA }
        return sa
    }

    public func dumpSAs(_ filter: SADumpFilter, _ body: (SecurityAssociation) -> Void) throws(BackendError) {
        defer { log.flush() }
        if let fault = record(CanonicalSyntax.text(of: .dump(filter.type))) {
            throw .fromKernel(fault, detail: "injected by [record] fail")
        }
        tables.eachSA(filter, body)
    }

    public func dumpPolicies(_ body: (SecurityPolicy) -> Void) throws(BackendError) {
        defer { log.flush() }
        if let fault = record(CanonicalSyntax.text(of: .spdDump)) {
            throw .fromKernel(fault, detail: "injected by [record] fail")
        }
        tables.eachPolicy(body)
    }

    public func monitor(_ handler: (KeyEvent) -> Bool) throws(BackendError) {
        throw .unsupported("the record backend has no monitor (-x)", .notSupported)
    }

    public func close() {
        log.close()
    }
}
