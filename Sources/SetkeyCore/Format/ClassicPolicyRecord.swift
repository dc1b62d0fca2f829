/// Writes one policy the way `setkey -DP` prints it, byte for byte, in the wording of
/// ipsec-tools on Linux, on NetBSD, or of FreeBSD's setkey (reference 4.2).
///
/// Counterpart: `pfkey_spdump()` in libipsec's `pfkey_dump.c` and `ipsec_dump_policy()`
/// (with the `"\n\t"` delimiter).
struct ClassicPolicyRecord {
    let options: FormatOptions

    /// Appends the record of `policy`, printing `sequence` and `pid` in its `spid=` line.
    func append(_ policy: SecurityPolicy, sequence: UInt32, pid: UInt32, times: inout TimeText,
                to out: inout TextBuffer) {
        let flavour = options.personality
        let reported = policy.reported
        appendSelector(policy, to: &out)
        out.append("\n\t")
        appendPolicyText(policy, to: &out)
        out.append(byte: 0x0a)
        if let reported, reported.hasLifetimes {
            out.append("\tcreated: ")
            times.appendClassic(Int64(bitPattern: reported.created), to: &out)
            out.append("  lastused: ")
            times.appendClassic(Int64(bitPattern: reported.lastUsed), to: &out)
            out.append("\n\tlifetime: ")
            out.appendDecimal(reported.hardLifetime.addTime)
            out.append("(s) validtime: ")
            out.appendDecimal(reported.hardLifetime.useTime)
            out.append("(s)\n")
        }
        if flavour != .freebsd, let ctx = policy.securityContext {
            ClassicSecurityContextText.append(ctx, to: &out)
        }
        out.append("\tspid=")
        out.appendDecimal(reported?.id ?? 0)
        out.append(" seq=")
        out.appendDecimal(sequence)
        out.append(" pid=")
        out.appendDecimal(pid)
        if flavour == .freebsd {
            let scope = reported?.scope ?? .global
            out.append(" scope=")
            out.append(scope.keyword)
            out.append(byte: 0x20)
            if scope == .interface, let name = reported?.interfaceName {
                out.append("ifname=")
                out.append(name)
            }
        }
        out.append("\n\trefcnt=")
        out.appendDecimal(reported?.referenceCount ?? 0)
        out.append(byte: 0x0a)
    }

    /// Line 1: `SRC/plen[port] DST/plen[port] upper [type,code]`, or a per-socket / tag marker.
    private func appendSelector(_ policy: SecurityPolicy, to out: inout TextBuffer) {
        let flavour = options.personality
        let perSocket = policy.reported?.isPerSocket == true || policy.reported?.scope == .socket
        if perSocket {
            out.append(flavour == .linux ? "(per-socket policy) " : "(no selector, probably per-socket policy) ")
            return
        }
        if let tag = policy.tag {
            if flavour == .freebsd {
                out.append("(no selector, probably per-socket policy) ")
            } else {
                out.append("tagged \"")
                out.append(tag)
                out.append("\" ")
            }
            return
        }
        let s = policy.selector
        appendPrefix(s.source, port: s.sourcePort, upper: s.upperLayer, to: &out)
        out.append(byte: 0x20)
        appendPrefix(s.destination, port: s.destinationPort, upper: s.upperLayer, to: &out)
        out.append(byte: 0x20)
        out.append(DumpNames.upperLayer(s.upperLayer, personality: flavour))
        appendUpperSpec(s, to: &out)
    }

    /// `str_prefport`: `/plen` unless a full-length prefix, then `[port]`/`[any]` except for
    /// protocols whose "ports" are not ports.
    private func appendPrefix(_ p: IPPrefix, port: UInt16, upper: UpperLayerProtocol, to out: inout TextBuffer) {
        out.appendAddress(p.address)
        if p.length != p.address.family.bitWidth {
            out.append(byte: UInt8(ascii: "/"))
            out.appendDecimal(p.length)
        }
        let noPort = options.personality == .freebsd
            ? upper == .icmpv6
            : upper.portsAreTypeAndCode || upper == .gre
        guard !noPort else { return }
        if port == 0 {
            out.append("[any]")
        } else {
            ClassicSARecord.appendBracketed(port, to: &out)
        }
    }

    /// `str_upperspec`'s tail: ` type,code` for ICMP/ICMPv6/MH (FreeBSD: ICMPv6 only), ` key`
    /// for GRE (not FreeBSD), unless both ports are 0.
    private func appendUpperSpec(_ s: PolicySelector, to out: inout TextBuffer) {
        guard s.sourcePort != 0 || s.destinationPort != 0 else { return }
        let typeCode = options.personality == .freebsd ? s.upperLayer == .icmpv6 : s.upperLayer.portsAreTypeAndCode
        if typeCode {
            out.append(byte: 0x20)
            out.appendDecimal(s.sourcePort)
            out.append(byte: UInt8(ascii: ","))
            out.appendDecimal(s.destinationPort)
        } else if s.upperLayer == .gre && options.personality != .freebsd {
            out.append(byte: 0x20)
            out.appendDecimal(UInt32(s.sourcePort) << 16 + UInt32(s.destinationPort))
        }
    }

    /// `ipsec_dump_policy`: `DIR [prio BUCKET [+|- N]] ACTION` then each request.
    private func appendPolicyText(_ policy: SecurityPolicy, to out: inout TextBuffer) {
        let flavour = options.personality
        out.append(directionWord(policy))
        if flavour == .linux {
            let value = policy.priority ?? .default
            if value.rawValue != 0 {
                let (bucket, offset) = value.bucketAndOffset
                out.append(" prio ")
                out.append(bucket)
                if offset != 0 {
                    out.append(offset > 0 ? " + " : " - ")
                    out.appendDecimal(offset.magnitude)
                }
            }
        }
        out.append(byte: 0x20)
        out.append(policy.action.keyword)
        guard policy.action == .ipsec else { return }
        for r in policy.requests {
            out.append("\n\t")
            appendRequest(r, to: &out)
        }
    }

    /// `in`, `out`, `fwd`, `any`; Linux per-socket policies are `in(socket)`/`out(socket)`.
    private func directionWord(_ policy: SecurityPolicy) -> String {
        if options.personality == .linux, policy.reported?.isPerSocket == true {
            switch policy.direction {
            case .inbound: return "in(socket)"
            case .outbound: return "out(socket)"
            default: break
            }
        }
        return policy.direction.keyword
    }

    /// `proto/mode/src-dst/level[:reqid|#reqid]`.
    private func appendRequest(_ r: IPsecRequest, to out: inout TextBuffer) {
        out.append(r.proto.keyword)
        out.append(byte: UInt8(ascii: "/"))
        out.append(r.mode.keyword)
        out.append(byte: UInt8(ascii: "/"))
        if let e = r.endpoints {
            let withPorts = options.showPorts && options.personality != .freebsd
            out.appendAddress(e.source)
            if withPorts { ClassicSARecord.appendBracketed(e.sourcePort, to: &out) }
            out.append(byte: UInt8(ascii: "-"))
            out.appendAddress(e.destination)
            if withPorts { ClassicSARecord.appendBracketed(e.destinationPort, to: &out) }
        }
        out.append(byte: UInt8(ascii: "/"))
        out.append(r.level.keyword)
        if r.reqid.rawValue != 0 {
            out.append(byte: r.reqid.rawValue > RequestID.maximumManual ? UInt8(ascii: "#") : UInt8(ascii: ":"))
            out.appendDecimal(r.reqid.rawValue)
        }
    }
}
