extension PFKey {
    /// `sadb_x_policy` (16 bytes + requests): action, direction, id and priority, followed by
    /// the requests of an `ipsec` policy.
    /// Counterpart: `SADB_X_EXT_POLICY`.
    public struct PolicyExtension: Sendable, Hashable {
        /// `IPSEC_POLICY_*`: 0 discard, 1 none, 2 ipsec, 3 entrust, 4 bypass.
        public var type: UInt16
        /// `IPSEC_DIR_*`: 0 any, 1 in, 2 out, 3 fwd (Linux).
        public var direction: UInt8
        /// Reserved (FreeBSD: the scope).
        public var reserved: UInt8
        /// The kernel's policy id (`spid`).
        public var id: UInt32
        /// Linux and FreeBSD: the priority; older BSDs: reserved.
        public var priority: UInt32
        /// The requests (only read when `type` is ipsec).
        public var requests: [PolicyRequest]
        /// Bytes after the last request (too few for another one), as received.
        public var trailing: [UInt8]

        public init(type: UInt16, direction: UInt8, id: UInt32 = 0, priority: UInt32 = 0,
                    requests: [PolicyRequest] = [], reserved: UInt8 = 0, trailing: [UInt8] = []) {
            self.type = type
            self.direction = direction
            self.reserved = reserved
            self.id = id
            self.priority = priority
            self.requests = requests
            self.trailing = trailing
        }

        /// `IPSEC_POLICY_IPSEC`.
        public static let ipsecType: UInt16 = 2

        static func decode(_ r: inout ByteReader, wire: Wire) throws(DecodingError) -> PolicyExtension {
            let type = try r.readUInt16(wire.hostOrder), dir = try r.readUInt8(), reserved = try r.readUInt8()
            let id = try r.readUInt32(wire.hostOrder), priority = try r.readUInt32(wire.hostOrder)
            var requests = [PolicyRequest]()
            if type == ipsecType {
                while r.remaining >= wire.policyRequestHeaderSize {
                    requests.append(try PolicyRequest.decode(&r, wire: wire))
                }
            }
            return PolicyExtension(type: type, direction: dir, id: id, priority: priority, requests: requests,
                                   reserved: reserved, trailing: r.readRest())
        }

        func encode(into w: inout ByteWriter, wire: Wire) throws(EncodingError) {
            w.write(type, wire.hostOrder)
            w.write(direction)
            w.write(reserved)
            w.write(id, wire.hostOrder)
            w.write(priority, wire.hostOrder)
            for request in requests { try request.encode(into: &w, wire: wire) }
            w.write(bytes: trailing)
        }
    }

    /// The tunnel endpoints of a request: two sockaddrs, source then destination.
    public struct RequestEndpoints: Sendable, Hashable {
        public var source: SocketAddress
        public var destination: SocketAddress
        public init(source: SocketAddress, destination: SocketAddress) {
            self.source = source
            self.destination = destination
        }
    }

    /// `sadb_x_ipsecrequest`: one `PROTO/MODE/ENDPOINTS/LEVEL` request. Linux: a 16-byte header
    /// (`u16 len`, `u16 proto`, `u8 mode`, `u8 level`, `u16 reserved1`, `u32 reqid`,
    /// `u32 reserved2`); BSD: 8 bytes (`... u8 level`, `u16 reqid`). `len` counts bytes and
    /// includes the endpoint sockaddrs.
    /// Counterpart: `struct sadb_x_ipsecrequest`.
    public struct PolicyRequest: Sendable, Hashable {
        /// 50 ESP, 51 AH, 108 IPComp (FreeBSD: 6 TCP-MD5).
        public var proto: UInt16
        /// 1 transport, 2 tunnel (0 any).
        public var mode: UInt8
        /// 0 default, 1 use, 2 require, 3 unique.
        public var level: UInt8
        /// The request id (16 bits on BSD).
        public var reqid: UInt32
        /// Linux only.
        public var reserved1: UInt16
        /// Linux only.
        public var reserved2: UInt32
        /// Tunnel endpoints, nil when none.
        public var endpoints: RequestEndpoints?
        /// Bytes after the endpoints up to `len`, as received.
        public var trailing: [UInt8]

        public init(proto: UInt16, mode: UInt8, level: UInt8, reqid: UInt32 = 0, endpoints: RequestEndpoints? = nil,
                    reserved1: UInt16 = 0, reserved2: UInt32 = 0, trailing: [UInt8] = []) {
            self.proto = proto
            self.mode = mode
            self.level = level
            self.reqid = reqid
            self.reserved1 = reserved1
            self.reserved2 = reserved2
            self.endpoints = endpoints
            self.trailing = trailing
        }

        /// The byte length this request encodes to on `wire`.
        public func encodedLength(wire: Wire) -> Int {
            wire.policyRequestHeaderSize + (endpoints.map { $0.source.encodedSize + $0.destination.encodedSize } ?? 0)
                + trailing.count
        }

        static func decode(_ r: inout ByteReader, wire: Wire) throws(DecodingError) -> PolicyRequest {
            let start = r.offset
            let length = Int(try r.readUInt16(wire.hostOrder, "sadb_x_ipsecrequest_len"))
            guard length >= wire.policyRequestHeaderSize else {
                throw .invalidField(.policy, "request length \(length) at offset \(start)")
            }
            guard length - 2 <= r.remaining else {
                throw .truncated(what: "policy request", offset: start, needed: length, available: r.remaining + 2)
            }
            var body = ByteReader(r.bytes, start: r.offset, end: start + length)
            try r.skip(length - 2)
            let proto = try body.readUInt16(wire.hostOrder), mode = try body.readUInt8(), level = try body.readUInt8()
            var reqid: UInt32, reserved1: UInt16 = 0, reserved2: UInt32 = 0
            if wire.flavour == .linux {
                reserved1 = try body.readUInt16(wire.hostOrder)
                reqid = try body.readUInt32(wire.hostOrder)
                reserved2 = try body.readUInt32(wire.hostOrder)
            } else {
                reqid = UInt32(try body.readUInt16(wire.hostOrder))
            }
            var endpoints: RequestEndpoints?
            if body.remaining > 0 {
                let source = try SocketAddress.decode(&body, wire: wire, restIfUnknown: false, context: .policy)
                let destination = try SocketAddress.decode(&body, wire: wire, restIfUnknown: false, context: .policy)
                endpoints = RequestEndpoints(source: source, destination: destination)
            }
            return PolicyRequest(proto: proto, mode: mode, level: level, reqid: reqid, endpoints: endpoints,
                                 reserved1: reserved1, reserved2: reserved2, trailing: body.readRest())
        }

        func encode(into w: inout ByteWriter, wire: Wire) throws(EncodingError) {
            let length = encodedLength(wire: wire)
            guard length <= Int(UInt16.max) else { throw .tooLong(length) }
            w.write(UInt16(length), wire.hostOrder)
            w.write(proto, wire.hostOrder)
            w.write(mode)
            w.write(level)
            if wire.flavour == .linux {
                w.write(reserved1, wire.hostOrder)
                w.write(reqid, wire.hostOrder)
                w.write(reserved2, wire.hostOrder)
            } else {
                guard reqid <= UInt32(UInt16.max) else {
                    throw .valueOutOfRange("reqid \(reqid) does not fit the 16-bit BSD request field")
                }
                w.write(UInt16(reqid), wire.hostOrder)
            }
            if let endpoints {
                endpoints.source.encode(into: &w, wire: wire)
                endpoints.destination.encode(into: &w, wire: wire)
            }
            w.write(bytes: trailing)
        }
    }
}
