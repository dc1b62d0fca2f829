import SetkeyCore

/// The checks a kernel makes before it installs an SA (Linux `pfkey_msg2xfrm_state` and
/// `xfrm_init_state`, BSD `key_setsaval`/`key_mature`), with the errno each failure gets.
struct SAValidator {
    let algorithms: AlgorithmSupport
    var linux: Bool { algorithms.personality == .linux }

    /// The first problem with `sa`, nil when a kernel would take it.
    func check(_ sa: SecurityAssociation) -> EngineFailure? {
        if let f = checkTypeAndAddresses(sa) { return f }
        if let f = checkSPI(sa) { return f }
        if let f = checkAlgorithmKinds(sa) { return f }
        if let a = sa.encryption, let f = algorithms.check(a) { return f }
        if let a = sa.authentication, let f = algorithms.check(a) { return f }
        if let a = sa.compression, let f = algorithms.check(a) { return f }
        if sa.securityContext != nil && !linux {
            return .invalid("security contexts (-ctx) are a Linux feature")
        }
        if sa.natTraversal != nil && sa.type != .esp {
            return .invalid("NAT traversal (esp-udp) is only for ESP SAs")
        }
        if linux {
            let hard = !sa.hardLifetime.isZero
            let soft = !sa.softLifetime.isZero
            if hard != soft {
                return .invalid("Linux needs both a hard and a soft lifetime, or neither (-lh/-bh with -ls/-bs)")
            }
        }
        return nil
    }

    private func checkTypeAndAddresses(_ sa: SecurityAssociation) -> EngineFailure? {
        switch sa.type {
        case .esp, .ah, .ipcomp: break
        case .tcpSignature:
            if linux { return .invalid("TCP-MD5 SAs (tcp) do not exist on Linux") }
        case .unspecified:
            return .invalid("an SA needs a protocol (esp, ah, ipcomp)")
        }
        if sa.source.family != sa.destination.family {
            return .invalid("source and destination addresses are of different families")
        }
        return nil
    }

    private func checkSPI(_ sa: SecurityAssociation) -> EngineFailure? {
        let spi = sa.spi.rawValue
        if sa.type == .ipcomp {
            if spi > 0xffff { return .invalid("CPI \(spi) does not fit 16 bits") }
            if spi < 256 && !sa.flags.contains(.rawCPI) {
                return .invalid("CPI \(spi) is reserved (0-255 are well-known CPIs; use -R to request one)")
            }
            return nil
        }
        if sa.spi.isReserved {
            return .invalid("SPI \(spi) is reserved (0-255; RFC 4303 keeps 1-255 for IANA, 0 means no SA)")
        }
        return nil
    }

    private func checkAlgorithmKinds(_ sa: SecurityAssociation) -> EngineFailure? {
        switch sa.type {
        case .esp:
            guard let e = sa.encryption else { return .invalid("ESP needs an encryption algorithm (-E)") }
            if sa.compression != nil { return .invalid("ESP SAs take no compression algorithm (-C)") }
            if algorithms.isAEAD(e.id), sa.authentication != nil {
                return .invalid("\(algorithms.name(e.id)) authenticates by itself; -A is not allowed with it")
            }
        case .ah:
            if sa.authentication == nil { return .invalid("AH needs an authentication algorithm (-A)") }
            if sa.encryption != nil || sa.compression != nil {
                return .invalid("AH SAs take only an authentication algorithm (-A)")
            }
        case .ipcomp:
            if sa.compression == nil { return .invalid("IPComp needs a compression algorithm (-C)") }
            if sa.encryption != nil || sa.authentication != nil {
                return .invalid("IPComp SAs take only a compression algorithm (-C)")
            }
        case .tcpSignature:
            if sa.authentication == nil { return .invalid("TCP-MD5 SAs need -A tcp-md5") }
            if sa.encryption != nil || sa.compression != nil { return .invalid("TCP-MD5 SAs take only -A tcp-md5") }
        case .unspecified:
            break
        }
        return nil
    }
}
