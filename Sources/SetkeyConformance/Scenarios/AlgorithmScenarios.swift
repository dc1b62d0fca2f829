import SetkeyCore

/// Scenarios generated from a backend's own algorithm table: for every encryption and
/// authentication algorithm it lists, an SA with the smallest and the largest key it claims
/// to accept must be stored with that key, and a key 8 bits beyond the largest refused.
/// A keyless authentication algorithm (`-A null`) goes into an AH SA only on a backend with
/// `.keylessAH`; a backend without it must refuse such an SA with EINVAL (Linux af_key).
enum AlgorithmScenarios {
    static func generate(for capabilities: BackendCapabilities) -> [Scenario] {
        var out = [Scenario]()
        let ids = capabilities.algorithms.keys.sorted { ($0.kind.rawValue, $0.number) < ($1.kind.rawValue, $1.number) }
        for id in ids where id.kind != .compression {
            guard let range = capabilities.algorithms[id],
                  let d = AlgorithmCatalogue.descriptor(for: id, personality: capabilities.personality),
                  let name = d.names.first else { continue }
            var sizes = [range.minimum]
            if range.maximum != range.minimum { sizes.append(range.maximum) }
            let keylessAH = id.kind == .authentication && d.isKeyless && id.number != 252
            for bits in sizes {
                let label = bits == range.minimum ? "min" : "max"
                var s = scenario(id: id, name: name, bits: bits, label: label, aead: d.isAEAD)
                if keylessAH { s.requirements.append(.feature(.keylessAH)) }
                out.append(s)
            }
            if keylessAH && !capabilities.features.contains(.keylessAH) {
                out.append(keylessAHRefused(id: id, name: name))
            }
            // tcp-md5's 1-80 byte limit is checked by setkey's grammar itself, not by kernels.
            if !d.isKeyless && !(id.kind == .authentication && id.number == 252) {
                out.append(tooLong(id: id, name: name, bits: range.maximum + 8, aead: d.isAEAD))
            }
        }
        return out
    }

    static func statement(_ id: AlgorithmID, _ name: String, key: String, spi: String, aead: Bool) -> String {
        let keyText = key == "0x" ? "" : " " + key
        switch id.kind {
        case .encryption:
            let auth = aead ? "" : " -A hmac-sha1 \(Keys.sha1)"
            return "add 192.0.2.1 192.0.2.2 esp \(spi) -E \(name)\(keyText)\(auth) ;"
        case .authentication:
            // TCP-MD5 keys belong to TCP signature SAs, every other authentication algorithm to AH.
            let proto = id.number == 252 ? "tcp" : "ah"
            return "add 192.0.2.1 192.0.2.2 \(proto) \(spi) -A \(name)\(keyText) ;"
        case .compression:
            return "add 192.0.2.1 192.0.2.2 ipcomp \(spi) -C \(name) ;"
        }
    }

    static func requirements(_ id: AlgorithmID, aead: Bool) -> [Requirement] {
        var r: [Requirement] = [.algorithm(id)]
        if id.kind == .encryption {
            r.append(.saType(.esp))
            if !aead { r.append(SAScenarios.sha1) } else { r.append(.feature(.aead)) }
        } else {
            r.append(.saType(id.number == 252 ? .tcpSignature : .ah))
        }
        return r
    }

    static func scenario(id: AlgorithmID, name: String, bits: Int, label: String, aead: Bool) -> Scenario {
        let key = Keys.counting(bits: bits)
        let spi = "0x\(String(0x5000 + Int(id.number) * 4 + (label == "min" ? 0 : 1), radix: 16))"
        let kind = id.kind == .encryption ? "esp" : (id.number == 252 ? "tcp" : "ah")
        let expectation = id.kind == .encryption
            ? SAExpectation(encryption: (name, key == "0x" ? "" : key))
            : SAExpectation(authentication: (name, key == "0x" ? "" : key))
        return Scenario("alg-\(kind)-\(name)-\(label)-\(bits)", "\(name) with a \(bits)-bit key (the backend's \(label))",
                        requires: requirements(id, aead: aead), steps: [
            .apply(statement(id, name, key: key, spi: spi, aead: aead)),
            .get("get 192.0.2.1 192.0.2.2 \(kind) \(spi) ;", expectation.check),
        ])
    }

    /// `ah ... -A null` (no key) on a backend that declares no `.keylessAH`: refused, EINVAL.
    static func keylessAHRefused(id: AlgorithmID, name: String) -> Scenario {
        let spi = "0x\(String(0x5000 + Int(id.number) * 4 + 3, radix: 16))"
        return Scenario("alg-ah-\(name)-keyless-refused", "an AH SA with \(name) and no key is refused (no keyless-ah)",
                        requires: requirements(id, aead: false), steps: [
            .applyFails(statement(id, name, key: "0x", spi: spi, aead: false), .invalid),
            .getFails("get 192.0.2.1 192.0.2.2 ah \(spi) ;", .notFound),
        ])
    }

    static func tooLong(id: AlgorithmID, name: String, bits: Int, aead: Bool) -> Scenario {
        let kind = id.kind == .encryption ? "esp" : (id.number == 252 ? "tcp" : "ah")
        let spi = "0x\(String(0x5000 + Int(id.number) * 4 + 2, radix: 16))"
        return Scenario("alg-\(kind)-\(name)-too-long-\(bits)", "\(name) with a \(bits)-bit key is refused",
                        requires: requirements(id, aead: aead), steps: [
            .applyFails(statement(id, name, key: Keys.counting(bits: bits), spi: spi, aead: aead), .invalid),
        ])
    }
}
