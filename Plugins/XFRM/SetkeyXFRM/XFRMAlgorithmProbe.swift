import CXFRM
import SetkeyCore

/// Finds which catalogue algorithms this kernel has, as af_key's `SADB_REGISTER` reply says
/// for PF_KEY (`xfrm_probe_algs`). XFRM netlink has no such query, so each algorithm is
/// tried in an XFRM_MSG_UPDSA for an SA that does not exist (SPI 0xffffffff, or 0xffff for
/// IPComp, to 255.255.255.255): the kernel attaches the algorithm first (ENOSYS, "Requested
/// ... algorithm not found", when it has none), then sets up the protocol (EPROTONOSUPPORT
/// without ESP/AH/IPComp), then looks the SA up and answers ESRCH. An update never inserts a
/// state unless one with that identity exists, so first one dump filtered to that destination
/// checks that none does; all probes then go out in one pipelined batch.
/// Counterpart: `xfrm_probe_algs` + `compose_sadb_supported` in net/key/af_key.c.
enum XFRMAlgorithmProbe {
    /// The destination of the probe SAs (the limited broadcast address never has an SA).
    static let destination = IPAddress(ipv4: 0xffff_ffff)

    /// The probe SA for one catalogue algorithm, nil when Linux has no name for it.
    static func probe(_ d: AlgorithmDescriptor) -> SecurityAssociation? {
        guard d.linuxName != nil, d.personalities.contains(.linux) else { return nil }
        let bits = d.validKeyBits?.first ?? d.keyBits.minimum
        let alg = KeyedAlgorithm(id: d.id, key: SAKey([UInt8](repeating: 0x5a, count: bits / 8)))
        var sa = SecurityAssociation(source: IPAddress(ipv4: 0), destination: destination, type: .esp,
                                     spi: SPI(0xffff_ffff))
        switch d.kind {
        case .encryption:
            sa.encryption = alg
        case .authentication:
            sa.type = .ah
            sa.authentication = alg
        case .compression:
            sa.type = .ipcomp
            sa.spi = SPI(0xffff)
            sa.compression = alg
        }
        return sa
    }

    /// The algorithm table with what the kernel lacks removed. Falls back to `table` when the
    /// probe cannot run (no privilege, an SA with the probe's identity exists).
    static func available(in table: [AlgorithmID: KeyBitsRange], backend: XFRMBackend) -> [AlgorithmID: KeyBitsRange] {
        var probes = [(AlgorithmID, SecurityAssociation)]()
        for d in AlgorithmCatalogue.descriptors where table[d.id] != nil {
            if let sa = probe(d), !probes.contains(where: { $0.0 == d.id }) { probes.append((d.id, sa)) }
        }
        guard !probes.isEmpty, identitiesAreFree(probes.map(\.1), backend: backend) else { return table }
        let results: [Result<Void, BackendError>]
        do {
            results = try backend.apply(probes.map { .update($0.1) })
        } catch {
            return table
        }
        var out = table
        for ((id, _), result) in zip(probes, results) {
            guard case .failure(let e) = result else { continue }
            switch e.errno {
            case .notImplemented: out[id] = nil  // "Requested ... algorithm not found"
            case .noSuchProcess, .protocolNotSupported, .invalidArgument: continue
            default: return table  // EPERM and the like: nothing was learned
            }
        }
        return out
    }

    /// Whether no SA goes to the probes' destination (one dump filtered to it; the probe
    /// updates must never reach a real SA).
    private static func identitiesAreFree(_ sas: [SecurityAssociation], backend: XFRMBackend) -> Bool {
        var filter = xfrm_address_filter()
        filter.daddr = XFRMAddress.kernel(destination)
        filter.family = XFRMAddress.inet
        filter.dplen = 32
        var found = false
        do {
            try backend.dumpSAs(.dumpSA(proto: nil, filter: filter)) { sa in
                if sa.destination == destination { found = true }
            }
        } catch {
            return false
        }
        return !found
    }
}
