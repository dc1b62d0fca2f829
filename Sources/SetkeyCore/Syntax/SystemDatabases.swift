#if canImport(Glibc)
import Glibc
#endif

/// Name lookups in the host's service and protocol databases (`/etc/services`,
/// `/etc/protocols` through NSS), for `[service]` ports and upper-layer protocol names.
/// Counterpart: the `getaddrinfo` service lookup and `getprotobyname` of setkey's parser.
enum SystemDatabases {
    /// The port of a UDP service (`domain` is 53), nil when unknown.
    static func udpServicePort(named name: UnsafeBufferPointer<UInt8>) -> UInt16? {
        guard isPlausibleName(name) else { return nil }
        return withCString(name) { cName in
            "udp".withCString { cProto in sys_getservbyname_r(cName, cProto) }
        }
    }

    /// The number of an IP protocol (`ospf` is 89), nil when unknown.
    static func protocolNumber(named name: UnsafeBufferPointer<UInt8>) -> UInt8? {
        guard isPlausibleName(name) else { return nil }
        return withCString(name) { sys_getprotobyname_r($0) }
    }

    /// Database names are short words; anything else is not looked up at all.
    private static func isPlausibleName(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        !name.isEmpty && name.count <= 64 && name.allSatisfy { Byte.isLetter($0) || Byte.isDigit($0) || $0 == Byte.hyphen || $0 == Byte.dot || $0 == Byte.underscore }
    }

    private static func withCString<R>(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafePointer<CChar>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { buffer in
            for i in 0..<bytes.count { buffer[i] = CChar(bitPattern: bytes[i]) }
            buffer[bytes.count] = 0
            return body(buffer.baseAddress!)
        }
    }
}

/// `getservbyname_r(3)`; the port in host order, nil when not found.
private func sys_getservbyname_r(_ name: UnsafePointer<CChar>, _ proto: UnsafePointer<CChar>) -> UInt16? {
    var entry = servent()
    var result: UnsafeMutablePointer<servent>?
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 4096) { buffer -> UInt16? in
        let rc = getservbyname_r(name, proto, &entry, buffer.baseAddress, buffer.count, &result)
        guard rc == 0, let found = result else { return nil }
        return UInt16(bigEndian: UInt16(truncatingIfNeeded: found.pointee.s_port))
    }
}

/// `getprotobyname_r(3)`; nil when not found or not a one-byte protocol number.
private func sys_getprotobyname_r(_ name: UnsafePointer<CChar>) -> UInt8? {
    var entry = protoent()
    var result: UnsafeMutablePointer<protoent>?
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 4096) { buffer -> UInt8? in
        let rc = getprotobyname_r(name, &entry, buffer.baseAddress, buffer.count, &result)
        guard rc == 0, let found = result, found.pointee.p_proto >= 0, found.pointee.p_proto <= 255 else { return nil }
        return UInt8(found.pointee.p_proto)
    }
}
