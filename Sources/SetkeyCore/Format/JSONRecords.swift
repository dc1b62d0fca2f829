/// Writes SAs, policies and their parts as the JSON objects of schema `setkey/1`
/// (`Schemas/setkey-output-v1.schema.json`, described in `Docs/json-output.md`).
///
/// Counterpart: the information of `pfkey_sadump()` / `pfkey_spdump()`, as named JSON fields.
struct JSONRecords {
    let options: FormatOptions

    /// The SA object (`$defs/sa`).
    func write(_ sa: SecurityAssociation, to w: inout JSONWriter) {
        w.beginObject()
        w.field("source", address: sa.source)
        w.field("destination", address: sa.destination)
        w.field("sourcePort", sa.sourcePort)
        w.field("destinationPort", sa.destinationPort)
        w.field("protocol", sa.type.keyword)
        w.field("spi", sa.spi.rawValue)
        w.key("spiHex")
        w.rawString { b in
            b.append("0x")
            b.appendHex(UInt64(sa.spi.rawValue), width: 8)
        }
        w.field("mode", sa.mode.keyword)
        w.field("reqid", sa.reqid.rawValue)
        w.field("replayWindow", sa.replayWindow)
        w.key("flags")
        writeFlags(sa.flags, to: &w)
        w.field("state", sa.state.keyword)
        if let e = sa.encryption { w.key("encryption"); writeAlgorithm(e, withKey: true, to: &w) }
        if let a = sa.authentication { w.key("authentication"); writeAlgorithm(a, withKey: true, to: &w) }
        if let c = sa.compression { w.key("compression"); writeAlgorithm(c, withKey: false, to: &w) }
        if let natt = sa.natTraversal { w.key("natTraversal"); writeNATT(natt, to: &w) }
        w.key("lifetimes")
        writeLifetimes(sa, to: &w)
        w.field("sequence", sa.reported?.sequence ?? 0)
        w.field("referenceCount", sa.reported?.referenceCount ?? 0)
        if let seq = sa.reported?.messageSequence { w.field("dumpSequence", seq) }
        if let pid = sa.reported?.messagePID { w.field("pid", pid) }
        if let ctx = sa.securityContext { w.key("securityContext"); writeContext(ctx, to: &w) }
        w.endObject()
    }

    /// The policy object (`$defs/policy`).
    func write(_ policy: SecurityPolicy, to w: inout JSONWriter) {
        w.beginObject()
        w.key("selector")
        writeSelector(policy.selector, to: &w)
        w.field("direction", policy.direction.keyword)
        w.field("action", policy.action.keyword)
        if let p = policy.priority {
            w.key("priority")
            w.beginObject()
            w.field("value", p.rawValue)
            if p.rawValue != 0 { w.field("text", p.description) }
            w.endObject()
        }
        w.key("requests")
        w.beginArray()
        for r in policy.requests { writeRequest(r, to: &w) }
        w.endArray()
        let reported = policy.reported
        w.field("id", reported?.id ?? 0)
        w.field("perSocket", reported?.isPerSocket ?? false)
        w.field("scope", (reported?.scope ?? .global).keyword)
        if let name = reported?.interfaceName { w.field("interface", name) }
        w.key("created")
        writeTime(reported?.created ?? 0, to: &w)
        w.key("lastUsed")
        writeTime(reported?.lastUsed ?? 0, to: &w)
        if let reported, reported.hasLifetimes {
            w.key("lifetime")
            w.beginObject()
            w.field("seconds", reported.hardLifetime.addTime)
            w.field("validSeconds", reported.hardLifetime.useTime)
            w.endObject()
        }
        w.field("referenceCount", reported?.referenceCount ?? 0)
        if let seq = reported?.messageSequence { w.field("dumpSequence", seq) }
        if let pid = reported?.messagePID { w.field("pid", pid) }
        if let tag = policy.tag { w.field("tag", tag) }
        if let ctx = policy.securityContext { w.key("securityContext"); writeContext(ctx, to: &w) }
        w.endObject()
    }

    /// `{"epochSeconds": N, "rfc3339": "..."}`, or `null` for 0 ("never", "unknown").
    func writeTime(_ t: UInt64, to w: inout JSONWriter) {
        guard t != 0 else { w.null(); return }
        writeTime(Int64(bitPattern: t), microseconds: nil, to: &w)
    }

    /// A time object with optional microseconds (monitor events); `rfc3339` is null for a
    /// year RFC 3339 cannot write.
    func writeTime(_ t: Int64, microseconds: Int32?, to w: inout JSONWriter) {
        w.beginObject()
        w.key("epochSeconds")
        w.number(t)
        if let microseconds {
            w.key("microseconds")
            w.number(Int64(microseconds))
        }
        w.key("rfc3339")
        var text = TextBuffer(capacity: 32)
        if TimeText.appendRFC3339(t, microseconds: microseconds, to: &text) {
            w.rawString { $0.append(contentsOf: text.bytes) }
        } else {
            w.null()
        }
        w.endObject()
    }

    private func writeFlags(_ flags: SAFlags, to w: inout JSONWriter) {
        w.beginObject()
        w.field("value", flags.rawValue)
        w.key("names")
        w.beginArray()
        for (flag, name) in Self.flagNames where flags.contains(flag) { w.string(name) }
        w.endArray()
        w.endObject()
    }

    static let flagNames: [(SAFlags, String)] = [
        (.old, "old"), (.iv4Bytes, "iv4"), (.derivedIV, "derived-iv"), (.cyclicSequence, "cyclic-sequence"),
        (.rawCPI, "raw-cpi"), (.randomPadding, "random-padding"), (.zeroPadding, "zero-padding"),
        (.extendedSequenceNumbers, "esn"), (.noPMTUDiscovery, "no-pmtu-discovery"),
        (.decapsulateDSCP, "decap-dscp"), (.noECN, "no-ecn"),
    ]

    private func writeAlgorithm(_ alg: KeyedAlgorithm, withKey: Bool, to w: inout JSONWriter) {
        let names = DumpNames.jsonNames(alg.id, personality: options.personality)
        w.beginObject()
        w.key("name")
        if let name = names.name { w.string(name) } else { w.null() }
        w.field("id", alg.id.number)
        if let kernel = alg.kernelName ?? names.kernel { w.field("kernelName", kernel) }
        if let icv = alg.icvBits { w.field("icvBits", icv) }
        if withKey {
            w.field("keyBits", UInt64(alg.key.bitCount))
            w.key("key")
            writeKey(alg.key, to: &w)
        }
        w.endObject()
    }

    /// Lower-case hex, or `{"redacted": true, "bytes": N}` with `--nokeys`.
    private func writeKey(_ key: SAKey, to w: inout JSONWriter) {
        switch options.keys {
        case .show:
            w.rawString { b in
                key.withUnsafeBytes { raw in
                    for byte in raw { b.appendHexByte(byte) }
                }
            }
        case .redacted:
            w.beginObject()
            w.field("redacted", true)
            w.field("bytes", UInt64(key.count))
            w.endObject()
        }
    }

    private func writeNATT(_ natt: NATTraversal, to w: inout JSONWriter) {
        w.beginObject()
        w.field("encapsulationType", natt.type)
        w.field("sourcePort", natt.sourcePort)
        w.field("destinationPort", natt.destinationPort)
        if let oa = natt.originalAddress { w.field("originalAddress", address: oa) }
        if let oar = natt.originalResponderAddress { w.field("originalResponderAddress", address: oar) }
        if natt.fragmentSize != 0 { w.field("fragmentSize", natt.fragmentSize) }
        w.endObject()
    }

    private func writeLifetimes(_ sa: SecurityAssociation, to w: inout JSONWriter) {
        w.beginObject()
        w.key("hard")
        writeLimits(sa.hardLifetime, to: &w)
        w.key("soft")
        writeLimits(sa.softLifetime, to: &w)
        if let current = sa.reported?.current {
            w.key("current")
            w.beginObject()
            w.key("created")
            writeTime(current.addTime, to: &w)
            w.key("firstUsed")
            writeTime(current.useTime, to: &w)
            w.field("bytes", current.bytes)
            w.field("allocations", current.allocations)
            w.endObject()
        }
        w.endObject()
    }

    private func writeLimits(_ l: Lifetime, to w: inout JSONWriter) {
        w.beginObject()
        w.field("secondsSinceCreation", l.addTime)
        w.field("secondsSinceFirstUse", l.useTime)
        w.field("bytes", l.bytes)
        w.field("allocations", l.allocations)
        w.endObject()
    }

    private func writeContext(_ ctx: SecurityContext, to w: inout JSONWriter) {
        w.beginObject()
        w.field("doi", ctx.doi)
        w.field("algorithm", ctx.algorithm)
        w.field("context", ctx.context)
        w.endObject()
    }

    private func writeSelector(_ s: PolicySelector, to w: inout JSONWriter) {
        w.beginObject()
        w.field("source", prefix: s.source)
        w.field("destination", prefix: s.destination)
        w.field("sourcePort", s.sourcePort)
        w.field("destinationPort", s.destinationPort)
        w.key("upperLayer")
        w.beginObject()
        w.key("name")
        if let name = Self.upperLayerName(s.upperLayer) { w.string(name) } else { w.null() }
        w.field("number", s.upperLayer.rawValue)
        w.endObject()
        if s.upperLayer.portsAreTypeAndCode {
            w.field("icmpType", s.sourcePort)
            w.field("icmpCode", s.destinationPort)
        } else if s.upperLayer == .gre {
            w.field("greKey", UInt32(s.sourcePort) << 16 + UInt32(s.destinationPort))
        }
        w.endObject()
    }

    private func writeRequest(_ r: IPsecRequest, to w: inout JSONWriter) {
        w.beginObject()
        w.field("protocol", r.proto.keyword)
        w.field("mode", r.mode.keyword)
        if let e = r.endpoints {
            w.key("tunnel")
            w.beginObject()
            w.field("source", address: e.source)
            w.field("destination", address: e.destination)
            w.field("sourcePort", e.sourcePort)
            w.field("destinationPort", e.destinationPort)
            w.endObject()
        }
        w.field("level", r.level.keyword)
        w.field("reqid", r.reqid.rawValue)
        w.endObject()
    }

    /// The setkey keyword for an upper-layer protocol: `any`, `icmp6`, else the protocol
    /// database name; nil when there is none.
    static func upperLayerName(_ u: UpperLayerProtocol) -> String? {
        switch u.rawValue {
        case 255: return "any"
        case 58: return "icmp6"
        default: return ProtocolDatabase.netbase(u.rawValue)
        }
    }
}

extension JSONWriter {
    /// `"name":"192.0.2.1"` (addresses need no escaping).
    mutating func field(_ name: StaticString, address: IPAddress) {
        key(name)
        rawString { $0.appendAddress(address) }
    }

    /// `"name":"10.0.0.0/24"`, always with the length.
    mutating func field(_ name: StaticString, prefix: IPPrefix) {
        key(name)
        rawString { b in
            b.appendAddress(prefix.address)
            b.append(byte: UInt8(ascii: "/"))
            b.appendDecimal(prefix.length)
        }
    }
}
