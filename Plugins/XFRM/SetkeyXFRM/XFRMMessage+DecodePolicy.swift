import CXFRM
import SetkeyCore

extension XFRMDecoder {
    /// A policy from NEWPOLICY/UPDPOLICY/dump payloads, as `pfkey_xfrm_policy2msg` reports
    /// it: block is `discard`, allow without templates `none`, with templates `ipsec`; levels
    /// `require`, `unique` when a reqid is set, `use` when optional; tunnel endpoints only for
    /// tunnel templates; `spid` is the kernel index, per-socket when `index % 8 >= 3`.
    /// Nil for policies setkey cannot show (unknown family, template protocol or mode).
    static func securityPolicy(_ p: xfrm_userpolicy_info, _ attrs: XFRMAttributes,
                               now: UInt64) throws(BackendError) -> SecurityPolicy? {
        guard let family = XFRMAddress.family(kernel: p.sel.family) else { return nil }
        let kernelDirection = p.dir < 3 ? p.dir : p.dir &- 3
        guard kernelDirection < 3, let direction = PolicyDirection(rawValue: kernelDirection + 1) else { return nil }
        var requests = [IPsecRequest]()
        if let t = attrs.templates {
            requests.reserveCapacity(t.count / MemoryLayout<xfrm_user_tmpl>.stride)
            var offset = 0
            while offset < t.count {
                let tmpl = t.loadStruct(fromByteOffset: offset, as: xfrm_user_tmpl.self)
                guard let r = request(tmpl) else { return nil }
                requests.append(r)
                offset += MemoryLayout<xfrm_user_tmpl>.stride
            }
        }
        let action: PolicyAction = p.action == UInt8(XFRM_POLICY_BLOCK) ? .discard : requests.isEmpty ? .none : .ipsec
        var policy = SecurityPolicy(selector: selector(p.sel, family: family), direction: direction, action: action,
                                    priority: PolicyPriority(p.priority), requests: action == .ipsec ? requests : [])
        if let c = attrs.securityContext { policy.securityContext = try XFRMSecurityContext.decode(c) }
        let hard = XFRMLifetime.hard(p.lft)
        policy.reported = ReportedPolicyState(
            id: p.index, created: p.curlft.add_time, lastUsed: p.curlft.use_time,
            hardLifetime: hard, hasLifetimes: true, isPerSocket: p.index % 8 >= 3,
            referenceCount: referenceCount(p, now: now))
        return policy
    }

    /// The selector: ports as stored (network order), protocol 0 as `any`.
    static func selector(_ s: xfrm_selector, family: AddressFamily) -> PolicySelector {
        PolicySelector(source: IPPrefix(XFRMAddress.model(s.saddr, family: family), length: s.prefixlen_s),
                       destination: IPPrefix(XFRMAddress.model(s.daddr, family: family), length: s.prefixlen_d),
                       sourcePort: UInt16(bigEndian: s.sport), destinationPort: UInt16(bigEndian: s.dport),
                       upperLayer: s.proto == 0 ? .any : UpperLayerProtocol(s.proto))
    }

    private static func request(_ t: xfrm_user_tmpl) -> IPsecRequest? {
        guard let proto = RequestProtocol(rawValue: t.id.proto), proto != .tcp,
              let mode = XFRMStateMapping.modelMode(t.mode) else { return nil }
        var endpoints: TunnelEndpoints?
        if mode == .tunnel {
            guard let family = XFRMAddress.family(kernel: t.family) else { return nil }
            endpoints = TunnelEndpoints(source: XFRMAddress.model(t.saddr, family: family),
                                        destination: XFRMAddress.model(t.id.daddr, family: family))
        }
        let level: IPsecLevel = t.optional != 0 ? .use : t.reqid != 0 ? .unique : .require
        return IPsecRequest(proto: proto, mode: mode, endpoints: endpoints, level: level, reqid: RequestID(t.reqid))
    }

    /// `sadb_msg_reserved` of af_key's policy messages is the policy's reference count: one
    /// for the table, plus one while its timer is pending. `xfrm_policy_insert` arms the
    /// timer for one second; it re-arms only when a lifetime limit is set. XFRM does not
    /// report the count, so it is derived the same way (to the second).
    static func referenceCount(_ p: xfrm_userpolicy_info, now: UInt64) -> UInt32 {
        let l = p.lft
        let hasTimedLimit = l.hard_add_expires_seconds != 0 || l.hard_use_expires_seconds != 0
            || l.soft_add_expires_seconds != 0 || l.soft_use_expires_seconds != 0
        let young = now <= p.curlft.add_time
        return hasTimedLimit || young ? 2 : 1
    }
}
