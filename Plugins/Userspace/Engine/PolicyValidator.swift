import SetkeyCore

/// The checks a kernel makes before it installs a policy (Linux `pfkey_spdadd` /
/// `parse_ipsecrequests`, BSD `key_msg2sp`), with the errno each failure gets.
struct PolicyValidator {
    let linux: Bool

    /// The most requests Linux accepts in one policy (`XFRM_MAX_DEPTH`); more is ELOOP.
    static let linuxMaximumRequests = 6

    /// The first problem with `p`, nil when a kernel would take it.
    func check(_ p: SecurityPolicy) -> EngineFailure? {
        if p.tag != nil { return .invalid("tagged policies are not supported") }
        if p.securityContext != nil && !linux { return .invalid("security contexts (-ctx) are a Linux feature") }
        if let f = checkSelector(p.selector) { return f }
        switch p.direction {
        case .any: return .invalid("a policy needs a direction (in, out or fwd)")
        case .forward where !linux: return .invalid("fwd policies exist only on Linux")
        default: break
        }
        if linux && (p.action == .entrust || p.action == .bypass) {
            return .invalid("Linux has no \(p.action) policies")
        }
        if linux && p.requests.count > Self.linuxMaximumRequests {
            return EngineFailure(.rejected, .tooManyLevels,
                                 detail: "\(p.requests.count) requests; Linux allows at most \(Self.linuxMaximumRequests)")
        }
        for r in p.requests {
            if let f = checkRequest(r) { return f }
        }
        return nil
    }

    private func checkSelector(_ s: PolicySelector) -> EngineFailure? {
        if s.source.family != s.destination.family {
            return .invalid("selector addresses are of different families")
        }
        for prefix in [s.source, s.destination] where prefix.length > prefix.family.bitWidth {
            return .invalid("prefix length \(prefix.length) is longer than \(prefix.family.bitWidth)")
        }
        return nil
    }

    private func checkRequest(_ r: IPsecRequest) -> EngineFailure? {
        if linux && r.proto == .tcp { return .invalid("Linux has no tcp requests") }
        switch r.mode {
        case .transport: break
        case .tunnel:
            guard let e = r.endpoints else { return .invalid("tunnel mode needs endpoint addresses") }
            if e.source.family != e.destination.family {
                return .invalid("tunnel endpoints are of different families")
            }
        case .any, .beet:
            return .invalid("a request's mode must be transport or tunnel")
        }
        return nil
    }
}
