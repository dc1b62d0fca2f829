extension PFKey.Extension {
    /// The payload size of extensions whose size is fixed (after the 4-byte header).
    static func fixedPayloadSize(_ type: PFKey.ExtensionType) -> Int? {
        switch type {
        case .sa: return PFKey.SAExtension.payloadSize
        case .lifetimeCurrent, .lifetimeHard, .lifetimeSoft: return PFKey.LifetimeExtension.payloadSize
        case .spiRange: return PFKey.SPIRangeExtension.payloadSize
        case .kmPrivate, .natTFragment, .saReplay: return PFKey.WordExtension.payloadSize
        case .sa2: return PFKey.SA2Extension.payloadSize
        case .natTType: return PFKey.NATTTypeExtension.payloadSize
        case .natTSourcePort, .natTDestinationPort: return PFKey.NATTPortExtension.payloadSize
        case .filter: return PFKey.FilterExtension.payloadSize
        default: return nil
        }
    }

    /// The minimum payload size of variable extensions (after the 4-byte header).
    static func minimumPayloadSize(_ type: PFKey.ExtensionType) -> Int {
        switch type {
        case .addressSource, .addressDestination, .addressProxy, .natTOriginalAddress,
             .natTOriginalResponderAddress, .newAddressSource, .newAddressDestination:
            return 6  // proto, prefixlen, reserved, and at least a family
        case .keyAuthentication, .keyEncryption, .securityContext, .kmAddress: return 4
        case .identitySource, .identityDestination, .sensitivity: return 12
        case .proposal, .supportedAuthentication, .supportedEncryption: return 4
        case .policy: return 12
        default: return fixedPayloadSize(type) ?? 0
        }
    }

    /// Decodes the payload of an extension of `type`; `r` spans exactly the payload.
    static func decodePayload(_ type: PFKey.ExtensionType, _ r: inout PFKey.ByteReader,
                              wire: PFKey.Wire) throws(PFKey.DecodingError) -> PFKey.Extension {
        let length = r.remaining + PFKey.extensionHeaderSize
        if let fixed = fixedPayloadSize(type), r.remaining != fixed {
            if r.remaining < fixed {
                throw .extensionTooShort(type, length: length, minimum: fixed + PFKey.extensionHeaderSize)
            }
            throw .invalidField(type, "length \(length), expected \(fixed + PFKey.extensionHeaderSize)")
        }
        let minimum = minimumPayloadSize(type)
        guard r.remaining >= minimum else {
            throw .extensionTooShort(type, length: length, minimum: minimum + PFKey.extensionHeaderSize)
        }
        switch type {
        case .sa: return .sa(try .decode(&r, wire: wire))
        case .lifetimeCurrent: return .lifetime(.current, try .decode(&r, wire: wire))
        case .lifetimeHard: return .lifetime(.hard, try .decode(&r, wire: wire))
        case .lifetimeSoft: return .lifetime(.soft, try .decode(&r, wire: wire))
        case .addressSource: return .address(.source, try .decode(&r, wire: wire, type: type))
        case .addressDestination: return .address(.destination, try .decode(&r, wire: wire, type: type))
        case .addressProxy: return .address(.proxy, try .decode(&r, wire: wire, type: type))
        case .natTOriginalAddress: return .address(.natTOriginal, try .decode(&r, wire: wire, type: type))
        case .natTOriginalResponderAddress:
            return .address(.natTOriginalResponder, try .decode(&r, wire: wire, type: type))
        case .newAddressSource: return .address(.newSource, try .decode(&r, wire: wire, type: type))
        case .newAddressDestination: return .address(.newDestination, try .decode(&r, wire: wire, type: type))
        case .keyAuthentication: return .key(.authentication, try .decode(&r, wire: wire, type: type))
        case .keyEncryption: return .key(.encryption, try .decode(&r, wire: wire, type: type))
        case .identitySource: return .identity(.source, try .decode(&r, wire: wire))
        case .identityDestination: return .identity(.destination, try .decode(&r, wire: wire))
        case .sensitivity: return .sensitivity(try .decode(&r, wire: wire))
        case .proposal: return .proposal(try .decode(&r, wire: wire))
        case .supportedAuthentication: return .supported(.authentication, try .decode(&r, wire: wire, type: type))
        case .supportedEncryption: return .supported(.encryption, try .decode(&r, wire: wire, type: type))
        case .spiRange: return .spiRange(try .decode(&r, wire: wire))
        case .kmPrivate: return .kmPrivate(try .decode(&r, wire: wire))
        case .policy: return .policy(try .decode(&r, wire: wire))
        case .sa2: return .sa2(try .decode(&r, wire: wire))
        case .natTType: return .natTType(try .decode(&r))
        case .natTSourcePort: return .natTPort(.source, try .decode(&r, wire: wire))
        case .natTDestinationPort: return .natTPort(.destination, try .decode(&r, wire: wire))
        case .securityContext: return .securityContext(try .decode(&r, wire: wire))
        case .kmAddress: return .kmAddress(try .decode(&r, wire: wire))
        case .filter: return .filter(try .decode(&r, wire: wire))
        case .natTFragment: return .natTFragment(try .decode(&r, wire: wire))
        case .saReplay: return .saReplay(try .decode(&r, wire: wire))
        }
    }

    /// Writes the whole extension: header, payload, zero padding to a whole word.
    func encode(into w: inout PFKey.ByteWriter, wire: PFKey.Wire) throws(PFKey.EncodingError) {
        guard let number = type.number(on: wire) else { throw .extensionNotOnWire(type, wire.flavour) }
        let start = w.count
        w.write(UInt16(0), wire.hostOrder)  // length, set below
        w.write(number, wire.hostOrder)
        try encodePayload(into: &w, wire: wire)
        w.padToWord()
        let words = (w.count - start) / 8
        guard words <= Int(UInt16.max) else { throw .tooLong(w.count - start) }
        w.set(UInt16(words), at: start, wire.hostOrder)
    }

    private func encodePayload(into w: inout PFKey.ByteWriter, wire: PFKey.Wire) throws(PFKey.EncodingError) {
        switch self {
        case .sa(let e): e.encode(into: &w, wire: wire)
        case .lifetime(_, let e): e.encode(into: &w, wire: wire)
        case .address(_, let e): e.encode(into: &w, wire: wire)
        case .key(_, let e): e.encode(into: &w, wire: wire)
        case .identity(_, let e): e.encode(into: &w, wire: wire)
        case .sensitivity(let e): e.encode(into: &w, wire: wire)
        case .proposal(let e): e.encode(into: &w, wire: wire)
        case .supported(_, let e): e.encode(into: &w, wire: wire)
        case .spiRange(let e): e.encode(into: &w, wire: wire)
        case .kmPrivate(let e), .natTFragment(let e), .saReplay(let e): e.encode(into: &w, wire: wire)
        case .policy(let e): try e.encode(into: &w, wire: wire)
        case .sa2(let e): e.encode(into: &w, wire: wire)
        case .natTType(let e): e.encode(into: &w)
        case .natTPort(_, let e): e.encode(into: &w, wire: wire)
        case .securityContext(let e): e.encode(into: &w, wire: wire)
        case .kmAddress(let e): e.encode(into: &w, wire: wire)
        case .filter(let e): e.encode(into: &w, wire: wire)
        }
    }
}
