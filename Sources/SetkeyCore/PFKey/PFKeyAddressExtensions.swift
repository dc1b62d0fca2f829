extension PFKey {
    /// `sadb_address` (8 bytes + sockaddr, padded): upper-layer protocol, prefix length and a
    /// sockaddr.
    /// Counterpart: `SADB_EXT_ADDRESS_SRC/DST/PROXY`, `SADB_X_EXT_NAT_T_OA(I)/OAR`,
    /// FreeBSD `SADB_X_EXT_NEW_ADDRESS_SRC/DST`.
    public struct AddressExtension: Sendable, Hashable {
        /// The upper-layer protocol (255 = any; setkey's SA addresses always carry 255).
        public var proto: UInt8
        /// The prefix length in bits.
        public var prefixLength: UInt8
        public var reserved: UInt16
        /// The address (and port).
        public var socketAddress: SocketAddress
        /// The bytes after the sockaddr up to the end of the extension (padding), as received.
        public var padding: [UInt8]

        public init(proto: UInt8, prefixLength: UInt8, socketAddress: SocketAddress, reserved: UInt16 = 0,
                    padding: [UInt8] = []) {
            self.proto = proto
            self.prefixLength = prefixLength
            self.reserved = reserved
            self.socketAddress = socketAddress
            self.padding = padding
        }

        /// An address extension for `address` on `wire`, with the full prefix length unless
        /// given, zero-padded to a whole word.
        public init(_ address: IPAddress, port: UInt16 = 0, proto: UInt8, prefixLength: UInt8? = nil, wire: Wire) {
            let sa = SocketAddress(address, port: port, wire: wire)
            self.init(proto: proto, prefixLength: prefixLength ?? address.family.bitWidth, socketAddress: sa,
                      padding: [UInt8](repeating: 0, count: PFKey.align8(sa.encodedSize) - sa.encodedSize))
        }

        static func decode(_ r: inout ByteReader, wire: Wire, type: ExtensionType) throws(DecodingError) -> AddressExtension {
            let proto = try r.readUInt8(), prefix = try r.readUInt8(), reserved = try r.readUInt16(wire.hostOrder)
            let sa = try SocketAddress.decode(&r, wire: wire, restIfUnknown: true, context: type)
            let padding = r.readRest()
            guard padding.count < 8 else {
                throw .invalidField(type, "\(padding.count) bytes after the sockaddr")
            }
            if let a = sa.address, prefix > a.family.bitWidth {
                throw .invalidField(type, "prefix length \(prefix) for an IPv\(a.family.rawValue) address")
            }
            return AddressExtension(proto: proto, prefixLength: prefix, socketAddress: sa, reserved: reserved,
                                    padding: padding)
        }

        func encode(into w: inout ByteWriter, wire: Wire) {
            w.write(proto)
            w.write(prefixLength)
            w.write(reserved, wire.hostOrder)
            socketAddress.encode(into: &w, wire: wire)
            w.write(bytes: padding)
        }
    }

    /// Linux `sadb_x_kmaddress` (8 bytes + two sockaddrs): the key manager's addresses for
    /// MIGRATE. Kept as raw bytes after the reserved word.
    /// Counterpart: `SADB_X_EXT_KMADDRESS`.
    public struct KMAddressExtension: Sendable, Hashable {
        public var reserved: UInt32
        /// The local and remote sockaddrs and padding, as received.
        public var data: [UInt8]

        public init(reserved: UInt32 = 0, data: [UInt8]) {
            self.reserved = reserved
            self.data = data
        }

        static func decode(_ r: inout ByteReader, wire: Wire) throws(DecodingError) -> KMAddressExtension {
            KMAddressExtension(reserved: try r.readUInt32(wire.hostOrder), data: r.readRest())
        }

        func encode(into w: inout ByteWriter, wire: Wire) {
            w.write(reserved, wire.hostOrder)
            w.write(bytes: data)
        }
    }

    /// Linux `sadb_x_filter` (40 bytes): a dump filter by source and destination prefix.
    /// Counterpart: `SADB_X_EXT_FILTER`.
    public struct FilterExtension: Sendable, Hashable {
        /// 16 address bytes (an IPv4 address uses the first 4).
        public var source: [UInt8]
        public var destination: [UInt8]
        /// The family, wire numbering, host order.
        public var family: UInt16
        public var sourcePrefixLength: UInt8
        public var destinationPrefixLength: UInt8

        public init(source: [UInt8], destination: [UInt8], family: UInt16, sourcePrefixLength: UInt8,
                    destinationPrefixLength: UInt8) {
            self.source = source
            self.destination = destination
            self.family = family
            self.sourcePrefixLength = sourcePrefixLength
            self.destinationPrefixLength = destinationPrefixLength
        }

        static let payloadSize = 36

        static func decode(_ r: inout ByteReader, wire: Wire) throws(DecodingError) -> FilterExtension {
            FilterExtension(source: try r.readBytes(16), destination: try r.readBytes(16),
                            family: try r.readUInt16(wire.hostOrder), sourcePrefixLength: try r.readUInt8(),
                            destinationPrefixLength: try r.readUInt8())
        }

        func encode(into w: inout ByteWriter, wire: Wire) {
            for field in [source, destination] {
                w.write(bytes: field.prefix(16))
                w.writeZeros(16 - min(16, field.count))
            }
            w.write(family, wire.hostOrder)
            w.write(sourcePrefixLength)
            w.write(destinationPrefixLength)
        }
    }
}
