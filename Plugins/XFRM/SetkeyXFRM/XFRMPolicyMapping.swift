import CXFRM
import SetkeyCore

/// Maps a model policy to `xfrm_userpolicy_info` and templates the way af_key maps setkey's
/// `SADB_X_SPDADD` (`pfkey_spdadd` and `parse_ipsecrequest` in net/key/af_key.c), and back as
/// `pfkey_xfrm_policy2msg` reports it.
/// Counterpart: `XFRM_MSG_NEWPOLICY`/`UPDPOLICY` payloads, `XFRMA_TMPL`.
enum XFRMPolicyMapping {
    /// `def`: the priority setkey on Linux sends when the policy text names none.
    static let defaultPriority = PolicyPriority.default

    /// What af_key would refuse before anything reaches the kernel.
    static func refusal(for policy: SecurityPolicy) -> BackendError? {
        if policy.tag != nil {
            return .unsupported("tagged policies do not exist on Linux", .invalidArgument)
        }
        if policy.direction == .any {
            return .kernelRejected(.invalidArgument, detail: "a policy needs a direction (in, out or fwd)")
        }
        if policy.selector.source.family != policy.selector.destination.family {
            return .kernelRejected(.invalidArgument, detail: "selector families differ")
        }
        switch policy.action {
        case .entrust, .bypass:
            return .unsupported("'\(policy.action)' policies do not exist on Linux", .invalidArgument)
        case .discard, .none:
            return nil
        case .ipsec:
            break
        }
        if policy.requests.count > Int(CXFRM_MAX_DEPTH) {
            return .kernelRejected(.tooManyLevels, detail: "at most \(CXFRM_MAX_DEPTH) requests per policy")
        }
        for r in policy.requests {
            if r.mode == .any {
                return .kernelRejected(.invalidArgument, detail: "request '\(r.proto)' has no mode")
            }
            // af_key reads tunnel endpoints from the request; without them it answers EINVAL.
            if r.mode == .tunnel, r.endpoints == nil {
                return .kernelRejected(.invalidArgument, detail: "a tunnel request needs endpoints")
            }
        }
        return nil
    }

    /// `xfrm_selector` for a model selector: ports and their masks in network order (a mask
    /// only for a non-zero port, as af_key sets them), upper-layer `any` as protocol 0.
    static func selector(_ s: PolicySelector) -> xfrm_selector {
        var sel = xfrm_selector()
        sel.daddr = XFRMAddress.kernel(s.destination.address)
        sel.saddr = XFRMAddress.kernel(s.source.address)
        sel.dport = s.destinationPort.bigEndian
        sel.dport_mask = s.destinationPort == 0 ? 0 : 0xffff
        sel.sport = s.sourcePort.bigEndian
        sel.sport_mask = s.sourcePort == 0 ? 0 : 0xffff
        sel.family = XFRMAddress.family(s.family)
        sel.prefixlen_d = s.destination.length
        sel.prefixlen_s = s.source.length
        sel.proto = s.upperLayer == .any ? 0 : s.upperLayer.rawValue
        return sel
    }

    /// `XFRM_POLICY_IN/OUT/FWD` for a direction other than `any`.
    static func kernelDirection(_ d: PolicyDirection) -> UInt8 { d.rawValue &- 1 }

    /// The fixed part of NEWPOLICY/UPDPOLICY. `nil` priority becomes `def` (0x80000000).
    static func info(for policy: SecurityPolicy) -> xfrm_userpolicy_info {
        var p = xfrm_userpolicy_info()
        p.sel = selector(policy.selector)
        p.lft = XFRMLifetime.configuration(hard: .unlimited, soft: .unlimited)
        p.priority = (policy.priority ?? defaultPriority).rawValue
        p.dir = kernelDirection(policy.direction)
        p.action = UInt8(policy.action == .discard ? XFRM_POLICY_BLOCK : XFRM_POLICY_ALLOW)
        return p
    }

    /// The templates of an `ipsec` policy (none for `none`/`discard`). `reqids` holds, per
    /// request, the reqid to use (already resolved for `unique` without a manual id).
    static func templates(for policy: SecurityPolicy, reqids: [UInt32]) -> [xfrm_user_tmpl] {
        guard policy.action == .ipsec else { return [] }
        let family = XFRMAddress.family(policy.selector.family)
        return policy.requests.enumerated().map { i, r in
            var t = xfrm_user_tmpl()
            t.id.proto = r.proto.rawValue
            t.family = family
            if r.mode == .tunnel, let ep = r.endpoints {
                t.id.daddr = XFRMAddress.kernel(ep.destination)
                t.saddr = XFRMAddress.kernel(ep.source)
                t.family = XFRMAddress.family(ep.destination.family)
            }
            t.reqid = r.level == .unique ? reqids[i] : 0
            t.mode = XFRMStateMapping.kernelMode(r.mode)
            t.optional = r.level == .use ? 1 : 0
            t.aalgos = ~0
            t.ealgos = ~0
            t.calgos = ~0
            return t
        }
    }

    /// The `unique` requests whose reqid the kernel side must choose (af_key's `gen_reqid`):
    /// no reqid, or one above `IPSEC_MANUAL_REQID_MAX`.
    static func needsGeneratedRequestID(_ r: IPsecRequest) -> Bool {
        r.level == .unique && (r.reqid.rawValue == 0 || r.reqid.rawValue > XFRM.manualRequestIDMaximum)
    }

    /// The identity of a policy for GETPOLICY/DELPOLICY.
    static func identity(_ id: PolicyIdentity) -> xfrm_userpolicy_id {
        var p = xfrm_userpolicy_id()
        p.sel = selector(id.selector)
        p.dir = kernelDirection(id.direction)
        return p
    }
}
