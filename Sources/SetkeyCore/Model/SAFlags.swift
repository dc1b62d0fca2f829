/// The flag word of an SA (`-f`, `-R`, the `*-old` protocols, some algorithms).
/// Counterpart: `sadb_sa_flags` (`SADB_X_EXT_*`) and, for kernel-reported flags on Linux,
/// `xfrm_usersa_info.flags` as af_key translates it.
public struct SAFlags: OptionSet, Sendable, Hashable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// RFC 1826/1827 formats (`ah-old`, `esp-old`): `SADB_X_EXT_OLD`.
    public static let old = SAFlags(rawValue: 0x0001)
    /// 4-byte IV (`des-32iv`): `SADB_X_EXT_IV4B`.
    public static let iv4Bytes = SAFlags(rawValue: 0x0010)
    /// Derived IV (`des-deriv`): `SADB_X_EXT_DERIV`.
    public static let derivedIV = SAFlags(rawValue: 0x0020)
    /// Cyclic sequence numbers allowed; always set unless `-f nocyclic-seq`: `SADB_X_EXT_CYCSEQ`.
    public static let cyclicSequence = SAFlags(rawValue: 0x0040)
    /// Use the SPI as a well-known CPI (`-R`): `SADB_X_EXT_RAWCPI`.
    public static let rawCPI = SAFlags(rawValue: 0x0080)
    /// Random padding (`-f random-pad`): `SADB_X_EXT_PRAND`.
    public static let randomPadding = SAFlags(rawValue: 0x0100)
    /// Zero padding (`-f zero-pad`): `SADB_X_EXT_PZERO`.
    public static let zeroPadding = SAFlags(rawValue: 0x0200)
    /// Extended sequence numbers (kernel/IKE set): `SADB_X_SAFLAGS_ESN`.
    public static let extendedSequenceNumbers = SAFlags(rawValue: 0x0400)
    /// Linux: no path MTU discovery (`SADB_SAFLAGS_NOPMTUDISC`).
    public static let noPMTUDiscovery = SAFlags(rawValue: 0x2000_0000)
    /// Linux: decapsulate DSCP (`SADB_SAFLAGS_DECAP_DSCP`).
    public static let decapsulateDSCP = SAFlags(rawValue: 0x4000_0000)
    /// Linux: no ECN (`SADB_SAFLAGS_NOECN`).
    public static let noECN = SAFlags(rawValue: 0x8000_0000)

    /// The flags every `add` starts with (cyclic sequence numbers).
    public static let setkeyDefault: SAFlags = [.cyclicSequence]
    /// The flags a Linux kernel keeps and reports back (the KAME ones are dropped).
    public static let linuxKernelFlags: SAFlags = [.noPMTUDiscovery, .decapsulateDSCP, .noECN]
}

/// One set of lifetime limits or counters.
///
/// For hard and soft limits `addTime`/`useTime` are relative seconds; for the current
/// lifetime they are absolute epoch seconds. Zero means "no limit" / "never".
/// Counterpart: `sadb_lifetime`, `xfrm_lifetime_cfg` / `xfrm_lifetime_cur`.
public struct Lifetime: Sendable, Hashable {
    /// Allocations (PF_KEY) or packets (XFRM).
    public var allocations: UInt64
    /// Bytes processed.
    public var bytes: UInt64
    /// Seconds since creation (limits) or creation time (current).
    public var addTime: UInt64
    /// Seconds since first use (limits) or first-use time (current).
    public var useTime: UInt64

    public init(allocations: UInt64 = 0, bytes: UInt64 = 0, addTime: UInt64 = 0, useTime: UInt64 = 0) {
        self.allocations = allocations
        self.bytes = bytes
        self.addTime = addTime
        self.useTime = useTime
    }

    /// No limit at all.
    public static let unlimited = Lifetime()

    /// Whether every field is zero.
    public var isZero: Bool { allocations == 0 && bytes == 0 && addTime == 0 && useTime == 0 }
}
