extension PFKey {
    /// Turns decoded messages into model values: SAs and policies of replies and dumps,
    /// errors, REGISTER algorithm lists, monitor events.
    ///
    /// What the model cannot hold is an error (an unknown SA type, state, mode, direction,
    /// policy action or request protocol), so a value that decodes always prints.
    /// Counterpart: libipsec `pfkey_align`/`pfkey_check` and the readers in `pfkey_dump.c`.
    public struct ModelDecoder: Sendable {
        public var wire: Wire

        public init(wire: Wire = .native) { self.wire = wire }

        /// The errno of an error reply, nil for success.
        public func error(of message: Message) -> Errno? { message.error }

        /// The supported algorithms of a REGISTER reply, with their key ranges in bits.
        public func supportedAlgorithms(_ message: Message) -> [AlgorithmID: KeyBitsRange] {
            var table = [AlgorithmID: KeyBitsRange]()
            for (kind, model) in [(KeyKind.authentication, AlgorithmKind.authentication), (.encryption, .encryption)] {
                for a in message.supported(kind)?.algorithms ?? [] {
                    table[AlgorithmID(model, a.id)] = KeyBitsRange(Int(a.minimumBits), Int(a.maximumBits))
                }
            }
            return table
        }

        /// The IP address and port of an address extension.
        func endpoint(_ e: AddressExtension?, _ type: ExtensionType) throws(DecodingError) -> (IPAddress, UInt16, AddressExtension) {
            guard let e else { throw .missingExtension(type) }
            guard let a = e.socketAddress.address else {
                throw .invalidField(type, "sockaddr of family \(e.socketAddress.family)")
            }
            return (a, e.socketAddress.port, e)
        }

        func lifetime(_ e: LifetimeExtension?) -> Lifetime {
            guard let e else { return .unlimited }
            return Lifetime(allocations: UInt64(e.allocations), bytes: e.bytes, addTime: e.addTime, useTime: e.useTime)
        }

        func securityContext(_ e: SecurityContextExtension?) -> SecurityContext? {
            e.map { SecurityContext(doi: $0.doi, algorithm: $0.algorithm, context: $0.context) }
        }
    }
}
