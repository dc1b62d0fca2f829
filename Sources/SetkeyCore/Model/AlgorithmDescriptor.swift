/// Everything known about one algorithm: the names setkey accepts, its PF_KEY id, the key
/// sizes kernels accept, the Linux crypto name and ICV truncation, and the names dumps print.
///
/// One row of `AlgorithmCatalogue`; see section 3 of the setkey reference.
public struct AlgorithmDescriptor: Sendable, Hashable {
    /// Encryption, authentication or compression.
    public let kind: AlgorithmKind
    /// The PF_KEY id (`SADB_AALG_*`, `SADB_EALG_*`, `SADB_X_CALG_*`).
    public let number: UInt8
    /// The names accepted after `-E`/`-A`/`-C`; the first is the canonical spelling. Empty
    /// for ids that exist only in a kernel (shown in dumps by number).
    public let names: [String]
    /// The key length range in bits a kernel reports for it (REGISTER min/max).
    public let keyBits: KeyBitsRange
    /// The exact key lengths the kernel's crypto layer accepts, when narrower than the range
    /// (AES: 128, 192, 256). Nil: any multiple of 8 inside `keyBits`.
    public let validKeyBits: [Int]?
    /// The Linux crypto-API name (`cbc(aes)`, `hmac(sha256)`), nil when Linux has none.
    public let linuxName: String?
    /// ICV length in bits Linux uses for SAs made through PF_KEY (and setkey on XFRM).
    public let linuxICVBits: UInt32?
    /// The ICV length in bits the RFCs (and every non-Linux-PF_KEY stack) use.
    public let standardICVBits: UInt32?
    /// Whether this is an AEAD cipher (no separate `-A`; XFRM `XFRMA_ALG_AEAD`).
    public let isAEAD: Bool
    /// Salt or nonce bits appended to the key (AES-CTR/GCM/GMAC, ChaCha20-Poly1305).
    public let saltBits: Int
    /// The name ipsec-tools prints in `-D` (`E: aes-cbc `).
    public let dumpName: String
    /// The name FreeBSD's setkey prints, when different or when only FreeBSD has it.
    public let freeBSDDumpName: String?
    /// The personalities whose kernels define this id.
    public let personalities: Set<Personality>
    /// The personality whose kernel offers it through PF_KEY `SADB_REGISTER`.
    public let pfkeyCapable: Set<Personality>

    /// Whether the algorithm takes no key (`null`).
    public var isKeyless: Bool { keyBits.maximum == 0 }

    /// The id of this row.
    public var id: AlgorithmID { AlgorithmID(kind, number) }

    /// The canonical input name, or the number when setkey has no name for it.
    public var canonicalName: String { names.first ?? "\(number)" }

    /// Whether a key of `bits` is acceptable to the kernel's crypto layer (range and, where
    /// known, exact sizes).
    public func acceptsKey(bits: Int) -> Bool {
        guard keyBits.contains(bits) else { return false }
        if let valid = validKeyBits { return valid.contains(bits) }
        return bits % 8 == 0
    }

    init(_ kind: AlgorithmKind, _ number: UInt8, _ names: [String], bits: KeyBitsRange,
         valid: [Int]? = nil, linux: String?, icv: UInt32? = nil, standardICV: UInt32? = nil,
         aead: Bool = false, salt: Int = 0, dump: String? = nil, freeBSD: String? = nil,
         on personalities: Set<Personality>, pfkey: Set<Personality>? = nil) {
        self.kind = kind
        self.number = number
        self.names = names
        self.keyBits = bits
        self.validKeyBits = valid
        self.linuxName = linux
        self.linuxICVBits = icv
        self.standardICVBits = standardICV ?? icv
        self.isAEAD = aead
        self.saltBits = salt
        self.dumpName = dump ?? names.first ?? "\(number)"
        self.freeBSDDumpName = freeBSD
        self.personalities = personalities
        self.pfkeyCapable = pfkey ?? personalities
    }
}

/// An input name that selects an algorithm with side effects on the SA
/// (`des-deriv`, `des-32iv`, `simple`).
public struct AlgorithmAlias: Sendable, Hashable {
    /// The name as written.
    public let name: String
    /// The algorithm it selects.
    public let id: AlgorithmID
    /// Flags it adds to the SA.
    public let flags: SAFlags
    /// Whether it requires (`true`), forbids (`false`) or ignores (nil) the `*-old` protocols.
    public let requiresOldFormat: Bool?
    /// Whether using it prints the "obsolete algorithm" warning.
    public let isObsolete: Bool
}
