import CXFRM
import SetkeyCore

/// One XFRM request: its type, fixed struct and attributes, written into a batch by
/// `write(into:)`. Built by `XFRMRequestPlanner` from the model.
/// Counterpart: the request side of `xfrm_dispatch` in net/xfrm/xfrm_user.c.
enum XFRMRequest {
    /// NEWSA (or UPDSA with `update`): `xfrm_usersa_info`, algorithms, `XFRMA_ENCAP`, context.
    case newSA(xfrm_usersa_info, algorithms: [XFRMAlgorithm], encapsulation: xfrm_encap_tmpl?,
               context: SecurityContext?, update: Bool)
    /// GETSA or DELSA: `xfrm_usersa_id`.
    case saIdentity(XFRM.MessageType, xfrm_usersa_id)
    /// FLUSHSA: `xfrm_usersa_flush` (protocol, `IPSEC_PROTO_ANY` for all).
    case flushSA(proto: UInt8)
    /// NEWPOLICY (or UPDPOLICY with `update`): `xfrm_userpolicy_info`, `XFRMA_TMPL`, context.
    case newPolicy(xfrm_userpolicy_info, templates: [xfrm_user_tmpl], context: SecurityContext?, update: Bool)
    /// GETPOLICY or DELPOLICY: `xfrm_userpolicy_id` (+ context).
    case policyIdentity(XFRM.MessageType, xfrm_userpolicy_id, context: SecurityContext?)
    /// FLUSHPOLICY: no payload (main policy type).
    case flushPolicy
    /// GETSA with `NLM_F_DUMP`, optionally only one protocol (`XFRMA_PROTO`) and one
    /// source/destination pair (`XFRMA_ADDRESS_FILTER`).
    case dumpSA(proto: UInt8?, filter: xfrm_address_filter?)
    /// GETPOLICY with `NLM_F_DUMP`.
    case dumpPolicy
    /// GETSPDINFO: the acknowledged barrier ending a pipelined run.
    case spdInfo

    /// The netlink message type.
    var type: XFRM.MessageType {
        switch self {
        case .newSA(_, _, _, _, let update): return update ? .updateSA : .newSA
        case .saIdentity(let t, _): return t
        case .flushSA: return .flushSA
        case .newPolicy(_, _, _, let update): return update ? .updatePolicy : .newPolicy
        case .policyIdentity(let t, _, _): return t
        case .flushPolicy: return .flushPolicy
        case .dumpSA: return .getSA
        case .dumpPolicy: return .getPolicy
        case .spdInfo: return .getSPDInfo
        }
    }

    /// `NLM_F_REQUEST`, plus `NLM_F_DUMP` for dumps; callers add `NLM_F_ACK` where they want one.
    var baseFlags: UInt16 {
        switch self {
        case .dumpSA, .dumpPolicy: return UInt16(NLM_F_REQUEST | NLM_F_DUMP)
        default: return UInt16(NLM_F_REQUEST)
        }
    }

    /// Writes the whole message at `start`.
    /// - Returns: the message length.
    /// - Throws: `XFRMMessageDoesNotFit` when `capacity` is too small.
    @discardableResult
    func write(at start: UnsafeMutableRawPointer, capacity: Int, sequence: UInt32, portID: UInt32 = 0,
               extraFlags: UInt16 = 0) throws(XFRMMessageDoesNotFit) -> Int {
        let w = try XFRMMessageWriter(at: start, capacity: capacity, type: type, flags: baseFlags | extraFlags,
                                      sequence: sequence, portID: portID)
        switch self {
        case .newSA(let info, let algorithms, let encap, let context, _):
            try w.putFixed(size: MemoryLayout<xfrm_usersa_info>.stride) { d in
                withUnsafePointer(to: info) { cxfrm_put_usersa_info(d, $0) }
            }
            for a in algorithms { try w.putAttribute(a.attributeType, bytes: a.encoded) }
            if let encap {
                try w.putAttribute(.encapsulation, size: MemoryLayout<xfrm_encap_tmpl>.stride) { d in
                    withUnsafePointer(to: encap) { cxfrm_put_encap_tmpl(d, $0) }
                }
            }
            if let context { try w.putAttribute(.securityContext, bytes: XFRMSecurityContext.encoded(context)) }
        case .saIdentity(_, let id):
            try w.putFixed(size: MemoryLayout<xfrm_usersa_id>.stride) { d in
                withUnsafePointer(to: id) { cxfrm_put_usersa_id(d, $0) }
            }
        case .flushSA(let proto):
            try w.putFixed(size: MemoryLayout<xfrm_usersa_flush>.stride) { cxfrm_put_usersa_flush($0, proto) }
        case .newPolicy(let info, let templates, let context, _):
            try w.putFixed(size: MemoryLayout<xfrm_userpolicy_info>.stride) { d in
                withUnsafePointer(to: info) { cxfrm_put_userpolicy_info(d, $0) }
            }
            if !templates.isEmpty {
                let size = MemoryLayout<xfrm_user_tmpl>.stride
                try w.putAttribute(.templates, size: size * templates.count) { d in
                    for (i, t) in templates.enumerated() {
                        withUnsafePointer(to: t) { cxfrm_put_user_tmpl(d + i * size, $0) }
                    }
                }
            }
            if let context { try w.putAttribute(.securityContext, bytes: XFRMSecurityContext.encoded(context)) }
        case .policyIdentity(_, let id, let context):
            try w.putFixed(size: MemoryLayout<xfrm_userpolicy_id>.stride) { d in
                withUnsafePointer(to: id) { cxfrm_put_userpolicy_id(d, $0) }
            }
            if let context { try w.putAttribute(.securityContext, bytes: XFRMSecurityContext.encoded(context)) }
        case .flushPolicy, .dumpPolicy:
            break
        case .dumpSA(let proto, let filter):
            if let proto { try w.putAttribute(.proto, u8: proto) }
            if let filter {
                try w.putAttribute(.addressFilter, size: MemoryLayout<xfrm_address_filter>.stride) { d in
                    withUnsafePointer(to: filter) { cxfrm_put_address_filter(d, $0) }
                }
            }
        case .spdInfo:
            try w.putFixed(size: 4) { $0.storeBytes(of: UInt32.max, as: UInt32.self) }  // flags word, echoed back
        }
        return w.length
    }

    /// The message as bytes (tests, logs).
    func encoded(sequence: UInt32, extraFlags: UInt16 = 0) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = buffer.withUnsafeMutableBytes { raw -> Int in
            (try? write(at: raw.baseAddress!, capacity: raw.count, sequence: sequence, extraFlags: extraFlags)) ?? 0
        }
        return Array(buffer.prefix(n))
    }
}
