import CXFRM
import SetkeyCore

/// What one mutation turns into.
enum XFRMPlan {
    /// Requests that can be sent as they are.
    case send([XFRMRequest])
    /// A failure known before sending (what af_key would refuse, an unknown algorithm).
    case refuse(BackendError)
    /// `deleteall`: the SAs must be listed first (Linux setkey: dump, then one delete each).
    case deleteAll(source: IPAddress, destination: IPAddress, type: SAType)
    /// A policy with `unique` requests whose reqids the backend must choose (af_key's
    /// `gen_reqid`), which needs the reqids already in use.
    case policyNeedingRequestIDs(SecurityPolicy, update: Bool)
}

/// Turns mutations into XFRM requests with af_key's semantics.
/// Counterpart: the `pfkey_funcs` handlers of net/key/af_key.c for ADD, UPDATE, DELETE,
/// FLUSH, X_SPDADD, X_SPDUPDATE, X_SPDDELETE, X_SPDFLUSH.
enum XFRMRequestPlanner {
    /// The plan for `mutation`.
    static func plan(_ mutation: Mutation) -> XFRMPlan {
        switch mutation {
        case .add(let sa): return saPlan(sa, update: false)
        case .update(let sa): return saPlan(sa, update: true)
        case .delete(let id):
            if id.source.family != id.destination.family {
                return .refuse(.kernelRejected(.invalidArgument, detail: "source and destination families differ"))
            }
            return .send([.saIdentity(.deleteSA, XFRMStateMapping.identity(id))])
        case .deleteAll(let s, let d, let t):
            if s.family != d.family {
                return .refuse(.kernelRejected(.invalidArgument, detail: "source and destination families differ"))
            }
            return .deleteAll(source: s, destination: d, type: t)
        case .flush(let t):
            return .send([.flushSA(proto: XFRMStateMapping.flushProtocol(t))])
        case .spdAdd(let p): return policyPlan(p, update: false)
        case .spdUpdate(let p): return policyPlan(p, update: true)
        case .spdDelete(let id):
            if id.direction == .any {
                return .refuse(.kernelRejected(.invalidArgument, detail: "a policy needs a direction (in, out or fwd)"))
            }
            return .send([.policyIdentity(.deletePolicy, XFRMPolicyMapping.identity(id), context: id.securityContext)])
        case .spdFlush:
            return .send([.flushPolicy])
        }
    }

    private static func saPlan(_ sa: SecurityAssociation, update: Bool) -> XFRMPlan {
        if let refusal = XFRMStateMapping.refusal(for: sa) { return .refuse(refusal) }
        do {
            return .send([try saRequest(sa, update: update)])
        } catch {
            return .refuse(error)
        }
    }

    /// NEWSA/UPDSA for `sa`.
    /// - Throws: `unsupported` for an algorithm the kernel has no name for.
    static func saRequest(_ sa: SecurityAssociation, update: Bool) throws(BackendError) -> XFRMRequest {
        let algorithms = try XFRMAlgorithmMapping.attributes(for: sa)
        let encap = sa.natTraversal.map(XFRMStateMapping.encapsulation)
        return .newSA(XFRMStateMapping.info(for: sa), algorithms: algorithms, encapsulation: encap,
                      context: sa.securityContext, update: update)
    }

    private static func policyPlan(_ p: SecurityPolicy, update: Bool) -> XFRMPlan {
        if let refusal = XFRMPolicyMapping.refusal(for: p) { return .refuse(refusal) }
        if p.action == .ipsec, p.requests.contains(where: XFRMPolicyMapping.needsGeneratedRequestID) {
            return .policyNeedingRequestIDs(p, update: update)
        }
        return .send([policyRequest(p, update: update, reqids: p.requests.map(\.reqid.rawValue))])
    }

    /// NEWPOLICY/UPDPOLICY for `policy` with the reqid of each request.
    static func policyRequest(_ policy: SecurityPolicy, update: Bool, reqids: [UInt32]) -> XFRMRequest {
        .newPolicy(XFRMPolicyMapping.info(for: policy),
                   templates: XFRMPolicyMapping.templates(for: policy, reqids: reqids),
                   context: policy.securityContext, update: update)
    }

    /// The dump request for `deleteall`: one protocol, one exact source/destination pair.
    static func deleteAllDump(source: IPAddress, destination: IPAddress, type: SAType) -> XFRMRequest {
        var filter = xfrm_address_filter()
        filter.saddr = XFRMAddress.kernel(source)
        filter.daddr = XFRMAddress.kernel(destination)
        filter.family = XFRMAddress.family(source.family)
        filter.splen = source.family.bitWidth
        filter.dplen = destination.family.bitWidth
        return .dumpSA(proto: XFRMStateMapping.flushProtocol(type), filter: filter)
    }
}
