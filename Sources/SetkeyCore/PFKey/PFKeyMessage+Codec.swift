extension PFKey.Message {
    /// The message as bytes for `wire`, lengths computed and every extension padded.
    /// - Throws: `EncodingError` when an extension has no number on `wire`, a value does not
    ///   fit its field, or the message exceeds the 16-bit length.
    public func encoded(for wire: PFKey.Wire) throws(PFKey.EncodingError) -> [UInt8] {
        var w = PFKey.ByteWriter(capacity: 256)
        w.write(version)
        w.write(type.rawValue)
        w.write(errno)
        w.write(saType)
        w.write(UInt16(0), wire.hostOrder)  // length, set below
        w.write(reserved, wire.hostOrder)
        w.write(sequence, wire.hostOrder)
        w.write(pid, wire.hostOrder)
        for e in extensions { try e.encode(into: &w, wire: wire) }
        guard w.count <= PFKey.maximumMessageSize else { throw .tooLong(w.count) }
        w.set(UInt16(w.count / 8), at: 4, wire.hostOrder)
        return w.bytes
    }

    /// Decodes exactly one message that fills `bytes`.
    ///
    /// Checks, in order: at least a header; version 2; a message type the wire defines; the
    /// header length (×8) equal to the byte count; then each extension: a whole header, a
    /// length that is not 0 and does not run past the end, a type the wire defines, no type
    /// twice, and the extension's own structure.
    /// - Throws: `DecodingError` naming the first problem.
    public init(decoding bytes: [UInt8], wire: PFKey.Wire) throws(PFKey.DecodingError) {
        let declared = try Self.declaredLength(bytes, at: 0, wire: wire)
        guard declared == bytes.count else {
            if declared > bytes.count {
                throw .truncated(what: "message", offset: 0, needed: declared, available: bytes.count)
            }
            throw .lengthMismatch(declared: declared, actual: bytes.count)
        }
        try self.init(decoding: bytes, start: 0, length: declared, wire: wire)
    }

    /// The length in bytes the header at `offset` declares (`sadb_msg_len` × 8).
    /// - Throws: `truncated` when fewer than 16 bytes are left.
    public static func declaredLength(_ bytes: [UInt8], at offset: Int, wire: PFKey.Wire) throws(PFKey.DecodingError) -> Int {
        var r = PFKey.ByteReader(bytes, start: offset)
        guard r.remaining >= PFKey.headerSize else {
            throw .truncated(what: "sadb_msg", offset: offset, needed: PFKey.headerSize, available: r.remaining)
        }
        try r.skip(4)
        return Int(try r.readUInt16(wire.hostOrder)) * 8
    }

    /// Decodes the message occupying `bytes[start ..< start + length]`.
    init(decoding bytes: [UInt8], start: Int, length: Int, wire: PFKey.Wire) throws(PFKey.DecodingError) {
        var r = PFKey.ByteReader(bytes, start: start, end: start + length)
        guard r.remaining >= PFKey.headerSize, length >= PFKey.headerSize else {
            throw .truncated(what: "sadb_msg", offset: start, needed: PFKey.headerSize, available: r.remaining)
        }
        let version = try r.readUInt8()
        guard version == PFKey.version else { throw .badVersion(version) }
        let rawType = try r.readUInt8()
        guard let type = PFKey.MessageType(rawValue: rawType), type.isDefined(on: wire) else {
            throw .unknownMessageType(rawType)
        }
        let errno = try r.readUInt8(), saType = try r.readUInt8()
        _ = try r.readUInt16(wire.hostOrder)
        let reserved = try r.readUInt16(wire.hostOrder)
        let sequence = try r.readUInt32(wire.hostOrder), pid = try r.readUInt32(wire.hostOrder)
        var extensions = [PFKey.Extension]()
        var seen = Set<PFKey.ExtensionType>()
        while r.remaining > 0 {
            let e = try Self.decodeExtension(&r, wire: wire)
            guard seen.insert(e.type).inserted else { throw .duplicateExtension(e.type) }
            extensions.append(e)
        }
        self.init(type: type, saType: saType, sequence: sequence, pid: pid, errno: errno, reserved: reserved,
                  version: version, extensions: extensions)
    }

    private static func decodeExtension(_ r: inout PFKey.ByteReader, wire: PFKey.Wire) throws(PFKey.DecodingError) -> PFKey.Extension {
        let offset = r.offset
        guard r.remaining >= PFKey.extensionHeaderSize else {
            throw .truncated(what: "sadb_ext", offset: offset, needed: PFKey.extensionHeaderSize, available: r.remaining)
        }
        let length = Int(try r.readUInt16(wire.hostOrder)) * 8
        let number = try r.readUInt16(wire.hostOrder)
        guard length > 0 else { throw .zeroLengthExtension(offset: offset) }
        guard length - PFKey.extensionHeaderSize <= r.remaining else {
            throw .truncated(what: "extension \(number)", offset: offset, needed: length,
                             available: r.remaining + PFKey.extensionHeaderSize)
        }
        guard let type = PFKey.ExtensionType(number: number, wire: wire) else {
            throw .unknownExtensionType(number, offset: offset)
        }
        var payload = PFKey.ByteReader(r.bytes, start: r.offset, end: offset + length)
        try r.skip(length - PFKey.extensionHeaderSize)
        let e = try PFKey.Extension.decodePayload(type, &payload, wire: wire)
        guard payload.remaining == 0 else {
            throw .invalidField(type, "\(payload.remaining) bytes left undecoded")
        }
        return e
    }

    /// Splits concatenated messages (a positional file, a buffer of several datagrams) and
    /// decodes each. Stops at the first message that cannot be framed.
    /// - Returns: the messages and, when framing failed, the error and the offset it happened at.
    public static func decodeAll(_ bytes: [UInt8], wire: PFKey.Wire)
        -> (messages: [Result<PFKey.Message, PFKey.DecodingError>], framingError: (offset: Int, error: PFKey.DecodingError)?) {
        var out = [Result<PFKey.Message, PFKey.DecodingError>]()
        var offset = 0
        while offset < bytes.count {
            let length: Int
            do {
                length = try declaredLength(bytes, at: offset, wire: wire)
            } catch {
                return (out, (offset, error))
            }
            guard length >= PFKey.headerSize else { return (out, (offset, .lengthMismatch(declared: length, actual: bytes.count - offset))) }
            guard offset + length <= bytes.count else {
                return (out, (offset, .truncated(what: "message", offset: offset, needed: length,
                                                 available: bytes.count - offset)))
            }
            do {
                out.append(.success(try PFKey.Message(decoding: bytes, start: offset, length: length, wire: wire)))
            } catch {
                out.append(.failure(error))
            }
            offset += length
        }
        return (out, nil)
    }
}
