import CXFRM
import SetkeyCore

/// The attributes of one XFRM message, parsed with explicit checks: every attribute header
/// and length inside the message, no attribute twice, the ones this backend reads at least as
/// long as their struct. Types beyond `XFRMA_MAX` (newer kernels) are skipped.
/// Counterpart: `nlmsg_parse` with `xfrma_policy` in net/xfrm/xfrm_user.c.
struct XFRMAttributes {
    private(set) var authentication: UnsafeRawBufferPointer?
    private(set) var truncatedAuthentication: UnsafeRawBufferPointer?
    private(set) var encryption: UnsafeRawBufferPointer?
    private(set) var aead: UnsafeRawBufferPointer?
    private(set) var compression: UnsafeRawBufferPointer?
    private(set) var encapsulation: UnsafeRawBufferPointer?
    private(set) var templates: UnsafeRawBufferPointer?
    private(set) var sa: UnsafeRawBufferPointer?
    private(set) var policy: UnsafeRawBufferPointer?
    private(set) var securityContext: UnsafeRawBufferPointer?
    private(set) var lastUsed: UnsafeRawBufferPointer?
    /// The types seen, one bit each.
    private(set) var seen: UInt64 = 0

    /// No attributes.
    init() {}

    /// Parses the attribute area `bytes` (4-byte aligned TLVs).
    /// - Throws: `malformedReply` for a truncated header, a length outside the area, a
    ///   duplicate, or a known attribute shorter than its struct.
    init(parsing bytes: UnsafeRawBufferPointer) throws(BackendError) {
        let header = Int(CXFRM_NLA_HDRLEN)
        var offset = 0
        while offset < bytes.count {
            guard bytes.count - offset >= header else {
                throw .malformedReply("attribute header truncated at byte \(offset)")
            }
            let length = Int(bytes.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
            let rawType = bytes.loadUnaligned(fromByteOffset: offset + 2, as: UInt16.self)
            guard length >= header, length <= bytes.count - offset else {
                throw .malformedReply("attribute \(rawType) length \(length) outside \(header)...\(bytes.count - offset)")
            }
            let type = rawType & UInt16(truncatingIfNeeded: CXFRM_NLA_TYPE_MASK)
            let value = UnsafeRawBufferPointer(rebasing: bytes[(offset + header)..<(offset + length)])
            offset += Int(cxfrm_nlmsg_align(length))
            if type == 0 || type > XFRM.AttributeType.maximum.rawValue || type >= 64 { continue }
            let bit = UInt64(1) << UInt64(type)
            guard seen & bit == 0 else { throw .malformedReply("attribute \(type) appears twice") }
            seen |= bit
            try store(XFRM.AttributeType(rawValue: type), value)
        }
    }

    /// Whether an attribute of `type` was present.
    func contains(_ type: XFRM.AttributeType) -> Bool {
        type.rawValue < 64 && seen & (UInt64(1) << UInt64(type.rawValue)) != 0
    }

    private mutating func store(_ type: XFRM.AttributeType, _ value: UnsafeRawBufferPointer) throws(BackendError) {
        switch type {
        case .authentication: authentication = try checked(value, Int(CXFRM_ALGO_SIZE), "XFRMA_ALG_AUTH")
        case .truncatedAuthentication:
            truncatedAuthentication = try checked(value, Int(CXFRM_ALGO_AUTH_SIZE), "XFRMA_ALG_AUTH_TRUNC")
        case .encryption: encryption = try checked(value, Int(CXFRM_ALGO_SIZE), "XFRMA_ALG_CRYPT")
        case .aead: aead = try checked(value, Int(CXFRM_ALGO_AEAD_SIZE), "XFRMA_ALG_AEAD")
        case .compression: compression = try checked(value, Int(CXFRM_ALGO_SIZE), "XFRMA_ALG_COMP")
        case .encapsulation:
            encapsulation = try checked(value, MemoryLayout<xfrm_encap_tmpl>.size, "XFRMA_ENCAP")
        case .templates:
            let size = MemoryLayout<xfrm_user_tmpl>.stride
            guard value.count % size == 0 else {
                throw .malformedReply("XFRMA_TMPL of \(value.count) bytes is not a whole number of templates")
            }
            templates = value
        case .sa: sa = try checked(value, MemoryLayout<xfrm_usersa_info>.size, "XFRMA_SA")
        case .policy: policy = try checked(value, MemoryLayout<xfrm_userpolicy_info>.size, "XFRMA_POLICY")
        case .securityContext: securityContext = try checked(value, Int(CXFRM_USER_SEC_CTX_SIZE), "XFRMA_SEC_CTX")
        case .lastUsed: lastUsed = try checked(value, 8, "XFRMA_LASTUSED")
        default: break
        }
    }

    private func checked(_ value: UnsafeRawBufferPointer, _ minimum: Int,
                         _ name: StaticString) throws(BackendError) -> UnsafeRawBufferPointer {
        guard value.count >= minimum else {
            throw .malformedReply("\(name) needs \(minimum) bytes, got \(value.count)")
        }
        return value
    }
}
