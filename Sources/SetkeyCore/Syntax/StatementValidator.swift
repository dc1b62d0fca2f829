/// Checks parsed statements against what one backend can do, before anything is sent.
///
/// Errors: an SA type the backend does not store; an `-E`/`-A` algorithm it does not list, or
/// a key outside the bits it accepts for it; a policy priority without `.policyPriority`;
/// more requests than `maximumRequestsPerPolicy`; `esp-udp` without `.natTraversal`, `-ctx`
/// without `.securityContext`, `tagged` without `.taggedPolicies`, `entrust`/`bypass`
/// without `.entrustBypass`, ports in tunnel endpoints without `.tunnelEndpointPorts`.
/// Warning: `fwd` on a backend without `.forwardPolicies` is treated as `in` (what the classic
/// BSD setkey does); `adjust` returns the statements with that direction changed.
/// Diagnostics point at the whole statement and name the backend.
/// Counterpart: setkey's `ipsec_check_keylen` against the `SADB_REGISTER` reply ("Not
/// supported", "Invalid key length") and libipsec's "Policy priority not compiled in".
public enum StatementValidator {
    /// The result of `adjust`: the statements as the backend should receive them, and the
    /// diagnostics.
    public struct Validation: Sendable {
        /// The input statements, `fwd` policies turned into `in` where the backend has no
        /// `fwd`; everything else unchanged. Only meaningful when `hasErrors` is false.
        public var statements: [LocatedStatement]
        public var diagnostics: [Diagnostic]
        /// Whether any diagnostic is an error.
        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    /// The diagnostics for `statements` on a backend with `capabilities`.
    /// - Parameters:
    ///   - statements: parsed statements.
    ///   - capabilities: what the backend supports.
    ///   - backendName: the backend's name, for messages (`xfrm`, `pfkey` ...).
    public static func validate(_ statements: [LocatedStatement], capabilities: BackendCapabilities,
                                backendName: String) -> [Diagnostic] {
        var checker = Checker(capabilities: capabilities, backend: backendName)
        for located in statements { _ = checker.check(located) }
        return checker.diagnostics
    }

    /// Validates `statements` and returns them as the backend should get them (`fwd`
    /// policies turned into `in` when it has no `fwd`), with the diagnostics.
    public static func adjust(_ statements: [LocatedStatement], capabilities: BackendCapabilities,
                              backendName: String) -> Validation {
        var checker = Checker(capabilities: capabilities, backend: backendName)
        let adjusted = statements.map { checker.check($0) }
        return Validation(statements: adjusted, diagnostics: checker.diagnostics)
    }
}

/// One validation run: the backend and the diagnostics so far.
private struct Checker {
    let capabilities: BackendCapabilities
    let backend: String
    var diagnostics: [Diagnostic] = []

    init(capabilities: BackendCapabilities, backend: String) {
        self.capabilities = capabilities
        self.backend = backend
    }

    var features: BackendFeatures { capabilities.features }

    /// Checks one statement; returns it as the backend should get it.
    mutating func check(_ located: LocatedStatement) -> LocatedStatement {
        var result = located
        switch located.statement {
        case .add(let sa), .update(let sa):
            checkSA(sa, at: located)
        case .get(let id), .delete(let id):
            checkType(id.type, at: located)
        case .deleteAll(_, _, let type), .flush(let type), .dump(let type):
            if type != .unspecified { checkType(type, at: located) }
        case .spdAdd(let p):
            result.statement = .spdAdd(checkPolicy(p, at: located))
        case .spdUpdate(let p):
            result.statement = .spdUpdate(checkPolicy(p, at: located))
        case .spdDelete(let p):
            result.statement = .spdDelete(checkPolicy(p, at: located))
        case .spdFlush, .spdDump, .exit:
            break
        }
        return result
    }

    mutating func checkType(_ type: SAType, at located: LocatedStatement) {
        if !capabilities.saTypes.contains(type) {
            error(.unsupportedSAType(type.keyword, backend: backend), at: located)
        }
    }

    mutating func checkSA(_ sa: SecurityAssociation, at located: LocatedStatement) {
        checkType(sa.type, at: located)
        checkAlgorithm(sa.encryption, at: located)
        checkAlgorithm(sa.authentication, at: located)
        if sa.natTraversal != nil && !features.contains(.natTraversal) {
            error(.unsupportedNATTraversal(backend: backend), at: located)
        }
        if sa.securityContext != nil && !features.contains(.securityContext) {
            error(.unsupportedSecurityContext(backend: backend), at: located)
        }
    }

    mutating func checkAlgorithm(_ algorithm: KeyedAlgorithm?, at located: LocatedStatement) {
        guard let algorithm else { return }
        let name = CanonicalSyntax.algorithmName(algorithm.id, flags: [])
        switch capabilities.check(algorithm) {
        case .ok: break
        case .notSupported: error(.unsupportedAlgorithm(name, backend: backend), at: located)
        case .invalidLength(let bits, let range):
            error(.invalidKeyLength(name, bits: bits, range: range, backend: backend), at: located)
        }
    }

    mutating func checkPolicy(_ policy: SecurityPolicy, at located: LocatedStatement) -> SecurityPolicy {
        var policy = policy
        if policy.priority != nil && !features.contains(.policyPriority) {
            error(.unsupportedPriority(backend: backend), at: located)
        }
        if let maximum = capabilities.maximumRequestsPerPolicy, policy.requests.count > maximum {
            error(.tooManyRequests(policy.requests.count, maximum: maximum, backend: backend), at: located)
        }
        if policy.securityContext != nil && !features.contains(.securityContext) {
            error(.unsupportedSecurityContext(backend: backend), at: located)
        }
        if policy.tag != nil && !features.contains(.taggedPolicies) {
            error(.unsupportedTaggedPolicy(backend: backend), at: located)
        }
        if (policy.action == .entrust || policy.action == .bypass) && !features.contains(.entrustBypass) {
            error(.unsupportedEntrustBypass(policy.action.keyword, backend: backend), at: located)
        }
        let endpointPorts = policy.requests.contains { r in
            r.endpoints.map { $0.sourcePort != 0 || $0.destinationPort != 0 } ?? false
        }
        if endpointPorts && !features.contains(.tunnelEndpointPorts) {
            error(.unsupportedEndpointPorts(backend: backend), at: located)
        }
        if policy.direction == .forward && !features.contains(.forwardPolicies) {
            let message = DiagnosticMessage.fwdTreatedAsIn("backend '\(backend)'")
            diagnostics.append(Diagnostic(.warning, id: message.id, message.text, at: located.range))
            policy.direction = .inbound
        }
        return policy
    }

    mutating func error(_ message: DiagnosticMessage, at located: LocatedStatement) {
        diagnostics.append(Diagnostic(.error, id: message.id, message.text, at: located.range))
    }
}
