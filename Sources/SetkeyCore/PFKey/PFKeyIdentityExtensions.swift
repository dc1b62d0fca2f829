extension PFKey {
    /// `sadb_ident` (16 bytes + string): an identity of an ACQUIRE or SA.
    /// Counterpart: `SADB_EXT_IDENTITY_SRC`, `SADB_EXT_IDENTITY_DST`.
    public struct IdentityExtension: Sendable, Hashable {
        /// `SADB_IDENTTYPE_*`.
        public var identityType: UInt16
        public var reserved: UInt16
        public var id: UInt64
        /// The NUL-terminated string and its padding, as received.
        public var data: [UInt8]

        public init(identityType: UInt16, id: UInt64, data: [UInt8], reserved: UInt16 = 0) {
            self.identityType = identityType
            self.reserved = reserved
            self.id = id
            self.data = data
        }

        static func decode(_ r: inout ByteReader, wire: Wire) throws(DecodingError) -> IdentityExtension {
            let type = try r.readUInt16(wire.hostOrder), reserved = try r.readUInt16(wire.hostOrder)
            let id = try r.readUInt64(wire.hostOrder)
            return IdentityExtension(identityType: type, id: id, data: r.readRest(), reserved: reserved)
        }

        func encode(into w: inout ByteWriter, wire: Wire) {
            w.write(identityType, wire.hostOrder)
            w.write(reserved, wire.hostOrder)
            w.write(id, wire.hostOrder)
            w.write(bytes: data)
        }
    }

    /// `sadb_sens` (16 bytes + bitmaps): a sensitivity label.
    /// Counterpart: `SADB_EXT_SENSITIVITY`.
    public struct SensitivityExtension: Sendable, Hashable {
        public var dpd: UInt32
        public var sensitivityLevel: UInt8
        /// The sensitivity bitmap length in 64-bit words.
        public var sensitivityLength: UInt8
        public var integrityLevel: UInt8
        /// The integrity bitmap length in 64-bit words.
        public var integrityLength: UInt8
        public var reserved: UInt32
        /// Both bitmaps, as received.
        public var bitmaps: [UInt8]

        public init(dpd: UInt32, sensitivityLevel: UInt8, sensitivityLength: UInt8, integrityLevel: UInt8,
                    integrityLength: UInt8, reserved: UInt32 = 0, bitmaps: [UInt8] = []) {
            self.dpd = dpd
            self.sensitivityLevel = sensitivityLevel
            self.sensitivityLength = sensitivityLength
            self.integrityLevel = integrityLevel
            self.integrityLength = integrityLength
            self.reserved = reserved
            self.bitmaps = bitmaps
        }

        static func decode(_ r: inout ByteReader, wire: Wire) throws(DecodingError) -> SensitivityExtension {
            let o = wire.hostOrder
            let dpd = try r.readUInt32(o), sl = try r.readUInt8(), sn = try r.readUInt8()
            let il = try r.readUInt8(), ilen = try r.readUInt8(), reserved = try r.readUInt32(o)
            let bitmaps = r.readRest()
            guard (Int(sn) + Int(ilen)) * 8 <= bitmaps.count else {
                throw .invalidField(.sensitivity, "bitmaps of \(Int(sn) + Int(ilen)) words in \(bitmaps.count) bytes")
            }
            return SensitivityExtension(dpd: dpd, sensitivityLevel: sl, sensitivityLength: sn, integrityLevel: il,
                                        integrityLength: ilen, reserved: reserved, bitmaps: bitmaps)
        }

        func encode(into w: inout ByteWriter, wire: Wire) {
            w.write(dpd, wire.hostOrder)
            w.write(sensitivityLevel)
            w.write(sensitivityLength)
            w.write(integrityLevel)
            w.write(integrityLength)
            w.write(reserved, wire.hostOrder)
            w.write(bytes: bitmaps)
        }
    }

    /// Linux `sadb_x_sec_ctx` (8 bytes + context, padded): a security (SELinux) context.
    /// Counterpart: `SADB_X_EXT_SEC_CTX`.
    public struct SecurityContextExtension: Sendable, Hashable {
        public var algorithm: UInt8
        public var doi: UInt8
        /// The context length in bytes, including its terminating NUL.
        public var contextLength: UInt16
        /// The context bytes and padding, as received.
        public var data: [UInt8]

        public init(algorithm: UInt8, doi: UInt8, contextLength: UInt16, data: [UInt8]) {
            self.algorithm = algorithm
            self.doi = doi
            self.contextLength = contextLength
            self.data = data
        }

        /// An extension for `context`, NUL-terminated as setkey sends it, zero-padded.
        public init(doi: UInt8, algorithm: UInt8, context: String) {
            var bytes = Array(context.utf8)
            bytes.append(0)
            let length = UInt16(truncatingIfNeeded: bytes.count)
            bytes += [UInt8](repeating: 0, count: PFKey.align8(bytes.count) - bytes.count)
            self.init(algorithm: algorithm, doi: doi, contextLength: length, data: bytes)
        }

        /// The context string: the bytes up to the first NUL within `contextLength`.
        public var context: String {
            let n = min(Int(contextLength), data.count)
            let bytes = data.prefix(n).prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self)
        }

        static func decode(_ r: inout ByteReader, wire: Wire) throws(DecodingError) -> SecurityContextExtension {
            let alg = try r.readUInt8(), doi = try r.readUInt8(), length = try r.readUInt16(wire.hostOrder)
            let data = r.readRest()
            guard Int(length) <= data.count else {
                throw .invalidField(.securityContext, "context of \(length) bytes in \(data.count)")
            }
            return SecurityContextExtension(algorithm: alg, doi: doi, contextLength: length, data: data)
        }

        func encode(into w: inout ByteWriter, wire: Wire) {
            w.write(algorithm)
            w.write(doi)
            w.write(contextLength, wire.hostOrder)
            w.write(bytes: data)
        }
    }
}
