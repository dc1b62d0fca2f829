import CXFRM
import SetkeyCore

/// An `NLMSG_ERROR` message: an acknowledgement (error 0) or a failure with the kernel's
/// extended-ACK text when it gave one.
/// Counterpart: `struct nlmsgerr` + `NLMSGERR_ATTR_MSG` (`netlink_ack` in net/netlink/af_netlink.c).
struct XFRMAcknowledgement: Equatable {
    /// 0 for an acknowledgement, otherwise the errno (positive).
    var errno: Int32
    /// The sequence number of the request it answers (the header's; the same as the echoed
    /// request's).
    var sequence: UInt32
    /// `NLMSGERR_ATTR_MSG`, when present.
    var message: String?
    /// `NLMSGERR_ATTR_OFFS`: the offset of the offending attribute in the request, when present.
    var offset: UInt32?

    /// Decodes an `NLMSG_ERROR` payload. The echoed request is only its header when
    /// `NLM_F_CAPPED` is set (we ask for that with `NETLINK_CAP_ACK`); extended-ACK
    /// attributes follow it when `NLM_F_ACK_TLVS` is set.
    /// - Throws: `malformedReply` when the payload is shorter than `nlmsgerr`, or the echoed
    ///   request or the attributes overrun it.
    init(_ message: XFRMMessageView) throws(BackendError) {
        let p = message.payload
        let header = XFRMMessageView.headerLength
        guard p.count >= 4 + header else { throw .malformedReply("NLMSG_ERROR of \(p.count) bytes") }
        let error = p.loadUnaligned(fromByteOffset: 0, as: Int32.self)
        guard error <= 0, error != Int32.min else { throw .malformedReply("NLMSG_ERROR with error \(error)") }
        errno = -error
        sequence = message.sequence
        let capped = message.flags & UInt16(NLM_F_CAPPED) != 0
        var echoed = header
        if !capped {
            echoed = Int(p.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
            guard echoed >= header, echoed <= p.count - 4 else {
                throw .malformedReply("NLMSG_ERROR echoes \(echoed) bytes of \(p.count - 4)")
            }
        }
        guard message.flags & UInt16(NLM_F_ACK_TLVS) != 0 else { return }
        let start = 4 + Int(cxfrm_nlmsg_align(echoed))
        guard start <= p.count else { throw .malformedReply("NLMSG_ERROR attributes start past its end") }
        try readExtendedAck(UnsafeRawBufferPointer(rebasing: p[start...]))
    }

    /// Builds one directly (tests, synthesized failures).
    init(errno: Int32, sequence: UInt32, message: String? = nil, offset: UInt32? = nil) {
        self.errno = errno
        self.sequence = sequence
        self.message = message
        self.offset = offset
    }

    private mutating func readExtendedAck(_ bytes: UnsafeRawBufferPointer) throws(BackendError) {
        var offset = 0
        while offset < bytes.count {
            guard bytes.count - offset >= 4 else { throw .malformedReply("extended ACK attribute truncated") }
            let length = Int(bytes.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
            let type = bytes.loadUnaligned(fromByteOffset: offset + 2, as: UInt16.self) & UInt16(truncatingIfNeeded: CXFRM_NLA_TYPE_MASK)
            guard length >= 4, length <= bytes.count - offset else {
                throw .malformedReply("extended ACK attribute \(type) length \(length)")
            }
            let value = bytes[(offset + 4)..<(offset + length)]
            switch UInt32(type) {
            case NLMSGERR_ATTR_MSG.rawValue:
                let end = value.firstIndex(of: 0) ?? value.endIndex
                self.message = String(decoding: bytes[value.startIndex..<end], as: UTF8.self)
            case NLMSGERR_ATTR_OFFS.rawValue:
                guard value.count >= 4 else { throw .malformedReply("NLMSGERR_ATTR_OFFS of \(value.count) bytes") }
                self.offset = bytes.loadUnaligned(fromByteOffset: value.startIndex, as: UInt32.self)
            default:
                break
            }
            offset += Int(cxfrm_nlmsg_align(length))
        }
    }

    /// The failure this reports, as the model's error (nil for an acknowledgement).
    var failure: BackendError? {
        errno == 0 ? nil : .fromKernel(Errno(errno), detail: message)
    }
}
