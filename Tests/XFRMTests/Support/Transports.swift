#if canImport(Glibc)
import Glibc
#endif
import SetkeyCore
@testable import SetkeyXFRM

/// A transport that answers from a script: every datagram sent is recorded, and `respond`
/// turns it into the datagrams (or errors) the "kernel" queues in reply.
final class ScriptedTransport: NetlinkTransport {
    enum Reply {
        case datagram([UInt8])
        case failure(Errno)
    }

    let portID: UInt32
    var receiveBufferBytes = 8 << 20
    private(set) var sent: [[UInt8]] = []
    private(set) var closed = false
    var queue: [Reply] = []
    /// Produces the replies to one sent datagram.
    var respond: ([UInt8]) -> [Reply]

    init(portID: UInt32 = 4242, respond: @escaping ([UInt8]) -> [Reply] = { _ in [] }) {
        self.portID = portID
        self.respond = respond
    }

    func send(_ bytes: UnsafeRawBufferPointer) throws(BackendError) {
        let datagram = Array(bytes)
        sent.append(datagram)
        queue += respond(datagram)
    }

    func receive(into buffer: UnsafeMutableRawBufferPointer, wait: Bool) throws(BackendError) -> Int? {
        guard !queue.isEmpty else {
            if wait { throw .system(operation: "scripted transport has nothing left to receive", .timedOut) }
            return nil
        }
        switch queue.removeFirst() {
        case .failure(let e):
            throw .system(operation: "recvmsg(NETLINK_XFRM)", e)
        case .datagram(let d):
            precondition(d.count <= buffer.count)
            buffer.copyBytes(from: d)
            return d.count
        }
    }

    func close() { closed = true }

    /// The messages of every datagram sent: (type, flags, sequence, payload).
    var sentMessages: [(type: UInt16, flags: UInt16, sequence: UInt32, payload: [UInt8])] {
        sent.flatMap(Self.split)
    }

    static func split(_ d: [UInt8]) -> [(type: UInt16, flags: UInt16, sequence: UInt32, payload: [UInt8])] {
        var out: [(UInt16, UInt16, UInt32, [UInt8])] = []
        var o = 0
        while o + 16 <= d.count {
            let len = Int(UInt32(d[o]) | UInt32(d[o + 1]) << 8 | UInt32(d[o + 2]) << 16 | UInt32(d[o + 3]) << 24)
            let type = UInt16(d[o + 4]) | UInt16(d[o + 5]) << 8
            let flags = UInt16(d[o + 6]) | UInt16(d[o + 7]) << 8
            let seq = UInt32(d[o + 8]) | UInt32(d[o + 9]) << 8 | UInt32(d[o + 10]) << 16 | UInt32(d[o + 11]) << 24
            guard len >= 16, o + len <= d.count else { break }
            out.append((type, flags, seq, Array(d[(o + 16)..<(o + len)])))
            o += (len + 3) & ~3
        }
        return out
    }
}

/// A real socket that keeps every datagram it received (to capture kernel replies as fixtures).
final class CapturingTransport: NetlinkTransport {
    let inner: XFRMSocket
    private(set) var received: [[UInt8]] = []
    init(_ inner: XFRMSocket) { self.inner = inner }
    var portID: UInt32 { inner.portID }
    var receiveBufferBytes: Int { inner.receiveBufferBytes }
    func send(_ bytes: UnsafeRawBufferPointer) throws(BackendError) { try inner.send(bytes) }
    func receive(into buffer: UnsafeMutableRawBufferPointer, wait: Bool) throws(BackendError) -> Int? {
        let n = try inner.receive(into: buffer, wait: wait)
        if let n { received.append(Array(buffer[0..<n])) }
        return n
    }
    func close() { inner.close() }
}

/// Netlink replies built the way the kernel builds them.
enum KernelReply {
    /// An `NLMSG_ERROR` (capped, as with NETLINK_CAP_ACK) answering `sequence`, with an
    /// optional extended-ACK message.
    static func error(_ errno: Int32, sequence: UInt32, portID: UInt32 = 4242, requestType: UInt16 = 0x13,
                      message: String? = nil) -> [UInt8] {
        var tlv = ByteFixture()
        if let message {
            let text = Array(message.utf8) + [0]
            let len = 4 + text.count
            tlv = tlv.u16(UInt16(len)).u16(1).raw(text).zeros((4 - len % 4) % 4)  // NLMSGERR_ATTR_MSG
        }
        let flags: UInt16 = 0x100 | (message == nil ? 0 : 0x200)  // NLM_F_CAPPED | NLM_F_ACK_TLVS
        let body = ByteFixture()
            .i32(-errno)                                         // nlmsgerr.error
            .u32(16).u16(requestType).u16(1).u32(sequence).u32(portID)  // echoed request header (capped)
            .raw(tlv.bytes)
        return ByteFixture()
            .u32(UInt32(16 + body.count)).u16(2).u16(flags).u32(sequence).u32(portID)  // NLMSG_ERROR header
            .raw(body.bytes).bytes
    }

    /// `NLMSG_DONE` ending the dump `sequence`.
    static func done(sequence: UInt32, portID: UInt32 = 4242, status: Int32 = 0, flags: UInt16 = 2) -> [UInt8] {
        ByteFixture().u32(20).u16(3).u16(flags).u32(sequence).u32(portID).i32(status).bytes
    }

    /// A data message of `type` with `payload`.
    static func message(type: UInt16, flags: UInt16 = 0, sequence: UInt32, portID: UInt32 = 4242,
                        payload: [UInt8]) -> [UInt8] {
        ByteFixture().u32(UInt32(16 + payload.count)).u16(type).u16(flags).u32(sequence).u32(portID)
            .raw(payload).zeros((4 - payload.count % 4) % 4).bytes
    }
}
