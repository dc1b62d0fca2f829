extension PFKey {
    /// One PF_KEY message: the base header and its extensions, in wire order.
    ///
    /// `encode` and `decode` are exact inverses: decoding keeps every byte (reserved fields,
    /// padding), and the lengths are computed when encoding.
    /// Counterpart: `struct sadb_msg` followed by `struct sadb_ext`s.
    public struct Message: Sendable, Hashable {
        /// `sadb_msg_version` (2).
        public var version: UInt8
        /// `sadb_msg_type`.
        public var type: MessageType
        /// `sadb_msg_errno`: 0 in requests and successful replies.
        public var errno: UInt8
        /// `sadb_msg_satype` (0 unspec, 2 AH, 3 ESP, 9 IPComp, 11 TCP-MD5; 1 for PROMISC on).
        public var saType: UInt8
        /// `sadb_msg_reserved` (BSD replies: reference count, printed as `refcnt`).
        public var reserved: UInt16
        /// `sadb_msg_seq`.
        public var sequence: UInt32
        /// `sadb_msg_pid`.
        public var pid: UInt32
        /// The extensions in wire order.
        public var extensions: [Extension]

        public init(type: MessageType, saType: UInt8 = 0, sequence: UInt32 = 0, pid: UInt32 = 0,
                    errno: UInt8 = 0, reserved: UInt16 = 0, version: UInt8 = PFKey.version,
                    extensions: [Extension] = []) {
            self.version = version
            self.type = type
            self.errno = errno
            self.saType = saType
            self.reserved = reserved
            self.sequence = sequence
            self.pid = pid
            self.extensions = extensions
        }

        /// The first extension of `type`, nil when absent.
        public func first(_ type: ExtensionType) -> Extension? {
            extensions.first { $0.type == type }
        }

        /// Whether an extension of `type` is present.
        public func contains(_ type: ExtensionType) -> Bool { first(type) != nil }

        public var sa: SAExtension? {
            if case .sa(let e)? = first(.sa) { return e }
            return nil
        }

        public var sa2: SA2Extension? {
            if case .sa2(let e)? = first(.sa2) { return e }
            return nil
        }

        public var policy: PolicyExtension? {
            if case .policy(let e)? = first(.policy) { return e }
            return nil
        }

        public func lifetime(_ kind: LifetimeKind) -> LifetimeExtension? {
            if case .lifetime(_, let e)? = first(kind.type) { return e }
            return nil
        }

        public func address(_ kind: AddressKind) -> AddressExtension? {
            if case .address(_, let e)? = first(kind.type) { return e }
            return nil
        }

        public func key(_ kind: KeyKind) -> KeyExtension? {
            if case .key(_, let e)? = first(kind == .authentication ? .keyAuthentication : .keyEncryption) { return e }
            return nil
        }

        public func supported(_ kind: KeyKind) -> SupportedExtension? {
            let type: ExtensionType = kind == .authentication ? .supportedAuthentication : .supportedEncryption
            if case .supported(_, let e)? = first(type) { return e }
            return nil
        }

        public var natTType: NATTTypeExtension? {
            if case .natTType(let e)? = first(.natTType) { return e }
            return nil
        }

        public func natTPort(_ side: Side) -> NATTPortExtension? {
            if case .natTPort(_, let e)? = first(side == .source ? .natTSourcePort : .natTDestinationPort) { return e }
            return nil
        }

        public var securityContext: SecurityContextExtension? {
            if case .securityContext(let e)? = first(.securityContext) { return e }
            return nil
        }

        /// The errno of an error reply, nil when `errno` is 0.
        public var error: Errno? { errno == 0 ? nil : Errno(CInt(errno)) }
    }
}
