extension PFKey {
    /// A socket address as it sits inside an address extension or a policy request.
    ///
    /// Linux: `u16 family` (host order), `u16 port`, ... BSD: `u8 len`, `u8 family`,
    /// `u16 port`, ... IPv4 (16 bytes): port, 4 address bytes, 8 `sin_zero` bytes. IPv6
    /// (28 bytes): port, `flowinfo` (network order), 16 address bytes, `scope_id` (host order).
    /// Counterpart: `struct sockaddr_in`, `struct sockaddr_in6`.
    public struct SocketAddress: Sendable, Hashable, CustomStringConvertible {
        /// The family as the wire numbers it (`AF_INET` 2; `AF_INET6` 10, 24 or 28).
        public var family: UInt16
        /// BSD `sa_len` as received (16 or 28 when well formed); unused on Linux.
        public var length: UInt8
        /// The port, in host order (network order on the wire).
        public var port: UInt16
        /// The address of an IPv4 or IPv6 sockaddr, nil for any other family.
        public var address: IPAddress?
        /// IPv6 `sin6_flowinfo`, read in network order.
        public var flowInfo: UInt32
        /// IPv6 `sin6_scope_id`, in host order.
        public var scopeID: UInt32
        /// IPv4: the 8 `sin_zero` bytes; other families: every byte after the family (after
        /// `sa_len` and the family on BSD).
        public var opaque: [UInt8]

        /// An IPv4 or IPv6 sockaddr for `address` on `wire`, `sin_zero` and padding zero.
        public init(_ address: IPAddress, port: UInt16 = 0, wire: Wire) {
            self.family = wire.familyValue(address.family)
            self.length = wire.hasSocketAddressLength ? UInt8(wire.socketAddressSize(address.family)) : 0
            self.port = port
            self.address = address
            self.flowInfo = 0
            self.scopeID = 0
            self.opaque = address.family == .inet ? [UInt8](repeating: 0, count: 8) : []
        }

        /// A sockaddr with every field given (decoders and tests).
        public init(family: UInt16, length: UInt8, port: UInt16, address: IPAddress?, flowInfo: UInt32,
                    scopeID: UInt32, opaque: [UInt8]) {
            self.family = family
            self.length = length
            self.port = port
            self.address = address
            self.flowInfo = flowInfo
            self.scopeID = scopeID
            self.opaque = opaque
        }

        /// The number of bytes this sockaddr takes on the wire.
        public var encodedSize: Int {
            guard let address else { return 2 + opaque.count }
            return address.family == .inet ? 8 + opaque.count : 28
        }

        public var description: String {
            guard let address else { return "family \(family)" }
            return port == 0 ? address.description : "\(address)[\(port)]"
        }

        /// Reads one sockaddr. IPv4 and IPv6 take their fixed sizes; another family takes
        /// everything left when `restIfUnknown`, otherwise it is an error (a policy request
        /// cannot say how long it is).
        static func decode(_ reader: inout ByteReader, wire: Wire, restIfUnknown: Bool,
                           context: ExtensionType) throws(DecodingError) -> SocketAddress {
            let start = reader.offset
            var length: UInt8 = 0
            let family: UInt16
            if wire.hasSocketAddressLength {
                length = try reader.readUInt8("sa_len")
                family = UInt16(try reader.readUInt8("sa_family"))
            } else {
                family = try reader.readUInt16(wire.hostOrder, "sa_family")
            }
            switch wire.addressFamily(family) {
            case .inet?:
                guard reader.remaining >= 14 else {
                    throw .truncated(what: "sockaddr_in", offset: start, needed: 16, available: reader.remaining + 2)
                }
                let port = try reader.readUInt16(.network)
                let addr = IPAddress(bytes: try reader.readBytes(4))
                let zero = try reader.readBytes(8)
                return SocketAddress(family: family, length: length, port: port, address: addr, flowInfo: 0,
                                     scopeID: 0, opaque: zero)
            case .inet6?:
                guard reader.remaining >= 26 else {
                    throw .truncated(what: "sockaddr_in6", offset: start, needed: 28, available: reader.remaining + 2)
                }
                let port = try reader.readUInt16(.network)
                let flow = try reader.readUInt32(.network)
                let addr = IPAddress(bytes: try reader.readBytes(16))
                let scope = try reader.readUInt32(wire.hostOrder)
                return SocketAddress(family: family, length: length, port: port, address: addr, flowInfo: flow,
                                     scopeID: scope, opaque: [])
            case nil:
                guard restIfUnknown else {
                    throw .invalidField(context, "sockaddr of unknown family \(family)")
                }
                return SocketAddress(family: family, length: length, port: 0, address: nil, flowInfo: 0,
                                     scopeID: 0, opaque: reader.readRest())
            }
        }

        /// Writes this sockaddr (no padding after it).
        func encode(into w: inout ByteWriter, wire: Wire) {
            if wire.hasSocketAddressLength {
                w.write(length)
                w.write(UInt8(truncatingIfNeeded: family))
            } else {
                w.write(family, wire.hostOrder)
            }
            guard let address else {
                w.write(bytes: opaque)  // an unknown family: the rest verbatim
                return
            }
            w.write(port, .network)
            if address.family == .inet {
                w.write(bytes: address.bytes)
                w.write(bytes: opaque)
            } else {
                w.write(flowInfo, .network)
                w.write(bytes: address.bytes)
                w.write(scopeID, wire.hostOrder)
            }
        }
    }
}
