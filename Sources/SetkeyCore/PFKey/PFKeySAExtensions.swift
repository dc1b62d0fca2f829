extension PFKey {
    /// `sadb_sa` (16 bytes): SPI (network order), replay window, state, algorithm ids, flags.
    /// Counterpart: `SADB_EXT_SA`.
    public struct SAExtension: Sendable, Hashable {
        /// The SPI as a number (network order on the wire).
        public var spi: UInt32
        /// The replay window (Linux: packets; BSD: bytes of bitmap).
        public var replay: UInt8
        /// `SADB_SASTATE_*`; setkey sends 0 (larval), kernels ignore it.
        public var state: UInt8
        /// `sadb_sa_auth`.
        public var authentication: UInt8
        /// `sadb_sa_encrypt` (the compression id for IPComp).
        public var encryption: UInt8
        /// `sadb_sa_flags`.
        public var flags: UInt32

        public init(spi: UInt32, replay: UInt8 = 0, state: UInt8 = 0, authentication: UInt8 = 0,
                    encryption: UInt8 = 0, flags: UInt32 = 0) {
            self.spi = spi
            self.replay = replay
            self.state = state
            self.authentication = authentication
            self.encryption = encryption
            self.flags = flags
        }

        static let payloadSize = 12

        static func decode(_ r: inout ByteReader, wire: Wire) throws(DecodingError) -> SAExtension {
            SAExtension(spi: try r.readUInt32(.network, "sadb_sa_spi"), replay: try r.readUInt8(),
                        state: try r.readUInt8(), authentication: try r.readUInt8(), encryption: try r.readUInt8(),
                        flags: try r.readUInt32(wire.hostOrder))
        }

        func encode(into w: inout ByteWriter, wire: Wire) {
            w.write(spi, .network)
            w.write(replay)
            w.write(state)
            w.write(authentication)
            w.write(encryption)
            w.write(flags, wire.hostOrder)
        }
    }

    /// `sadb_x_sa2` (16 bytes): mode, sequence counter, reqid.
    /// Counterpart: `SADB_X_EXT_SA2`.
    public struct SA2Extension: Sendable, Hashable {
        /// `IPSEC_MODE_*`: 0 any, 1 transport, 2 tunnel, 3 BEET (Linux).
        public var mode: UInt8
        public var reserved1: UInt8
        public var reserved2: UInt16
        /// The low 32 bits of the packet sequence counter (Linux reports 0).
        public var sequence: UInt32
        /// The request id.
        public var reqid: UInt32

        public init(mode: UInt8, reqid: UInt32, sequence: UInt32 = 0, reserved1: UInt8 = 0, reserved2: UInt16 = 0) {
            self.mode = mode
            self.reserved1 = reserved1
            self.reserved2 = reserved2
            self.sequence = sequence
            self.reqid = reqid
        }

        static let payloadSize = 12

        static func decode(_ r: inout ByteReader, wire: Wire) throws(DecodingError) -> SA2Extension {
            let mode = try r.readUInt8(), r1 = try r.readUInt8(), r2 = try r.readUInt16(wire.hostOrder)
            let seq = try r.readUInt32(wire.hostOrder), reqid = try r.readUInt32(wire.hostOrder)
            return SA2Extension(mode: mode, reqid: reqid, sequence: seq, reserved1: r1, reserved2: r2)
        }

        func encode(into w: inout ByteWriter, wire: Wire) {
            w.write(mode)
            w.write(reserved1)
            w.write(reserved2, wire.hostOrder)
            w.write(sequence, wire.hostOrder)
            w.write(reqid, wire.hostOrder)
        }
    }

    /// `sadb_lifetime` (32 bytes). CURRENT holds counters and absolute epoch times; HARD
    /// and SOFT hold limits with relative seconds.
    /// Counterpart: `SADB_EXT_LIFETIME_CURRENT/HARD/SOFT`.
    public struct LifetimeExtension: Sendable, Hashable {
        public var allocations: UInt32
        public var bytes: UInt64
        public var addTime: UInt64
        public var useTime: UInt64

        public init(allocations: UInt32 = 0, bytes: UInt64 = 0, addTime: UInt64 = 0, useTime: UInt64 = 0) {
            self.allocations = allocations
            self.bytes = bytes
            self.addTime = addTime
            self.useTime = useTime
        }

        static let payloadSize = 28

        static func decode(_ r: inout ByteReader, wire: Wire) throws(DecodingError) -> LifetimeExtension {
            LifetimeExtension(allocations: try r.readUInt32(wire.hostOrder), bytes: try r.readUInt64(wire.hostOrder),
                              addTime: try r.readUInt64(wire.hostOrder), useTime: try r.readUInt64(wire.hostOrder))
        }

        func encode(into w: inout ByteWriter, wire: Wire) {
            w.write(allocations, wire.hostOrder)
            w.write(bytes, wire.hostOrder)
            w.write(addTime, wire.hostOrder)
            w.write(useTime, wire.hostOrder)
        }
    }

    /// `sadb_key` (8 bytes + key, padded): the key length in bits and the key bytes.
    /// Counterpart: `SADB_EXT_KEY_AUTH`, `SADB_EXT_KEY_ENCRYPT`.
    public struct KeyExtension: Sendable, Hashable {
        /// The key length in bits (setkey: bytes × 8).
        public var bits: UInt16
        public var reserved: UInt16
        /// Every byte after the 8-byte header: the key, then the padding as received.
        public var material: SAKey

        /// A key extension for `key` with `bits = bytes × 8`, zero-padded to a whole word.
        public init(key: SAKey) {
            bits = UInt16(truncatingIfNeeded: key.bitCount)
            reserved = 0
            let padded = PFKey.align8(key.count)
            material = key.count == padded ? key : key.withUnsafeBytes { raw in
                var bytes = [UInt8](repeating: 0, count: padded)
                for (i, b) in raw.enumerated() { bytes[i] = b }
                defer { for i in bytes.indices { bytes[i] = 0 } }
                return SAKey(bytes)
            }
        }

        public init(bits: UInt16, reserved: UInt16, material: SAKey) {
            self.bits = bits
            self.reserved = reserved
            self.material = material
        }

        /// The key: the first `bits / 8` bytes (what setkey prints).
        public var key: SAKey {
            let n = min(Int(bits) / 8, material.count)
            return material.withUnsafeBytes { SAKey($0.prefix(n)) }
        }

        static func decode(_ r: inout ByteReader, wire: Wire, type: ExtensionType) throws(DecodingError) -> KeyExtension {
            let bits = try r.readUInt16(wire.hostOrder), reserved = try r.readUInt16(wire.hostOrder)
            let rest = r.readRest()
            guard (Int(bits) + 7) / 8 <= rest.count else {
                throw .invalidField(type, "\(bits) key bits in \(rest.count) bytes")
            }
            return KeyExtension(bits: bits, reserved: reserved, material: SAKey(rest))
        }

        func encode(into w: inout ByteWriter, wire: Wire) {
            w.write(bits, wire.hostOrder)
            w.write(reserved, wire.hostOrder)
            material.withUnsafeBytes { w.write(bytes: $0) }
        }
    }

    /// `sadb_spirange` (16 bytes): the range GETSPI may choose from, in host order.
    /// Counterpart: `SADB_EXT_SPIRANGE`.
    public struct SPIRangeExtension: Sendable, Hashable {
        public var minimum: UInt32
        public var maximum: UInt32
        public var reserved: UInt32

        public init(minimum: UInt32, maximum: UInt32, reserved: UInt32 = 0) {
            self.minimum = minimum
            self.maximum = maximum
            self.reserved = reserved
        }

        static let payloadSize = 12

        static func decode(_ r: inout ByteReader, wire: Wire) throws(DecodingError) -> SPIRangeExtension {
            SPIRangeExtension(minimum: try r.readUInt32(wire.hostOrder), maximum: try r.readUInt32(wire.hostOrder),
                              reserved: try r.readUInt32(wire.hostOrder))
        }

        func encode(into w: inout ByteWriter, wire: Wire) {
            w.write(minimum, wire.hostOrder)
            w.write(maximum, wire.hostOrder)
            w.write(reserved, wire.hostOrder)
        }
    }

    /// `sadb_x_nat_t_type` (8 bytes): the encapsulation type (2 = ESP-in-UDP).
    /// Counterpart: `SADB_X_EXT_NAT_T_TYPE`.
    public struct NATTTypeExtension: Sendable, Hashable {
        public var type: UInt8
        public var reserved: [UInt8]

        public init(type: UInt8, reserved: [UInt8] = [0, 0, 0]) {
            self.type = type
            self.reserved = reserved
        }

        static let payloadSize = 4

        static func decode(_ r: inout ByteReader) throws(DecodingError) -> NATTTypeExtension {
            NATTTypeExtension(type: try r.readUInt8(), reserved: try r.readBytes(3))
        }

        func encode(into w: inout ByteWriter) {
            w.write(type)
            w.write(bytes: reserved.prefix(3))
            w.writeZeros(3 - min(3, reserved.count))
        }
    }

    /// `sadb_x_nat_t_port` (8 bytes): a UDP port in network order.
    /// Counterpart: `SADB_X_EXT_NAT_T_SPORT`, `SADB_X_EXT_NAT_T_DPORT`.
    public struct NATTPortExtension: Sendable, Hashable {
        /// The port in host order (network order on the wire).
        public var port: UInt16
        public var reserved: UInt16

        public init(port: UInt16, reserved: UInt16 = 0) {
            self.port = port
            self.reserved = reserved
        }

        static let payloadSize = 4

        static func decode(_ r: inout ByteReader, wire: Wire) throws(DecodingError) -> NATTPortExtension {
            NATTPortExtension(port: try r.readUInt16(.network), reserved: try r.readUInt16(wire.hostOrder))
        }

        func encode(into w: inout ByteWriter, wire: Wire) {
            w.write(port, .network)
            w.write(reserved, wire.hostOrder)
        }
    }

    /// A 4-byte payload extension: BSD `sadb_x_nat_t_frag` (`u16 fraglen`, `u16 reserved`),
    /// FreeBSD `sadb_x_sa_replay` (`u32 replay` in bits), `sadb_x_kmprivate` (`u32 reserved`).
    /// Counterpart: `SADB_X_EXT_NAT_T_FRAG`, `SADB_X_EXT_SA_REPLAY`, `SADB_X_EXT_KMPRIVATE`.
    public struct WordExtension: Sendable, Hashable {
        /// The 32-bit payload in host order (for NAT_T_FRAG: fraglen in the first two bytes).
        public var value: UInt32

        public init(value: UInt32) { self.value = value }

        /// NAT_T_FRAG's fragment length (the first 16-bit field).
        public func fragmentLength(wire: Wire) -> UInt16 {
            wire.hostOrder == .little ? UInt16(truncatingIfNeeded: value) : UInt16(truncatingIfNeeded: value >> 16)
        }

        /// A NAT_T_FRAG payload holding `length`.
        public static func fragment(_ length: UInt16, wire: Wire) -> WordExtension {
            WordExtension(value: wire.hostOrder == .little ? UInt32(length) : UInt32(length) << 16)
        }

        static let payloadSize = 4

        static func decode(_ r: inout ByteReader, wire: Wire) throws(DecodingError) -> WordExtension {
            WordExtension(value: try r.readUInt32(wire.hostOrder))
        }

        func encode(into w: inout ByteWriter, wire: Wire) { w.write(value, wire.hostOrder) }
    }
}
