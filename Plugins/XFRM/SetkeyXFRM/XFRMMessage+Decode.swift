import CXFRM
import SetkeyCore

/// Decoders of the messages the kernel sends, into the model as setkey on Linux would show
/// it (through af_key's `__pfkey_xfrm_state2msg` and `pfkey_xfrm_policy2msg`).
/// Counterpart: `copy_to_user_state_extra`, `dump_one_policy` in net/xfrm/xfrm_user.c.
enum XFRMDecoder {
    /// An algorithm attribute: name (NUL-terminated in 64 bytes), key length in bits, the
    /// ICV/truncation length when `hasLength`, then the key, all inside the attribute.
    static func algorithm(_ payload: UnsafeRawBufferPointer, hasLength: Bool,
                          kind: AlgorithmKind) throws(BackendError) -> KeyedAlgorithm {
        let nameSize = Int(CXFRM_ALGO_NAME_SIZE)
        let nameBytes = payload[0..<nameSize]
        let nameEnd = nameBytes.firstIndex(of: 0) ?? nameSize
        let name = String(decoding: payload[0..<nameEnd], as: UTF8.self)
        let bits = Int(payload.loadUnaligned(fromByteOffset: nameSize, as: UInt32.self))
        let icv: UInt32? = hasLength ? payload.loadUnaligned(fromByteOffset: nameSize + 4, as: UInt32.self) : nil
        let keyStart = nameSize + (hasLength ? 8 : 4)
        let keyBytes = (bits + 7) / 8
        guard keyBytes <= payload.count - keyStart else {
            throw .malformedReply("\(name): a \(bits)-bit key overruns its \(payload.count)-byte attribute")
        }
        let key = SAKey(UnsafeRawBufferPointer(rebasing: payload[keyStart..<(keyStart + keyBytes)]))
        return XFRMAlgorithmMapping.model(kind: kind, name: name, key: key, icvBits: icv)
    }

    /// An SA from NEWSA/UPDSA/dump payloads. Nil for states setkey cannot show (not ESP, AH
    /// or IPComp; an unknown family or mode).
    static func securityAssociation(_ p: xfrm_usersa_info, _ attrs: XFRMAttributes,
                                    now: UInt64) throws(BackendError) -> SecurityAssociation? {
        guard let type = SAType(ipProtocol: p.id.proto), type != .tcpSignature,
              let family = XFRMAddress.family(kernel: p.family),
              let mode = XFRMStateMapping.modelMode(p.mode) else { return nil }
        var sa = SecurityAssociation(source: XFRMAddress.model(p.saddr, family: family),
                                     destination: XFRMAddress.model(p.id.daddr, family: family),
                                     type: type, spi: SPI(UInt32(bigEndian: p.id.spi)))
        sa.mode = mode
        sa.reqid = RequestID(p.reqid)
        sa.replayWindow = UInt32(p.replay_window)
        sa.flags = XFRMStateMapping.modelFlags(p.flags)
        sa.hardLifetime = XFRMLifetime.hard(p.lft)
        sa.softLifetime = XFRMLifetime.soft(p.lft)
        try attachAlgorithms(&sa, attrs)
        if let e = attrs.encapsulation { sa.natTraversal = try natTraversal(e, family: family) }
        if let c = attrs.securityContext { sa.securityContext = try XFRMSecurityContext.decode(c) }
        let hasAlgorithm = sa.encryption != nil || sa.authentication != nil || sa.compression != nil
        let state: SAState = !hasAlgorithm ? .larval
            : XFRMLifetime.softLimitReached(p.lft, p.curlft, now: now) ? .dying : .mature
        sa.reported = ReportedSAState(state: state, current: XFRMLifetime.current(p.curlft))
        return sa
    }

    private static func attachAlgorithms(_ sa: inout SecurityAssociation, _ a: XFRMAttributes) throws(BackendError) {
        if let aead = a.aead {
            sa.encryption = try algorithm(aead, hasLength: true, kind: .encryption)
        } else if let crypt = a.encryption {
            sa.encryption = try algorithm(crypt, hasLength: false, kind: .encryption)
        }
        if let trunc = a.truncatedAuthentication {
            sa.authentication = try algorithm(trunc, hasLength: true, kind: .authentication)
        } else if let auth = a.authentication {
            sa.authentication = try algorithm(auth, hasLength: false, kind: .authentication)
        }
        if let comp = a.compression {
            sa.compression = try algorithm(comp, hasLength: false, kind: .compression)
        }
    }

    private static func natTraversal(_ payload: UnsafeRawBufferPointer,
                                     family: AddressFamily) throws(BackendError) -> NATTraversal? {
        let e = payload.loadStruct(fromByteOffset: 0, as: xfrm_encap_tmpl.self)
        guard e.encap_type != 0 else { return nil }
        guard let type = UInt8(exactly: e.encap_type) else {
            throw .malformedReply("XFRMA_ENCAP type \(e.encap_type) out of range")
        }
        let oa = XFRMAddress.isZero(e.encap_oa) ? nil : XFRMAddress.model(e.encap_oa, family: family)
        return NATTraversal(type: type, sourcePort: UInt16(bigEndian: e.encap_sport),
                            destinationPort: UInt16(bigEndian: e.encap_dport), originalAddress: oa)
    }
}
