extension PFKey {
    /// Builds the messages a kernel of the wire's family would send for model values: SA and
    /// SP dump records, `get` replies, error replies and monitor notifications. Backends that
    /// do not speak PF_KEY use it so that `-v` and `-x` still print the bytes setkey would
    /// have seen.
    ///
    /// Linux layout (`pfkey_xfrm_state2msg`): SA, LIFETIME_HARD, LIFETIME_SOFT,
    /// LIFETIME_CURRENT, ADDRESS_SRC, ADDRESS_DST (proto 0), ADDRESS_PROXY (the SA's selector;
    /// the model has none, so the zero selector that PF_KEY-made SAs have: proto 255, prefix
    /// 0), KEY_AUTH, KEY_ENCRYPT (only non-empty keys), SA2, NAT-T type and ports, SEC_CTX.
    /// Policies (`pfkey_xfrm_policy2msg`): ADDRESS_SRC, ADDRESS_DST, LIFETIME_HARD,
    /// LIFETIME_SOFT, LIFETIME_CURRENT, X_POLICY, SEC_CTX. BSD layout (KAME
    /// `key_setdumpsa`/`key_setdumpsp`): SA, SA2, configured lifetimes, CURRENT, addresses
    /// (proto 255), keys, NAT-T; policies X_POLICY, addresses (FreeBSD: then CURRENT, HARD).
    /// Counterpart: Linux `net/key/af_key.c`, KAME `netipsec/key.c`.
    public struct KernelReplyBuilder: Sendable {
        public var wire: Wire

        public init(wire: Wire = .native) { self.wire = wire }

        /// A header-only error reply, as the kernel sends to the requester.
        public func errorReply(to type: MessageType, saType: UInt8, errno: Errno, sequence: UInt32,
                               pid: UInt32) -> Message {
            Message(type: type, saType: saType, sequence: sequence, pid: pid,
                    errno: UInt8(truncatingIfNeeded: errno.rawValue))
        }

        /// An SA record. `sequence`/`pid` are used when the SA's `reported` state has none.
        public func saMessage(_ sa: SecurityAssociation, type: MessageType = .dump, sequence: UInt32 = 0,
                              pid: UInt32 = 0, includeKeys: Bool = true) -> Message {
            let r = sa.reported ?? ReportedSAState()
            let exts = wire.flavour == .linux ? linuxSAExtensions(sa, r, includeKeys: includeKeys)
                                              : bsdSAExtensions(sa, r, includeKeys: includeKeys)
            return Message(type: type, saType: sa.type.rawValue, sequence: r.messageSequence ?? sequence,
                           pid: r.messagePID ?? pid, reserved: UInt16(truncatingIfNeeded: r.referenceCount),
                           extensions: exts)
        }

        /// A policy record. `sequence`/`pid` are used when the policy's `reported` state has none.
        public func policyMessage(_ p: SecurityPolicy, type: MessageType = .spdDump, sequence: UInt32 = 0,
                                  pid: UInt32 = 0) -> Message {
            let r = p.reported ?? ReportedPolicyState()
            let builder = RequestBuilder(wire: wire, pid: pid)
            var xpl = builder.policyExtension(p)
            xpl.id = r.id
            var dir = p.direction.rawValue
            if r.isPerSocket, wire.flavour == .linux, r.id % 8 < 3 { dir += 3 }
            xpl.direction = dir
            let addresses = builder.selectorExtensions(p.selector, nil)
            var exts = [Extension]()
            let current = Extension.lifetime(.current, LifetimeExtension(addTime: r.created, useTime: r.lastUsed))
            let hard = Extension.lifetime(.hard, limit(r.hardLifetime))
            switch wire.flavour {
            case .linux:
                exts = addresses + [hard, .lifetime(.soft, LifetimeExtension()), current, .policy(xpl)]
            case .netBSD:
                exts = [.policy(xpl)] + addresses
            case .freeBSD:
                exts = [.policy(xpl)] + addresses + (r.hasLifetimes ? [current, hard] : [])
            }
            if let ctx = p.securityContext, ctx.doi != 0, wire.flavour == .linux {
                exts.append(.securityContext(SecurityContextExtension(doi: ctx.doi, algorithm: ctx.algorithm,
                                                                      context: ctx.context)))
            }
            return Message(type: type, saType: 0, sequence: r.messageSequence ?? sequence, pid: r.messagePID ?? pid,
                           reserved: UInt16(truncatingIfNeeded: r.referenceCount), extensions: exts)
        }

        func limit(_ l: Lifetime) -> LifetimeExtension {
            LifetimeExtension(allocations: UInt32(truncatingIfNeeded: l.allocations), bytes: l.bytes,
                              addTime: l.addTime, useTime: l.useTime)
        }
    }
}
