import CXFRM
import SetkeyCore

/// Maps a model SA to `xfrm_usersa_info` and its attributes the way af_key maps setkey's
/// `SADB_ADD` (`pfkey_msg2xfrm_state` in net/key/af_key.c): mode any becomes transport, the
/// replay window is capped at 32 packets, only the three Linux SA flags survive, zero limits
/// mean none, the selector is empty with the SA's family, NAT-T becomes `XFRMA_ENCAP`.
/// Counterpart: `XFRM_MSG_NEWSA`/`XFRM_MSG_UPDSA` payloads.
enum XFRMStateMapping {
    /// The most packets a legacy (non-ESN) replay window holds.
    static let replayWindowMaximum: UInt32 = 32

    /// Checks what af_key would refuse before anything reaches the kernel.
    /// - Returns: the error to report, nil when the SA can be sent.
    static func refusal(for sa: SecurityAssociation) -> BackendError? {
        if sa.source.family != sa.destination.family {
            return .kernelRejected(.invalidArgument, detail: "source and destination families differ")
        }
        switch sa.type {
        case .esp:
            // af_key requires the encryption key extension for ESP (setkey sends one even for -E null).
            if sa.encryption == nil {
                return .kernelRejected(.invalidArgument, detail: "an ESP SA needs an encryption algorithm (-E)")
            }
        case .ah:
            if sa.authentication == nil {
                return .kernelRejected(.invalidArgument, detail: "an AH SA needs an authentication algorithm (-A)")
            }
        case .ipcomp:
            break
        case .unspecified, .tcpSignature:
            return .unsupported("SA type '\(sa.type)' does not exist on Linux", .invalidArgument)
        }
        return nil
    }

    /// The fixed part of NEWSA/UPDSA.
    static func info(for sa: SecurityAssociation) -> xfrm_usersa_info {
        var p = xfrm_usersa_info()
        let family = XFRMAddress.family(sa.destination.family)
        p.sel.family = family
        p.id.daddr = XFRMAddress.kernel(sa.destination)
        p.id.spi = sa.spi.rawValue.bigEndian
        p.id.proto = sa.type.ipProtocol
        p.saddr = XFRMAddress.kernel(sa.source)
        p.lft = XFRMLifetime.configuration(hard: sa.hardLifetime, soft: sa.softLifetime)
        p.reqid = sa.reqid.rawValue
        p.family = family
        p.mode = kernelMode(sa.mode)
        p.replay_window = UInt8(min(sa.replayWindow, replayWindowMaximum))
        p.flags = kernelFlags(sa.flags)
        return p
    }

    /// `pfkey_mode_to_xfrm`: any and transport are transport.
    static func kernelMode(_ mode: IPsecMode) -> UInt8 {
        switch mode {
        case .any, .transport: return XFRM.Mode.transport
        case .tunnel: return XFRM.Mode.tunnel
        case .beet: return XFRM.Mode.beet
        }
    }

    /// The model mode for a kernel mode, nil for modes the model has no word for.
    static func modelMode(_ mode: UInt8) -> IPsecMode? {
        switch mode {
        case XFRM.Mode.transport: return .transport
        case XFRM.Mode.tunnel: return .tunnel
        case XFRM.Mode.beet: return .beet
        default: return nil
        }
    }

    /// Only NOECN, DECAP_DSCP and NOPMTUDISC cross af_key; the KAME flags are dropped.
    static func kernelFlags(_ flags: SAFlags) -> UInt8 {
        var out: UInt8 = 0
        if flags.contains(.noECN) { out |= XFRM.StateFlag.noECN }
        if flags.contains(.decapsulateDSCP) { out |= XFRM.StateFlag.decapsulateDSCP }
        if flags.contains(.noPMTUDiscovery) { out |= XFRM.StateFlag.noPMTUDiscovery }
        return out
    }

    /// The flags af_key reports for kernel flags (`sadb_sa_flags`).
    static func modelFlags(_ flags: UInt8) -> SAFlags {
        var out: SAFlags = []
        if flags & XFRM.StateFlag.noECN != 0 { out.insert(.noECN) }
        if flags & XFRM.StateFlag.decapsulateDSCP != 0 { out.insert(.decapsulateDSCP) }
        if flags & XFRM.StateFlag.noPMTUDiscovery != 0 { out.insert(.noPMTUDiscovery) }
        return out
    }

    /// `XFRMA_ENCAP` for an `esp-udp` SA (ports in network order).
    static func encapsulation(_ nat: NATTraversal) -> xfrm_encap_tmpl {
        var e = xfrm_encap_tmpl()
        e.encap_type = UInt16(nat.type)
        e.encap_sport = nat.sourcePort.bigEndian
        e.encap_dport = nat.destinationPort.bigEndian
        if let oa = nat.originalAddress { e.encap_oa = XFRMAddress.kernel(oa) }
        return e
    }

    /// The identity of an SA for GETSA/DELSA (destination, SPI, protocol, family).
    static func identity(_ id: SAIdentity) -> xfrm_usersa_id {
        var p = xfrm_usersa_id()
        p.daddr = XFRMAddress.kernel(id.destination)
        p.spi = id.spi.rawValue.bigEndian
        p.family = XFRMAddress.family(id.destination.family)
        p.proto = id.type.ipProtocol
        return p
    }

    /// The protocol FLUSHSA and filtered dumps take: `IPSEC_PROTO_ANY` for all types.
    static func flushProtocol(_ type: SAType) -> UInt8 {
        type == .unspecified ? XFRM.anyIPsecProtocol : type.ipProtocol
    }
}
