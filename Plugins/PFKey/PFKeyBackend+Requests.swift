import SetkeyCore

extension PFKeyBackend {
    public func apply(_ mutations: [Mutation]) throws(BackendError) -> [Result<Void, BackendError>] {
        var results = [Result<Void, BackendError>]()
        results.reserveCapacity(mutations.count)
        for m in mutations {
            do throws(BackendError) {
                try apply(m)
                results.append(.success(()))
            } catch {
                results.append(.failure(error))
            }
        }
        return results
    }

    func apply(_ mutation: Mutation) throws(BackendError) {
        switch mutation {
        case .add(let sa), .update(let sa):
            try checkKeys(sa)
            _ = try channel.request(channel.builder().messages(for: mutation)[0])
        case .deleteAll(let s, let d, let t):
            try deleteAll(source: s, destination: d, type: t)
        default:
            for message in channel.builder().messages(for: mutation) { _ = try channel.request(message) }
        }
    }

    /// setkey checks every key against the ranges the kernel's REGISTER reply gave before it
    /// sends anything (`Invalid key length`); so does this backend, because some kernels do not
    /// (Linux takes HMAC keys of any length through PF_KEY). Algorithms the kernel did not list
    /// are left for the kernel to refuse.
    func checkKeys(_ sa: SecurityAssociation) throws(BackendError) {
        for alg in [sa.encryption, sa.authentication].compactMap({ $0 }) {
            if case .invalidLength(let bits, let range) = capabilities.check(alg) {
                throw .kernelRejected(.invalidArgument,
                                      detail: "a \(bits)-bit key is outside the \(range) bits the kernel registered for \(alg.id)")
            }
        }
    }

    /// BSD: one DELETE without SA extension (no SA is not an error). Linux: a dump of the
    /// type, then a DELETE per SPI whose addresses match, as ipsec-tools does on Linux.
    func deleteAll(source: IPAddress, destination: IPAddress, type: SAType) throws(BackendError) {
        guard channel.wire.flavour == .linux else {
            do {
                _ = try channel.request(channel.builder().deleteAll(source: source, destination: destination, type: type))
            } catch .notFound {
            }
            return
        }
        var spis = [SPI]()
        try channel.dump(channel.builder().dump(type)) { m in
            guard m.saType == type.rawValue, let sa = m.sa,
                  m.address(.source)?.socketAddress.address == source,
                  m.address(.destination)?.socketAddress.address == destination else { return }
            spis.append(SPI(sa.spi))
        }
        var firstError: BackendError?
        for spi in spis {
            do {
                _ = try channel.request(channel.builder().deleteBySPI(spi, source: source, destination: destination, type: type))
            } catch {
                if firstError == nil { firstError = error }
            }
        }
        if let firstError { throw firstError }
    }

    public func get(_ identity: SAIdentity) throws(BackendError) -> SecurityAssociation {
        let reply = try channel.request(channel.builder().get(identity))
        do {
            return try decoder.securityAssociation(reply)
        } catch {
            throw .malformedReply("GET reply: \(error)")
        }
    }

    /// Every SA of the dump, in kernel order. A record that does not decode is reported once
    /// the dump has been read to its end (so the kernel is not left mid-dump).
    public func dumpSAs(_ filter: SADumpFilter, _ body: (SecurityAssociation) -> Void) throws(BackendError) {
        var failure: BackendError?
        try channel.dump(channel.builder().dump(filter.type)) { m in
            guard failure == nil else { return }
            do {
                let sa = try decoder.securityAssociation(m)
                if sa.state != .dead || filter.includeDead { body(sa) }
            } catch {
                failure = .malformedReply("DUMP record: \(error)")
            }
        }
        if let failure { throw failure }
    }

    public func dumpPolicies(_ body: (SecurityPolicy) -> Void) throws(BackendError) {
        var failure: BackendError?
        try channel.dump(channel.builder().spdDump()) { m in
            guard failure == nil else { return }
            do {
                body(try decoder.securityPolicy(m))
            } catch {
                failure = .malformedReply("X_SPDDUMP record: \(error)")
            }
        }
        if let failure { throw failure }
    }
}
