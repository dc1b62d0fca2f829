extension PFKey {
    /// Why bytes are not a well-formed PF_KEY message. Decoding never traps: every byte count
    /// and every field is checked first.
    public enum DecodingError: Error, Sendable, Hashable, CustomStringConvertible {
        /// Fewer bytes than a structure needs: `needed` at `offset`, only `available` there.
        case truncated(what: String, offset: Int, needed: Int, available: Int)
        /// The header's length (×8) differs from the number of bytes received.
        case lengthMismatch(declared: Int, actual: Int)
        /// `sadb_msg_version` is not `PF_KEY_V2`.
        case badVersion(UInt8)
        /// A message type the wire does not define.
        case unknownMessageType(UInt8)
        /// An extension whose length is 0 (it would never end).
        case zeroLengthExtension(offset: Int)
        /// An extension type the wire does not define (BSD rejects these; Linux would skip
        /// them, but a reply with one is not something setkey can print).
        case unknownExtensionType(UInt16, offset: Int)
        /// The same extension type twice (Linux answers EINVAL to such a request).
        case duplicateExtension(ExtensionType)
        /// An extension shorter than its fixed part.
        case extensionTooShort(ExtensionType, length: Int, minimum: Int)
        /// An extension the message must carry to mean anything (an SA reply without an SA
        /// extension ...).
        case missingExtension(ExtensionType)
        /// A field holds a value its structure cannot have (a key longer than its
        /// extension, a sockaddr of an unknown family where one must be parsed ...).
        case invalidField(ExtensionType?, String)

        public var description: String {
            switch self {
            case .truncated(let what, let offset, let needed, let available):
                return "truncated \(what) at offset \(offset): needs \(needed) bytes, \(available) left"
            case .lengthMismatch(let declared, let actual):
                return "message length \(declared) does not match the \(actual) bytes received"
            case .badVersion(let v):
                return "PF_KEY version \(v), expected \(PFKey.version)"
            case .unknownMessageType(let t):
                return "unknown message type \(t)"
            case .zeroLengthExtension(let offset):
                return "extension of length 0 at offset \(offset)"
            case .unknownExtensionType(let t, let offset):
                return "unknown extension type \(t) at offset \(offset)"
            case .duplicateExtension(let t):
                return "duplicate extension \(t)"
            case .extensionTooShort(let t, let length, let minimum):
                return "\(t) of \(length) bytes, at least \(minimum) needed"
            case .missingExtension(let t):
                return "no \(t) extension"
            case .invalidField(let t, let text):
                if let t { return "\(t): \(text)" }
                return text
            }
        }
    }

    /// Why a message cannot be encoded for a wire (an extension the wire does not have).
    public enum EncodingError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The extension has no number on this wire (a Linux security context on BSD ...).
        case extensionNotOnWire(ExtensionType, Wire.Flavour)
        /// The message would exceed the 16-bit length field (524,280 bytes), or an extension
        /// its own 16-bit length.
        case tooLong(Int)
        /// A value does not fit its field (an 8-byte-header request cannot hold a 32-bit reqid).
        case valueOutOfRange(String)

        public var description: String {
            switch self {
            case .extensionNotOnWire(let t, let f): return "\(t) does not exist on the \(f.rawValue) wire"
            case .tooLong(let n): return "message of \(n) bytes is too long for PF_KEY"
            case .valueOutOfRange(let text): return text
            }
        }
    }
}
