/// Writes one SA the way `setkey -D` (and a `get` reply) prints it, byte for byte, in the
/// wording of ipsec-tools on Linux, on NetBSD, or of FreeBSD's setkey (reference 4.1).
///
/// Which optional lines appear follows what the personality's kernel reports: Linux omits
/// the key extension of a zero-length key (no `E:` line for `-E null`), BSD kernels keep the
/// 0-bit one setkey sends (a name with nothing after it); no kernel has an authentication
/// key for `-A null`, which setkey never sends (no `A:` line); the lifetime block appears when the backend reported the SA's
/// current lifetime (`reported` is set).
///
/// Counterpart: `pfkey_sadump()` / `pfkey_sadump_withports()` in libipsec's `pfkey_dump.c`.
struct ClassicSARecord {
    let options: FormatOptions

    /// Appends the record of `sa`, printing `sequence` and `pid` in its last line.
    func append(_ sa: SecurityAssociation, sequence: UInt32, pid: UInt32, now: Int64,
                times: inout TimeText, to out: inout TextBuffer) {
        let flavour = options.personality
        appendHeader(sa, to: &out)
        appendTypeLine(sa, to: &out)
        appendNATOriginalAddresses(sa, to: &out)
        if sa.type == .ipcomp {
            out.append("\tC: ")
            appendName(DumpNames.algorithm(sa.compression?.id ?? AlgorithmID(.compression, 0),
                                           personality: flavour),
                       number: sa.compression?.id.number ?? 0, to: &out)
        } else if sa.type == .esp, let e = sa.encryption, hasKeyExtension(e) {
            out.append("\tE: ")
            appendName(DumpNames.algorithm(e.id, personality: flavour), number: e.id.number, to: &out)
            ClassicKeyText.append(e.key, display: options.keys, to: &out)
            out.append(byte: 0x0a)
        }
        // setkey sends no KEY_AUTH for a keyless algorithm (`-A null`), so no kernel has one.
        if let a = sa.authentication, !a.key.isEmpty {
            out.append("\tA: ")
            appendName(DumpNames.algorithm(a.id, personality: flavour), number: a.id.number, to: &out)
            ClassicKeyText.append(a.key, display: options.keys, to: &out)
            out.append(byte: 0x0a)
        }
        out.append("\tseq=0x")
        out.appendHex(UInt64(sa.reported?.sequence ?? 0), width: 8)
        out.append(" replay=")
        out.appendDecimal(sa.replayWindow)
        out.append(" flags=0x")
        out.appendHex(UInt64(sa.flags.rawValue), width: 8)
        out.append(" state=")
        out.append(sa.state.keyword)
        out.append(" \n")
        if let reported = sa.reported {
            appendLifetimes(sa, current: reported.current, now: now, times: &times, to: &out)
        }
        if flavour != .freebsd, let ctx = sa.securityContext {
            ClassicSecurityContextText.append(ctx, to: &out)
        }
        out.append("\tsadb_seq=")
        out.appendDecimal(sequence)
        out.append(" pid=")
        out.appendDecimal(pid)
        out.append(" refcnt=")
        out.appendDecimal(sa.reported?.referenceCount ?? 0)
        out.append(byte: 0x0a)
    }

    /// Whether the kernel of this personality would report a key extension for `alg`.
    private func hasKeyExtension(_ alg: KeyedAlgorithm) -> Bool {
        options.personality != .linux || !alg.key.isEmpty
    }

    /// Whether the NAT-T extensions count: ipsec-tools needs a non-zero encapsulation type,
    /// FreeBSD only the type extension.
    private func usesNATT(_ sa: SecurityAssociation) -> Bool {
        guard let natt = sa.natTraversal else { return false }
        return options.personality == .freebsd || natt.type != 0
    }

    /// Line 1: the addresses (`-p` ports, NAT-T ports); a trailing blank except on FreeBSD.
    private func appendHeader(_ sa: SecurityAssociation, to out: inout TextBuffer) {
        let natt = usesNATT(sa) ? sa.natTraversal : nil
        let withPorts = options.showPorts && options.personality != .freebsd
        appendAddress(sa.source, port: withPorts ? sa.sourcePort : nil, natPort: natt?.sourcePort, to: &out)
        out.append(byte: 0x20)
        appendAddress(sa.destination, port: withPorts ? sa.destinationPort : nil, natPort: natt?.destinationPort,
                      to: &out)
        if options.personality != .freebsd { out.append(byte: 0x20) }
        out.append("\n\t")
    }

    private func appendAddress(_ a: IPAddress, port: UInt16?, natPort: UInt16?, to out: inout TextBuffer) {
        out.appendAddress(a)
        if let port { Self.appendBracketed(port, to: &out) }
        if let natPort { Self.appendBracketed(natPort, to: &out) }
    }

    /// `[N]`.
    static func appendBracketed(_ port: UInt16, to out: inout TextBuffer) {
        out.append(byte: UInt8(ascii: "["))
        out.appendDecimal(port)
        out.append(byte: UInt8(ascii: "]"))
    }

    /// Line 2: `esp mode=tunnel spi=4096(0x00001000) reqid=5(0x00000005)`.
    private func appendTypeLine(_ sa: SecurityAssociation, to out: inout TextBuffer) {
        let natt = usesNATT(sa)
        if natt && sa.type == .esp {
            out.append("esp-udp ")
        } else {
            if natt && options.personality != .freebsd { out.append("natt+") }
            out.append(DumpNames.saType(sa.type))
            out.append(byte: 0x20)
        }
        out.append("mode=")
        appendName(DumpNames.mode(sa.mode), number: sa.mode.rawValue, to: &out)
        out.append("spi=")
        appendNumberAndHex(sa.spi.rawValue, to: &out)
        out.append(" reqid=")
        appendNumberAndHex(sa.reqid.rawValue, to: &out)
        out.append(byte: 0x0a)
    }

    /// Line 3: `\tNAT OA=...` (ipsec-tools) or `\tNAT: OAI=... OAR=...` (FreeBSD).
    private func appendNATOriginalAddresses(_ sa: SecurityAssociation, to out: inout TextBuffer) {
        guard usesNATT(sa), let natt = sa.natTraversal else { return }
        if options.personality == .freebsd {
            guard natt.originalAddress != nil || natt.originalResponderAddress != nil else { return }
            out.append("\tNAT:")
            if let oai = natt.originalAddress { out.append(" OAI="); out.appendAddress(oai) }
            if let oar = natt.originalResponderAddress { out.append(" OAR="); out.appendAddress(oar) }
            out.append(byte: 0x0a)
        } else if let oa = natt.originalAddress {
            out.append("\tNAT OA=")
            out.appendAddress(oa)
            out.append(byte: 0x0a)
        }
    }

    /// Lines 7-11: created/current, diff and time limits, last use, bytes, allocations.
    private func appendLifetimes(_ sa: SecurityAssociation, current: Lifetime, now: Int64,
                                 times: inout TimeText, to out: inout TextBuffer) {
        let hard = sa.hardLifetime, soft = sa.softLifetime
        out.append("\tcreated: ")
        times.appendClassic(Int64(bitPattern: current.addTime), to: &out)
        out.append("\tcurrent: ")
        times.appendClassic(now, to: &out)
        out.append("\n\tdiff: ")
        let age = current.addTime == 0 ? 0 : UInt64(bitPattern: now &- Int64(bitPattern: current.addTime))
        out.appendDecimal(age)
        out.append("(s)")
        appendSeconds("\thard: ", hard.addTime, to: &out)
        appendSeconds("\tsoft: ", soft.addTime, to: &out)
        out.append("\n\tlast: ")
        times.appendClassic(Int64(bitPattern: current.useTime), to: &out)
        appendSeconds("\thard: ", hard.useTime, to: &out)
        appendSeconds("\tsoft: ", soft.useTime, to: &out)
        out.append("\n\tcurrent: ")
        Self.appendByteCount(current.bytes, to: &out)
        out.append("(bytes)\thard: ")
        Self.appendByteCount(hard.bytes, to: &out)
        out.append("(bytes)\tsoft: ")
        Self.appendByteCount(soft.bytes, to: &out)
        out.append("(bytes)\n\tallocated: ")
        out.appendDecimal(current.allocations)
        out.append("\thard: ")
        out.appendDecimal(hard.allocations)
        out.append("\tsoft: ")
        out.appendDecimal(soft.allocations)
        out.append(byte: 0x0a)
    }

    private func appendSeconds(_ label: StaticString, _ value: UInt64, to out: inout TextBuffer) {
        out.append(label)
        out.appendDecimal(value)
        out.append("(s)")
    }

    /// `%.0f` of the byte count converted to a double, as `str_lifetime_byte` prints it
    /// (exact up to 2^53, rounded to the nearest double above).
    static func appendByteCount(_ value: UInt64, to out: inout TextBuffer) {
        let d = Double(value)
        if d >= 18_446_744_073_709_551_616.0 {
            out.append("18446744073709551616")
        } else {
            out.appendDecimal(UInt64(d))
        }
    }

    /// A name and a blank, or the number and a blank when there is no name.
    private func appendName(_ name: String?, number: UInt8, to out: inout TextBuffer) {
        if let name { out.append(name) } else { out.appendDecimal(number) }
        out.append(byte: 0x20)
    }

    /// `%u(0x%08x)`.
    private func appendNumberAndHex(_ value: UInt32, to out: inout TextBuffer) {
        out.appendDecimal(value)
        out.append("(0x")
        out.appendHex(UInt64(value), width: 8)
        out.append(byte: UInt8(ascii: ")"))
    }
}

/// The key bytes of an `E:`/`A:` line: a blank before every 4-byte group, a newline before
/// every 32 bytes after the first 32 (continuation lines start with that group's blank), or
/// `<redacted N bytes>` with `--nokeys`. A zero-length key prints nothing.
/// Counterpart: `ipsec_hexdump()` in libipsec.
enum ClassicKeyText {
    static func append(_ key: SAKey, display: KeyDisplay, to out: inout TextBuffer) {
        guard !key.isEmpty else { return }
        switch display {
        case .redacted:
            out.append(" <redacted ")
            out.appendDecimal(UInt64(key.count))
            out.append(key.count == 1 ? " byte>" : " bytes>")
        case .show:
            key.withUnsafeBytes { raw in
                for (i, b) in raw.enumerated() {
                    if i > 0 && i % 32 == 0 { out.append(byte: 0x0a) }
                    if i % 4 == 0 { out.append(byte: 0x20) }
                    out.appendHexByte(b)
                }
            }
        }
    }
}

/// The four security-context lines of SA and SP records (ipsec-tools with SELinux support).
/// Counterpart: the `SADB_X_EXT_SEC_CTX` block of `pfkey_sadump()`/`pfkey_spdump()`.
enum ClassicSecurityContextText {
    static func append(_ ctx: SecurityContext, to out: inout TextBuffer) {
        out.append("\tsecurity context doi: ")
        out.appendDecimal(ctx.doi)
        out.append("\n\tsecurity context algorithm: ")
        out.appendDecimal(ctx.algorithm)
        out.append("\n\tsecurity context length: ")
        out.appendDecimal(UInt64(ctx.context.utf8.count + 1))
        out.append("\n\tsecurity context: ")
        out.append(ctx.context)
        out.append(byte: 0x0a)
    }
}
