import CXFRM

/// The request did not fit in the space left; the caller sends what it has and retries in an
/// empty buffer (or gives up when even that is too small).
struct XFRMMessageDoesNotFit: Error {}

/// Writes one netlink request in place through libmnl: the header (`mnl_nlmsg_put_header`),
/// the fixed XFRM struct (`mnl_nlmsg_put_extra_header`) and attributes with the bounded
/// putters (`mnl_attr_put_check`). Nothing here frames bytes by hand.
/// Counterpart: one message of an `mnl_nlmsg_batch`.
struct XFRMMessageWriter {
    /// The message being written.
    let header: UnsafeMutablePointer<nlmsghdr>
    /// The bytes available from the start of the message.
    let capacity: Int

    /// Starts a message of `type` at `start`.
    /// - Throws: `XFRMMessageDoesNotFit` when not even a header fits.
    init(at start: UnsafeMutableRawPointer, capacity: Int, type: XFRM.MessageType, flags: UInt16,
         sequence: UInt32, portID: UInt32) throws(XFRMMessageDoesNotFit) {
        guard capacity >= Int(CXFRM_NLMSG_HDRLEN) else { throw XFRMMessageDoesNotFit() }
        header = mnl_nlmsg_put_header(start)
        self.capacity = capacity
        header.pointee.nlmsg_type = type.rawValue
        header.pointee.nlmsg_flags = flags
        header.pointee.nlmsg_seq = sequence
        // The kernel copies this into its notifications (`km_event.portid`): monitors see
        // who made a change, as PF_KEY monitors see `sadb_msg_pid`.
        header.pointee.nlmsg_pid = portID
    }

    /// The message length so far.
    var length: Int { Int(header.pointee.nlmsg_len) }

    /// Appends the fixed struct that follows the netlink header (`xfrm_usersa_info` ...):
    /// `size` bytes (C's `sizeof`) of zeroed memory that `write` fills, field by field, through
    /// a CXFRM `cxfrm_put_*` shim, so padding stays zero.
    func putFixed(size: Int, _ write: (UnsafeMutableRawPointer) -> Void) throws(XFRMMessageDoesNotFit) {
        guard length + cxfrm_nlmsg_align(size) <= capacity else { throw XFRMMessageDoesNotFit() }
        write(mnl_nlmsg_put_extra_header(header, size)!)  // zeroed by libmnl
    }

    /// Appends an attribute holding `bytes`.
    func putAttribute(_ type: XFRM.AttributeType, bytes: UnsafeRawBufferPointer) throws(XFRMMessageDoesNotFit) {
        guard mnl_attr_put_check(header, capacity, type.rawValue, bytes.count, bytes.baseAddress) else {
            throw XFRMMessageDoesNotFit()
        }
        zeroPadding(after: bytes.count)
    }

    /// libmnl leaves the alignment padding after an attribute's payload as it found it; the
    /// batch buffer is reused, so clear it (the kernel ignores it; fixtures and logs do not).
    private func zeroPadding(after payloadLength: Int) {
        let pad = Int(cxfrm_nlmsg_align(payloadLength)) - payloadLength
        guard pad > 0 else { return }
        (UnsafeMutableRawPointer(header) + length - pad).initializeMemory(as: UInt8.self, repeating: 0, count: pad)
    }

    /// Appends an attribute holding the bytes of `bytes`.
    func putAttribute(_ type: XFRM.AttributeType, bytes: [UInt8]) throws(XFRMMessageDoesNotFit) {
        let ok = bytes.withUnsafeBytes { mnl_attr_put_check(header, capacity, type.rawValue, $0.count, $0.baseAddress) }
        guard ok else { throw XFRMMessageDoesNotFit() }
        zeroPadding(after: bytes.count)
    }

    /// Appends an attribute of `size` bytes that `write` fills (zeroed first; C structs go
    /// through the CXFRM `cxfrm_put_*` shims, which keep padding zero).
    func putAttribute(_ type: XFRM.AttributeType, size: Int,
                      _ write: (UnsafeMutableRawPointer) -> Void) throws(XFRMMessageDoesNotFit) {
        let ok = withUnsafeTemporaryAllocation(byteCount: max(size, 1), alignment: 8) { tmp in
            tmp.initializeMemory(as: UInt8.self, repeating: 0)
            write(tmp.baseAddress!)
            return mnl_attr_put_check(header, capacity, type.rawValue, size, tmp.baseAddress)
        }
        guard ok else { throw XFRMMessageDoesNotFit() }
        zeroPadding(after: size)
    }

    /// Appends a one-byte attribute (`XFRMA_PROTO`).
    func putAttribute(_ type: XFRM.AttributeType, u8 value: UInt8) throws(XFRMMessageDoesNotFit) {
        guard mnl_attr_put_u8_check(header, capacity, type.rawValue, value) else { throw XFRMMessageDoesNotFit() }
        zeroPadding(after: 1)
    }
}
