import CXFRM
import SetkeyCore

/// A received netlink message, bounds-checked: the header fields and the payload bytes that
/// `nlmsg_len` covers. Views point into the receive buffer and live only while it does.
/// Counterpart: `struct nlmsghdr` + `NLMSG_DATA`.
struct XFRMMessageView {
    var type: XFRM.MessageType
    var flags: UInt16
    var sequence: UInt32
    var portID: UInt32
    /// The bytes after the 16-byte header, up to `nlmsg_len`.
    var payload: UnsafeRawBufferPointer

    /// The netlink header length (`NLMSG_HDRLEN`).
    static let headerLength = Int(CXFRM_NLMSG_HDRLEN)

    /// The message whose header starts at `bytes[0]`; `bytes` must hold the whole message.
    /// - Throws: `malformedReply` for a header shorter than 16 bytes or a length that
    ///   overruns `bytes`.
    init(_ bytes: UnsafeRawBufferPointer) throws(BackendError) {
        guard bytes.count >= Self.headerLength else {
            throw .malformedReply("netlink header truncated (\(bytes.count) bytes)")
        }
        let length = Int(bytes.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
        guard length >= Self.headerLength, length <= bytes.count else {
            throw .malformedReply("netlink message length \(length) outside 16...\(bytes.count)")
        }
        type = XFRM.MessageType(rawValue: bytes.loadUnaligned(fromByteOffset: 4, as: UInt16.self))
        flags = bytes.loadUnaligned(fromByteOffset: 6, as: UInt16.self)
        sequence = bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self)
        portID = bytes.loadUnaligned(fromByteOffset: 12, as: UInt32.self)
        payload = UnsafeRawBufferPointer(rebasing: bytes[Self.headerLength..<length])
    }

    /// The message a libmnl callback hands over (libmnl has checked `mnl_nlmsg_ok`).
    init(_ header: UnsafePointer<nlmsghdr>) throws(BackendError) {
        let length = Int(header.pointee.nlmsg_len)
        try self.init(UnsafeRawBufferPointer(start: UnsafeRawPointer(header), count: length))
    }

    /// Checks that `bytes` is a sequence of whole messages, each 4-byte aligned, the last one
    /// ending exactly at the end (its alignment padding may be missing). libmnl's callback
    /// runner stops silently at a truncated message; this makes truncation an error.
    /// - Returns: the number of messages.
    static func validateFraming(_ bytes: UnsafeRawBufferPointer) throws(BackendError) -> Int {
        var offset = 0
        var count = 0
        while offset < bytes.count {
            let message = try XFRMMessageView(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
            let length = headerLength + message.payload.count
            offset += Int(cxfrm_nlmsg_align(length))
            count += 1
        }
        return count
    }

    /// Loads a fixed C struct from the start of the payload.
    /// - Throws: `malformedReply` when the payload is shorter than the struct.
    /// Payloads are only 4-byte aligned and XFRM structs hold u64 fields: `loadUnaligned`.
    func fixed<T>(_: T.Type, name: StaticString) throws(BackendError) -> T {
        guard payload.count >= MemoryLayout<T>.size else {
            throw .malformedReply("\(type): \(name) needs \(MemoryLayout<T>.size) bytes, got \(payload.count)")
        }
        return payload.loadStruct(as: T.self)
    }

    /// The attributes after a fixed struct of type `T` (`NLMSG_ALIGN(sizeof(T))`).
    func attributes<T>(after _: T.Type) throws(BackendError) -> XFRMAttributes {
        let start = Int(cxfrm_nlmsg_align(MemoryLayout<T>.stride))
        guard start <= payload.count else { return XFRMAttributes() }
        return try XFRMAttributes(parsing: UnsafeRawBufferPointer(rebasing: payload[start...]))
    }
}

extension UnsafeRawBufferPointer {
    /// Copies the `T` at `offset` out of a netlink payload. Payloads are only 4-byte aligned
    /// and XFRM structs hold u64 fields, so the bytes are copied to aligned scratch first
    /// (the C structs with unions are not `BitwiseCopyable` to Swift, which rules out the
    /// standard `loadUnaligned`). The caller checks the bounds; they are checked again here.
    func loadStruct<T>(fromByteOffset offset: Int = 0, as type: T.Type) -> T {
        precondition(offset >= 0 && offset + MemoryLayout<T>.size <= count, "loadStruct out of bounds")
        return withUnsafeTemporaryAllocation(byteCount: MemoryLayout<T>.stride, alignment: MemoryLayout<T>.alignment) { tmp in
            tmp.initializeMemory(as: UInt8.self, repeating: 0)
            tmp.copyMemory(from: UnsafeRawBufferPointer(rebasing: self[offset..<(offset + MemoryLayout<T>.size)]))
            return tmp.load(as: T.self)
        }
    }
}
