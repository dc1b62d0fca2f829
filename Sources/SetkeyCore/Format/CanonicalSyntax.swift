/// How key material appears in printed statements.
public enum KeyDisplay: Sendable, Hashable {
    /// `0x0011...`.
    case show
    /// `<redacted N bytes>` (not parseable on purpose).
    case redacted
}

/// Prints statements and requests in canonical setkey syntax: one statement per line, only
/// non-default options, hex SPIs and keys. Parsing the text gives the same statement back
/// (keys shown). The record backend writes this; `-n` prints it.
public enum CanonicalSyntax {
    /// The statement as one line ending in `;`.
    public static func text(of statement: Statement, keys: KeyDisplay = .show) -> String {
        switch statement {
        case .add(let sa): return "add " + saBody(sa, keys: keys) + ";"
        case .update(let sa): return "update " + saBody(sa, keys: keys) + ";"
        case .get(let id): return "get " + identity(id) + ";"
        case .delete(let id): return "delete " + identity(id) + ";"
        case .deleteAll(let s, let d, let t):
            return t == .unspecified ? "deleteall \(s) \(d);" : "deleteall \(s) \(d) \(t.keyword);"
        case .flush(let t): return t == .unspecified ? "flush;" : "flush \(t.keyword);"
        case .dump(let t): return t == .unspecified ? "dump;" : "dump \(t.keyword);"
        case .spdAdd(let p): return "spdadd " + policyBody(p) + ";"
        case .spdUpdate(let p): return "spdupdate " + policyBody(p) + ";"
        case .spdDelete(let p):
            // a bare direction parses as a `discard` policy without requests: print it bare
            if p.action == .discard && p.priority == nil && p.requests.isEmpty && p.tag == nil {
                return text(of: Mutation.spdDelete(p.identity))
            }
            return "spddelete " + policyBody(p) + ";"
        case .spdFlush: return "spdflush;"
        case .spdDump: return "spddump;"
        case .exit: return "exit;"
        }
    }

    /// The mutation as the statement that asks for it.
    public static func text(of mutation: Mutation, keys: KeyDisplay = .show) -> String {
        switch mutation {
        case .add(let sa): return text(of: Statement.add(sa), keys: keys)
        case .update(let sa): return text(of: Statement.update(sa), keys: keys)
        case .delete(let id): return text(of: Statement.delete(id), keys: keys)
        case .deleteAll(let s, let d, let t): return text(of: Statement.deleteAll(source: s, destination: d, type: t))
        case .flush(let t): return text(of: Statement.flush(t))
        case .spdAdd(let p): return text(of: Statement.spdAdd(p))
        case .spdUpdate(let p): return text(of: Statement.spdUpdate(p))
        case .spdDelete(let id):
            return "spddelete " + selector(id.selector) + context(id.securityContext) + " -P \(id.direction.keyword);"
        case .spdFlush: return "spdflush;"
        }
    }

    static func address(_ a: IPAddress, port: UInt16) -> String {
        port == 0 ? a.description : "\(a)[\(port)]"
    }

    static func identity(_ id: SAIdentity) -> String {
        "\(address(id.source, port: id.sourcePort)) \(address(id.destination, port: id.destinationPort)) "
            + "\(id.type.keyword) 0x\(String(id.spi.rawValue, radix: 16)) "
    }

    static func saBody(_ sa: SecurityAssociation, keys: KeyDisplay) -> String {
        var out = ""
        var protocolWord = sa.type.keyword
        if sa.flags.contains(.old) { protocolWord += "-old" }
        if let natt = sa.natTraversal, sa.type == .esp {
            // the NAT ports are the ports written after the addresses, 4500 when none is
            out += "\(address(sa.source, port: natPort(sa.sourcePort, natt.sourcePort))) "
                + "\(address(sa.destination, port: natPort(sa.destinationPort, natt.destinationPort))) esp-udp"
            if let oa = natt.originalAddress { out += " \(oa)" }
        } else {
            out += "\(address(sa.source, port: sa.sourcePort)) \(address(sa.destination, port: sa.destinationPort)) \(protocolWord)"
        }
        out += " 0x\(String(sa.spi.rawValue, radix: 16))"
        if sa.mode != .any { out += " -m \(sa.mode.keyword)" }
        if sa.reqid != .none { out += " -u \(sa.reqid.rawValue)" }
        if sa.replayWindow != 0 { out += " -r \(sa.replayWindow)" }
        if !sa.flags.contains(.cyclicSequence) { out += " -f nocyclic-seq" }
        if sa.flags.contains(.randomPadding) { out += " -f random-pad" }
        if sa.flags.contains(.zeroPadding) { out += " -f zero-pad" }
        if sa.hardLifetime.addTime != 0 { out += " -lh \(sa.hardLifetime.addTime)" }
        if sa.softLifetime.addTime != 0 { out += " -ls \(sa.softLifetime.addTime)" }
        if sa.hardLifetime.bytes != 0 { out += " -bh \(sa.hardLifetime.bytes)" }
        if sa.softLifetime.bytes != 0 { out += " -bs \(sa.softLifetime.bytes)" }
        if let ctx = sa.securityContext { out += " -ctx \(ctx.doi) \(ctx.algorithm) \"\(ctx.context)\"" }
        if let e = sa.encryption {
            out += " -E \(algorithmName(e.id, flags: sa.flags))" + key(e, keys: keys)
        }
        if let a = sa.authentication {
            out += " -A \(algorithmName(a.id, flags: []))" + key(a, keys: keys)
        }
        if let c = sa.compression {
            out += " -C \(algorithmName(c.id, flags: []))"
            if sa.flags.contains(.rawCPI) { out += " -R" }
        }
        return out + " "
    }

    /// The port to write after an `esp-udp` address: the one written (`written`), else the
    /// NAT port when it is not the default that an omitted port means.
    static func natPort(_ written: UInt16, _ nat: UInt16) -> UInt16 {
        written != 0 ? written : (nat == NATTraversal.defaultPort ? 0 : nat)
    }

    static func algorithmName(_ id: AlgorithmID, flags: SAFlags) -> String {
        if id.kind == .encryption, id.number == 2 {
            if flags.contains(.derivedIV) { return "des-deriv" }
            if flags.contains(.iv4Bytes) { return "des-32iv" }
        }
        if let name = AlgorithmCatalogue.descriptor(for: id)?.names.first { return name }
        // ids that clash across platforms (15): the row that has a name
        for d in AlgorithmCatalogue.descriptors where d.id == id && !d.names.isEmpty { return d.names[0] }
        return "\(id.number)"
    }

    static func key(_ alg: KeyedAlgorithm, keys: KeyDisplay) -> String {
        guard let d = AlgorithmCatalogue.descriptor(for: alg.id), !(d.isKeyless && alg.key.isEmpty) else {
            return alg.key.isEmpty ? "" : keyText(alg.key, keys: keys)
        }
        return keyText(alg.key, keys: keys)
    }

    static func keyText(_ k: SAKey, keys: KeyDisplay) -> String {
        switch keys {
        case .show: return k.isEmpty ? " \"\"" : " 0x" + k.hex
        case .redacted: return " <redacted \(k.count) bytes>"
        }
    }

    static func prefix(_ p: IPPrefix, port: UInt16, showPort: Bool) -> String {
        var s = p.description
        if showPort && port != 0 { s += "[\(port)]" }
        return s
    }

    static func upperLayerName(_ u: UpperLayerProtocol) -> String {
        switch u.rawValue {
        case 255: return "any"
        case 6: return "tcp"
        case 17: return "udp"
        case 1: return "icmp"
        case 58: return "icmp6"
        case 47: return "gre"
        default: return "\(u.rawValue)"
        }
    }

    static func selector(_ s: PolicySelector) -> String {
        let typeCode = s.upperLayer.portsAreTypeAndCode || s.upperLayer == .gre
        var out = prefix(s.source, port: s.sourcePort, showPort: !typeCode) + " "
            + prefix(s.destination, port: s.destinationPort, showPort: !typeCode) + " "
            + upperLayerName(s.upperLayer)
        if s.upperLayer.portsAreTypeAndCode, s.sourcePort != 0 || s.destinationPort != 0 {
            out += " \(s.sourcePort),\(s.destinationPort)"
        } else if s.upperLayer == .gre, s.sourcePort != 0 || s.destinationPort != 0 {
            out += " \(UInt32(s.sourcePort) << 16 | UInt32(s.destinationPort))"
        }
        return out
    }

    static func context(_ ctx: SecurityContext?) -> String {
        guard let ctx else { return "" }
        return " -ctx \(ctx.doi) \(ctx.algorithm) \"\(ctx.context)\""
    }

    /// The policy text after `-P` (`out prio def + 10 ipsec esp/transport//require`).
    public static func policyText(_ p: SecurityPolicy) -> String {
        var out = p.direction.keyword
        if let prio = p.priority { out += " \(prio)" }
        out += " \(p.action.keyword)"
        if p.action == .ipsec {
            for r in p.requests { out += " " + request(r) }
        }
        return out
    }

    static func request(_ r: IPsecRequest) -> String {
        var out = "\(r.proto.keyword)/\(r.mode.keyword)/"
        if let e = r.endpoints {
            out += "\(address(e.source, port: e.sourcePort))-\(address(e.destination, port: e.destinationPort))"
        }
        out += "/\(r.level.keyword)"
        if r.level == .unique, r.reqid != .none { out += ":\(r.reqid.rawValue)" }
        return out
    }

    static func policyBody(_ p: SecurityPolicy) -> String {
        if let tag = p.tag { return "tagged \"\(tag)\" -P " + policyText(p) }
        return selector(p.selector) + context(p.securityContext) + " -P " + policyText(p)
    }
}
