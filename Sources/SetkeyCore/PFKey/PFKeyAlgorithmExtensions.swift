extension PFKey {
    /// `sadb_alg` (8 bytes): one algorithm of a REGISTER reply.
    /// Counterpart: `struct sadb_alg`.
    public struct SupportedAlgorithm: Sendable, Hashable {
        public var id: UInt8
        public var ivLength: UInt8
        public var minimumBits: UInt16
        public var maximumBits: UInt16
        public var reserved: UInt16

        public init(id: UInt8, ivLength: UInt8, minimumBits: UInt16, maximumBits: UInt16, reserved: UInt16 = 0) {
            self.id = id
            self.ivLength = ivLength
            self.minimumBits = minimumBits
            self.maximumBits = maximumBits
            self.reserved = reserved
        }
    }

    /// `sadb_supported` (8 bytes + 8 per algorithm): the algorithms a kernel offers.
    /// Counterpart: `SADB_EXT_SUPPORTED_AUTH`, `SADB_EXT_SUPPORTED_ENCRYPT`.
    public struct SupportedExtension: Sendable, Hashable {
        public var reserved: UInt32
        public var algorithms: [SupportedAlgorithm]

        public init(algorithms: [SupportedAlgorithm], reserved: UInt32 = 0) {
            self.reserved = reserved
            self.algorithms = algorithms
        }

        static func decode(_ r: inout ByteReader, wire: Wire, type: ExtensionType) throws(DecodingError) -> SupportedExtension {
            let reserved = try r.readUInt32(wire.hostOrder)
            guard r.remaining % 8 == 0 else {
                throw .invalidField(type, "\(r.remaining) bytes is not a whole number of sadb_alg")
            }
            var algorithms = [SupportedAlgorithm]()
            while r.remaining > 0 {
                algorithms.append(SupportedAlgorithm(
                    id: try r.readUInt8(), ivLength: try r.readUInt8(), minimumBits: try r.readUInt16(wire.hostOrder),
                    maximumBits: try r.readUInt16(wire.hostOrder), reserved: try r.readUInt16(wire.hostOrder)))
            }
            return SupportedExtension(algorithms: algorithms, reserved: reserved)
        }

        func encode(into w: inout ByteWriter, wire: Wire) {
            w.write(reserved, wire.hostOrder)
            for a in algorithms {
                w.write(a.id)
                w.write(a.ivLength)
                w.write(a.minimumBits, wire.hostOrder)
                w.write(a.maximumBits, wire.hostOrder)
                w.write(a.reserved, wire.hostOrder)
            }
        }
    }

    /// `sadb_comb` (72 bytes): one acceptable combination of an ACQUIRE proposal.
    /// Counterpart: `struct sadb_comb`.
    public struct Combination: Sendable, Hashable {
        public var authentication: UInt8
        public var encryption: UInt8
        public var flags: UInt16
        public var authenticationMinimumBits: UInt16
        public var authenticationMaximumBits: UInt16
        public var encryptionMinimumBits: UInt16
        public var encryptionMaximumBits: UInt16
        public var reserved: UInt32
        public var softAllocations: UInt32
        public var hardAllocations: UInt32
        public var softBytes: UInt64
        public var hardBytes: UInt64
        public var softAddTime: UInt64
        public var hardAddTime: UInt64
        public var softUseTime: UInt64
        public var hardUseTime: UInt64

        public init(authentication: UInt8 = 0, encryption: UInt8 = 0, flags: UInt16 = 0,
                    authenticationMinimumBits: UInt16 = 0, authenticationMaximumBits: UInt16 = 0,
                    encryptionMinimumBits: UInt16 = 0, encryptionMaximumBits: UInt16 = 0, reserved: UInt32 = 0,
                    softAllocations: UInt32 = 0, hardAllocations: UInt32 = 0, softBytes: UInt64 = 0,
                    hardBytes: UInt64 = 0, softAddTime: UInt64 = 0, hardAddTime: UInt64 = 0,
                    softUseTime: UInt64 = 0, hardUseTime: UInt64 = 0) {
            self.authentication = authentication
            self.encryption = encryption
            self.flags = flags
            self.authenticationMinimumBits = authenticationMinimumBits
            self.authenticationMaximumBits = authenticationMaximumBits
            self.encryptionMinimumBits = encryptionMinimumBits
            self.encryptionMaximumBits = encryptionMaximumBits
            self.reserved = reserved
            self.softAllocations = softAllocations
            self.hardAllocations = hardAllocations
            self.softBytes = softBytes
            self.hardBytes = hardBytes
            self.softAddTime = softAddTime
            self.hardAddTime = hardAddTime
            self.softUseTime = softUseTime
            self.hardUseTime = hardUseTime
        }

        static let size = 72

        static func decode(_ r: inout ByteReader, wire: Wire) throws(DecodingError) -> Combination {
            let o = wire.hostOrder
            return Combination(
                authentication: try r.readUInt8(), encryption: try r.readUInt8(), flags: try r.readUInt16(o),
                authenticationMinimumBits: try r.readUInt16(o), authenticationMaximumBits: try r.readUInt16(o),
                encryptionMinimumBits: try r.readUInt16(o), encryptionMaximumBits: try r.readUInt16(o),
                reserved: try r.readUInt32(o), softAllocations: try r.readUInt32(o), hardAllocations: try r.readUInt32(o),
                softBytes: try r.readUInt64(o), hardBytes: try r.readUInt64(o), softAddTime: try r.readUInt64(o),
                hardAddTime: try r.readUInt64(o), softUseTime: try r.readUInt64(o), hardUseTime: try r.readUInt64(o))
        }

        func encode(into w: inout ByteWriter, wire: Wire) {
            let o = wire.hostOrder
            w.write(authentication)
            w.write(encryption)
            w.write(flags, o)
            w.write(authenticationMinimumBits, o)
            w.write(authenticationMaximumBits, o)
            w.write(encryptionMinimumBits, o)
            w.write(encryptionMaximumBits, o)
            w.write(reserved, o)
            w.write(softAllocations, o)
            w.write(hardAllocations, o)
            for v in [softBytes, hardBytes, softAddTime, hardAddTime, softUseTime, hardUseTime] { w.write(v, o) }
        }
    }

    /// `sadb_prop` (8 bytes + 72 per combination): what an ACQUIRE would accept.
    /// Counterpart: `SADB_EXT_PROPOSAL`.
    public struct ProposalExtension: Sendable, Hashable {
        public var replay: UInt8
        /// The three reserved bytes.
        public var reserved: [UInt8]
        public var combinations: [Combination]

        public init(replay: UInt8, combinations: [Combination], reserved: [UInt8] = [0, 0, 0]) {
            self.replay = replay
            self.reserved = reserved
            self.combinations = combinations
        }

        static func decode(_ r: inout ByteReader, wire: Wire) throws(DecodingError) -> ProposalExtension {
            let replay = try r.readUInt8(), reserved = try r.readBytes(3)
            guard r.remaining % Combination.size == 0 else {
                throw .invalidField(.proposal, "\(r.remaining) bytes is not a whole number of sadb_comb")
            }
            var combinations = [Combination]()
            while r.remaining > 0 { combinations.append(try Combination.decode(&r, wire: wire)) }
            return ProposalExtension(replay: replay, combinations: combinations, reserved: reserved)
        }

        func encode(into w: inout ByteWriter, wire: Wire) {
            w.write(replay)
            w.write(bytes: reserved.prefix(3))
            w.writeZeros(3 - min(3, reserved.count))
            for c in combinations { c.encode(into: &w, wire: wire) }
        }
    }
}
