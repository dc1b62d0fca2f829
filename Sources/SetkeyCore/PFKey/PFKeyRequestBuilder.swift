extension PFKey {
    /// Builds the request messages setkey sends for each statement, field for field as
    /// section 5.6 of the reference describes them: base header with `seq` 0 (unless a
    /// sequence is given), the caller's pid, `reserved` 0; extensions in ipsec-tools' order.
    ///
    /// Linux RFC-mode `fwd` copies of `in` policies are the executor's business, not this
    /// builder's: it encodes exactly the policy it is given.
    /// Counterpart: ipsec-tools `setkeymsg_add`, `setkeymsg_addr`, `setkeymsg_spdaddr`,
    /// `sendkeyshort`, `pfkey_send_register`, `promisc`.
    public struct RequestBuilder: Sendable {
        /// The wire the messages are for.
        public var wire: Wire
        /// `sadb_msg_pid` (setkey: `getpid()`).
        public var pid: UInt32
        /// `sadb_msg_seq` (setkey: 0).
        public var sequence: UInt32

        public init(wire: Wire = .native, pid: UInt32, sequence: UInt32 = 0) {
            self.wire = wire
            self.pid = pid
            self.sequence = sequence
        }

        func header(_ type: MessageType, _ saType: UInt8, _ extensions: [Extension] = []) -> Message {
            Message(type: type, saType: saType, sequence: sequence, pid: pid, extensions: extensions)
        }

        /// The message(s) setkey sends first for a mutation. Linux `deleteall` begins with a
        /// dump of the SA type (the per-SPI deletes depend on its answer: `deleteBySPI`).
        public func messages(for mutation: Mutation) -> [Message] {
            switch mutation {
            case .add(let sa): return [add(sa)]
            case .update(let sa): return [update(sa)]
            case .delete(let id): return [delete(id)]
            case .deleteAll(let s, let d, let t): return [deleteAll(source: s, destination: d, type: t)]
            case .flush(let t): return [flush(t)]
            case .spdAdd(let p): return [spdAdd(p)]
            case .spdUpdate(let p): return [spdUpdate(p)]
            case .spdDelete(let id): return [spdDelete(id)]
            case .spdFlush: return [spdFlush()]
            }
        }

        /// `add`: SADB_ADD.
        public func add(_ sa: SecurityAssociation) -> Message { saMessage(.add, sa) }
        /// `update` (NetBSD syntax): SADB_UPDATE.
        public func update(_ sa: SecurityAssociation) -> Message { saMessage(.update, sa) }

        /// `get`: SADB_GET with SA, SA2, source and destination.
        public func get(_ id: SAIdentity) -> Message { identityMessage(.get, id) }
        /// `delete`: SADB_DELETE with SA, SA2, source and destination.
        public func delete(_ id: SAIdentity) -> Message { identityMessage(.delete, id) }

        /// `deleteall`: on BSD one SADB_DELETE without SA extension; on Linux the SADB_DUMP of
        /// the type that starts the dump-and-delete sequence.
        public func deleteAll(source: IPAddress, destination: IPAddress, type: SAType) -> Message {
            if wire.flavour == .linux { return dump(type) }
            return header(.delete, type.rawValue, [
                .address(.source, AddressExtension(source, proto: 255, wire: wire)),
                .address(.destination, AddressExtension(destination, proto: 255, wire: wire)),
            ])
        }

        /// One step of Linux `deleteall`: SADB_DELETE of `spi` between the two addresses.
        public func deleteBySPI(_ spi: SPI, source: IPAddress, destination: IPAddress, type: SAType) -> Message {
            delete(SAIdentity(source: source, destination: destination, type: type, spi: spi))
        }

        /// `flush [proto]`, `-F`: SADB_FLUSH, header only.
        public func flush(_ type: SAType) -> Message { header(.flush, type.rawValue) }
        /// `dump [proto]`, `-D`: SADB_DUMP, header only.
        public func dump(_ type: SAType) -> Message { header(.dump, type.rawValue) }
        /// `spdflush`, `-FP`: SADB_X_SPDFLUSH, header only.
        public func spdFlush() -> Message { header(.spdFlush, 0) }
        /// `spddump`, `-DP`: SADB_X_SPDDUMP, header only.
        public func spdDump() -> Message { header(.spdDump, 0) }
        /// SADB_REGISTER for a type (setkey registers with 0 before `-f`/`-c`).
        public func register(_ type: SAType) -> Message { header(.register, type.rawValue) }
        /// `-x`: SADB_X_PROMISC with satype 1 (on) or 0 (off).
        public func promisc(on: Bool = true) -> Message { header(.promisc, on ? 1 : 0) }

        /// `spdadd`: SADB_X_SPDADD.
        public func spdAdd(_ p: SecurityPolicy) -> Message { policyMessage(.spdAdd, p) }
        /// `spdupdate`: SADB_X_SPDUPDATE.
        public func spdUpdate(_ p: SecurityPolicy) -> Message { policyMessage(.spdUpdate, p) }

        /// `spddelete ... -P DIR`: SADB_X_SPDDELETE with a bare direction (type 0, priority 0,
        /// no requests), the selector and the security context.
        public func spdDelete(_ id: PolicyIdentity) -> Message {
            let xpl = PolicyExtension(type: UInt16(PolicyAction.discard.rawValue), direction: id.direction.rawValue)
            return header(.spdDelete, 0, [.policy(xpl)] + selectorExtensions(id.selector, id.securityContext))
        }
    }
}
