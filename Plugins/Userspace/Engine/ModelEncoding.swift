import SetkeyCore

// The engine's own compact binary encoding of the shared model values (addresses, prefixes,
// algorithms, lifetimes). Decoders check every byte and report the file offset.

extension ByteWriter {
    mutating func address(_ a: IPAddress) {
        u8(a.family.rawValue)
        if a.family == .inet {
            u32LE(a.ipv4Value)
        } else {
            u64LE(a.high)
            u64LE(a.low)
        }
    }

    mutating func prefix(_ p: IPPrefix) {
        address(p.address)
        u8(p.length)
    }

    mutating func lifetime(_ l: Lifetime) {
        varint(l.allocations)
        varint(l.bytes)
        varint(l.addTime)
        varint(l.useTime)
    }

    mutating func algorithm(_ a: KeyedAlgorithm) {
        u8(a.id.kind.rawValue)
        u8(a.id.number)
        a.key.withUnsafeBytes { lengthPrefixed($0) }
        var flags: UInt8 = 0
        if a.icvBits != nil { flags |= 1 }
        if a.kernelName != nil { flags |= 2 }
        u8(flags)
        if let icv = a.icvBits { varint(icv) }
        if let name = a.kernelName { string(name) }
    }

    mutating func securityContext(_ c: SecurityContext) {
        u8(c.doi)
        u8(c.algorithm)
        string(c.context)
    }
}

extension ByteReader {
    mutating func address() throws(DecodeFailure) -> IPAddress {
        let start = position
        switch try u8("address family") {
        case AddressFamily.inet.rawValue:
            return IPAddress(ipv4: try u32LE("IPv4 address"))
        case AddressFamily.inet6.rawValue:
            let high = try u64LE("IPv6 address")
            return IPAddress(ipv6High: high, low: try u64LE("IPv6 address"))
        case let f:
            throw DecodeFailure(offset: start, reason: "unknown address family \(f)")
        }
    }

    mutating func prefix() throws(DecodeFailure) -> IPPrefix {
        let a = try address()
        let start = position
        let length = try u8("prefix length")
        guard length <= a.family.bitWidth else {
            throw DecodeFailure(offset: start, reason: "prefix length \(length) too long for the family")
        }
        return IPPrefix(a, length: length)
    }

    mutating func lifetime() throws(DecodeFailure) -> Lifetime {
        Lifetime(allocations: try varint("lifetime"), bytes: try varint("lifetime"),
                 addTime: try varint("lifetime"), useTime: try varint("lifetime"))
    }

    mutating func algorithm() throws(DecodeFailure) -> KeyedAlgorithm {
        let start = position
        guard let kind = AlgorithmKind(rawValue: try u8("algorithm kind")) else {
            throw DecodeFailure(offset: start, reason: "unknown algorithm kind")
        }
        let number = try u8("algorithm number")
        let key = SAKey(try lengthPrefixed("key", limit: 1024))
        let flagsAt = position
        let flags = try u8("algorithm flags")
        guard flags & ~3 == 0 else { throw DecodeFailure(offset: flagsAt, reason: "unknown algorithm flags \(flags)") }
        let icv: UInt32? = flags & 1 != 0 ? try varint32("ICV length") : nil
        let name: String? = flags & 2 != 0 ? try string("kernel algorithm name") : nil
        return KeyedAlgorithm(id: AlgorithmID(kind, number), key: key, icvBits: icv, kernelName: name)
    }

    mutating func securityContext() throws(DecodeFailure) -> SecurityContext {
        SecurityContext(doi: try u8("context doi"), algorithm: try u8("context algorithm"),
                        context: try string("security context"))
    }

    /// A one-byte raw value of an enum, or a failure naming it.
    mutating func enumeration<T: RawRepresentable>(_ type: T.Type, _ what: StaticString) throws(DecodeFailure) -> T
    where T.RawValue == UInt8 {
        let start = position
        let raw = try u8(what)
        guard let value = T(rawValue: raw) else { throw DecodeFailure(offset: start, reason: "unknown \(what) \(raw)") }
        return value
    }
}
