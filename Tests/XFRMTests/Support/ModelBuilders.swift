import SetkeyCore

/// Short ways to write model values in tests (the parser is not part of these tests).
enum Make {
    static func address(_ text: String) -> IPAddress {
        guard let a = IPAddress(text) else { preconditionFailure("bad address \(text)") }
        return a
    }

    /// `a.b.c.d/len` or a bare host address.
    static func prefix(_ text: String) -> IPPrefix {
        let parts = text.split(separator: "/")
        let length = parts.count > 1 ? UInt8(parts[1]) : nil
        return IPPrefix(address(String(parts[0])), length: length)
    }

    static func policy(_ src: String, _ dst: String, _ direction: PolicyDirection, action: PolicyAction = .ipsec,
                       upper: UpperLayerProtocol = .any, sport: UInt16 = 0, dport: UInt16 = 0,
                       priority: PolicyPriority? = nil, requests: [IPsecRequest]? = nil) -> SecurityPolicy {
        let defaultRequests = action == .ipsec ? [IPsecRequest(proto: .esp, mode: .transport, level: .require)] : []
        return SecurityPolicy(selector: PolicySelector(source: prefix(src), destination: prefix(dst), sourcePort: sport,
                                                       destinationPort: dport, upperLayer: upper),
                              direction: direction, action: action, priority: priority,
                              requests: requests ?? defaultRequests)
    }

    static func key(_ hex: String) -> SAKey {
        var bytes = [UInt8]()
        var s = Substring(hex.hasPrefix("0x") ? String(hex.dropFirst(2)) : hex)
        if s.count % 2 == 1 { s = "0" + s }
        while !s.isEmpty {
            bytes.append(UInt8(s.prefix(2), radix: 16)!)
            s = s.dropFirst(2)
        }
        return SAKey(bytes)
    }

    static func key(text: String) -> SAKey { SAKey(Array(text.utf8)) }

    static func algorithm(_ name: String, _ kind: AlgorithmKind, _ key: SAKey = .empty) -> KeyedAlgorithm {
        guard let d = AlgorithmCatalogue.descriptor(named: name, kind: kind) else { preconditionFailure(name) }
        return KeyedAlgorithm(id: d.id, key: key)
    }

    static func esp(_ src: String, _ dst: String, spi: UInt32, mode: IPsecMode = .any,
                    enc: KeyedAlgorithm? = nil, auth: KeyedAlgorithm? = nil) -> SecurityAssociation {
        SecurityAssociation(source: address(src), destination: address(dst), type: .esp, spi: SPI(spi), mode: mode,
                            encryption: enc ?? algorithm("aes-cbc", .encryption, key("00112233445566778899aabbccddeeff")),
                            authentication: auth)
    }
}

@testable import SetkeyXFRM

extension XFRMPlan {
    /// The refusal, nil when the plan sends something.
    var refusal: BackendError? { if case .refuse(let e) = self { return e } else { return nil } }
}
