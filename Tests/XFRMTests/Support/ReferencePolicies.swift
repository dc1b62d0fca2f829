import SetkeyCore

/// The reference inputs of shared/reference/setkey-ipsec-tools-0.9.1/input as model values
/// (the parser is not part of these tests).
enum ReferencePolicies {
    private static func req(_ proto: RequestProtocol, _ mode: IPsecMode, _ level: IPsecLevel, reqid: UInt32 = 0,
                            _ ends: (String, String)? = nil) -> IPsecRequest {
        IPsecRequest(proto: proto, mode: mode,
                     endpoints: ends.map { TunnelEndpoints(source: Make.address($0.0), destination: Make.address($0.1)) },
                     level: level, reqid: RequestID(reqid))
    }

    /// spd-variety.conf in order, each `in` policy followed by its RFC-mode `fwd` copy (the
    /// executor's job; a first `unique` request becomes `require` with reqid 0 in the copy).
    static let spdVariety: [SecurityPolicy] = {
        let written: [SecurityPolicy] = [
            Make.policy("10.0.0.1", "10.0.0.2", .outbound, requests: [req(.esp, .transport, .require)]),
            Make.policy("10.0.0.2", "10.0.0.1", .inbound, requests: [req(.esp, .transport, .require)]),
            Make.policy("10.0.1.0/24", "10.0.2.0/24", .outbound,
                        requests: [req(.ah, .tunnel, .require, ("172.16.0.1", "172.16.0.2"))]),
            Make.policy("10.0.2.0/24", "10.0.1.0/24", .forward,
                        requests: [req(.esp, .tunnel, .unique, reqid: 42, ("172.16.0.2", "172.16.0.1"))]),
            Make.policy("192.168.1.0/24", "192.168.2.0/24", .outbound, upper: .tcp, dport: 80,
                        requests: [req(.esp, .transport, .use), req(.ah, .transport, .require)]),
            Make.policy("192.168.1.1", "192.168.2.2", .outbound, action: .none, upper: .udp, sport: 1234, dport: 53,
                        priority: PolicyPriority(0x8000_0000 - 100)),
            Make.policy("192.168.1.1", "192.168.2.2", .inbound, action: .discard, upper: .icmp,
                        priority: PolicyPriority(0x8000_0000 - 10)),
            Make.policy("0.0.0.0/0", "0.0.0.0/0", .outbound, priority: .low, requests: [req(.esp, .transport, .use)]),
            Make.policy("fec0::/64", "fec0:0:0:1::/64", .outbound, upper: .tcp, dport: 110,
                        requests: [req(.esp, .tunnel, .require, ("fec0::1", "fec0:0:0:1::1")),
                                   req(.ah, .transport, .require)]),
            Make.policy("fec0::1", "fec0::2", .outbound, action: .none, upper: .icmpv6, sport: 135, dport: 0),
            Make.policy("fec0::1", "fec0::2", .inbound,
                        requests: [req(.ipcomp, .transport, .use), req(.esp, .transport, .require)]),
        ]
        var out = [SecurityPolicy]()
        for p in written {
            out.append(p)
            if p.direction == .inbound {
                var fwd = p
                fwd.direction = .forward
                if let first = fwd.requests.first, first.level == .unique {
                    fwd.requests[0].level = .require
                    fwd.requests[0].reqid = .none
                }
                out.append(fwd)
            }
        }
        return out
    }()
}
