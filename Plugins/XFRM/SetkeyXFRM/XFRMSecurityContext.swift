import CXFRM
import SetkeyCore

/// `XFRMA_SEC_CTX` both ways. The string is sent with its terminating NUL, as setkey's
/// PF_KEY extension carries it and af_key passes it on; a trailing NUL is dropped on decode.
/// Counterpart: `struct xfrm_user_sec_ctx` (len, exttype, ctx_alg, ctx_doi, ctx_len, string).
enum XFRMSecurityContext {
    /// The attribute payload for `context`.
    static func encoded(_ context: SecurityContext) -> [UInt8] {
        let text = Array(context.context.utf8) + [0]
        let header = Int(CXFRM_USER_SEC_CTX_SIZE)
        var out = [UInt8](repeating: 0, count: header + text.count)
        out.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: UInt16(truncatingIfNeeded: header + text.count), toByteOffset: 0, as: UInt16.self)  // len
            raw.storeBytes(of: XFRM.AttributeType.securityContext.rawValue, toByteOffset: 2, as: UInt16.self)  // exttype
            raw.storeBytes(of: context.algorithm, toByteOffset: 4, as: UInt8.self)  // ctx_alg
            raw.storeBytes(of: context.doi, toByteOffset: 5, as: UInt8.self)  // ctx_doi
            raw.storeBytes(of: UInt16(truncatingIfNeeded: text.count), toByteOffset: 6, as: UInt16.self)  // ctx_len
            UnsafeMutableRawBufferPointer(rebasing: raw[header...]).copyBytes(from: text)
        }
        return out
    }

    /// The context in an attribute payload.
    /// - Throws: `malformedReply` when the declared string length does not fit.
    static func decode(_ payload: UnsafeRawBufferPointer) throws(BackendError) -> SecurityContext {
        let header = Int(CXFRM_USER_SEC_CTX_SIZE)
        guard payload.count >= header else { throw .malformedReply("XFRMA_SEC_CTX shorter than its header") }
        let algorithm = payload.load(fromByteOffset: 4, as: UInt8.self)
        let doi = payload.load(fromByteOffset: 5, as: UInt8.self)
        let length = Int(payload.loadUnaligned(fromByteOffset: 6, as: UInt16.self))
        guard header + length <= payload.count else {
            throw .malformedReply("XFRMA_SEC_CTX string of \(length) bytes overruns its attribute")
        }
        var bytes = Array(payload[header..<(header + length)])
        if bytes.last == 0 { bytes.removeLast() }
        return SecurityContext(doi: doi, algorithm: algorithm, context: String(decoding: bytes, as: UTF8.self))
    }
}
