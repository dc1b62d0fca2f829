import SetkeyCore

/// An in-memory SAD and SPD for one run, with a kernel's answers: duplicate adds fail with
/// EEXIST, missing SAs with ESRCH, missing policies with ENOENT. Dumps list entries in the
/// order they were added.
struct RecordTables {
    private var sas: [SecurityAssociation?] = []
    private var saIndex: [SAKeyTriple: Int] = [:]
    private var policies: [SecurityPolicy?] = []
    private var policyIndex: [PolicyIdentity: Int] = [:]
    private var nextPolicyID: UInt32 = 1
    let personality: Personality

    init(personality: Personality) {
        self.personality = personality
    }

    mutating func apply(_ m: Mutation, now: UInt64) -> Result<Void, BackendError> {
        switch m {
        case .add(let sa):
            if let problem = Self.keyProblem(sa) { return .failure(problem) }
            guard saIndex[sa.identity.key] == nil else { return .failure(.alreadyExists(.fileExists)) }
            insert(stored(sa, now: now))
        case .update(let sa):
            if let problem = Self.keyProblem(sa) { return .failure(problem) }
            guard let i = saIndex[sa.identity.key], let old = sas[i] else {
                return .failure(missingSA)
            }
            var new = stored(sa, now: now)
            new.reported = old.reported
            sas[i] = new
        case .delete(let id):
            guard let i = saIndex.removeValue(forKey: id.key) else { return .failure(missingSA) }
            sas[i] = nil
        case .deleteAll(let s, let d, let t):
            for (key, i) in saIndex where key.destination == d && key.type == t && sas[i]?.source == s {
                saIndex[key] = nil
                sas[i] = nil
            }
        case .flush(let t):
            for (key, i) in saIndex where t == .unspecified || key.type == t {
                saIndex[key] = nil
                sas[i] = nil
            }
            if saIndex.isEmpty { sas.removeAll() }
        case .spdAdd(let p):
            guard policyIndex[p.identity] == nil else { return .failure(.alreadyExists(.fileExists)) }
            insert(stored(p, now: now))
        case .spdUpdate(let p):
            if let i = policyIndex[p.identity], let old = policies[i] {
                var new = stored(p, now: now)
                new.reported = old.reported
                policies[i] = new
            } else {
                insert(stored(p, now: now))
            }
        case .spdDelete(let id):
            guard let i = policyIndex.removeValue(forKey: id) else {
                return .failure(.notFound(.noSuchFileOrDirectory))
            }
            policies[i] = nil
        case .spdFlush:
            policies.removeAll()
            policyIndex.removeAll()
        }
        return .success(())
    }

    /// A kernel refuses keys its crypto layer cannot take (a 160-bit AES-CBC key) with EINVAL.
    static func keyProblem(_ sa: SecurityAssociation) -> BackendError? {
        for alg in [sa.encryption, sa.authentication].compactMap({ $0 }) {
            guard let d = AlgorithmCatalogue.descriptor(for: alg.id), !d.acceptsKey(bits: alg.key.bitCount) else {
                continue
            }
            return .kernelRejected(.invalidArgument,
                                   detail: "\(d.canonicalName) takes keys of \(d.validKeyBits.map { $0.map(String.init).joined(separator: "/") } ?? d.keyBits.description) bits, not \(alg.key.bitCount)")
        }
        return nil
    }

    func get(_ id: SAIdentity) -> SecurityAssociation? {
        saIndex[id.key].flatMap { sas[$0] }
    }

    func eachSA(_ filter: SADumpFilter, _ body: (SecurityAssociation) -> Void) {
        for case let sa? in sas where filter.type == .unspecified || sa.type == filter.type { body(sa) }
    }

    func eachPolicy(_ body: (SecurityPolicy) -> Void) {
        for case let p? in policies { body(p) }
    }

    private mutating func insert(_ sa: SecurityAssociation) {
        saIndex[sa.identity.key] = sas.count
        sas.append(sa)
    }

    private mutating func insert(_ p: SecurityPolicy) {
        policyIndex[p.identity] = policies.count
        policies.append(p)
    }

    /// What a missing SA is reported as: Linux ESRCH, KAME kernels ENOENT.
    var missingSA: BackendError {
        .notFound(personality == .linux ? .noSuchProcess : .noSuchFileOrDirectory)
    }

    /// The SA as this personality's kernel reports it: Linux stores mode any as transport,
    /// keeps only its own flags and reports SA addresses without ports; KAME kernels report
    /// what was sent.
    private func stored(_ sa: SecurityAssociation, now: UInt64) -> SecurityAssociation {
        var sa = sa
        sa.reported = ReportedSAState(state: .mature, current: Lifetime(addTime: now))
        if personality == .linux {
            if sa.mode == .any { sa.mode = .transport }
            sa.flags = sa.flags.intersection(.linuxKernelFlags)
            sa.sourcePort = 0
            sa.destinationPort = 0
        }
        return sa
    }

    /// The policy as this personality's kernel reports it (Linux: level default is require).
    private mutating func stored(_ p: SecurityPolicy, now: UInt64) -> SecurityPolicy {
        var p = p
        if personality == .linux {
            for i in p.requests.indices where p.requests[i].level == .default { p.requests[i].level = .require }
        }
        if p.priority == nil { p.priority = personality == .linux ? .default : PolicyPriority(0) }
        let id = nextPolicyID * 8 + UInt32(max(p.direction.rawValue, 1) - 1)
        nextPolicyID += 1
        p.reported = ReportedPolicyState(id: id, created: now, hasLifetimes: personality == .linux)
        return p
    }
}
