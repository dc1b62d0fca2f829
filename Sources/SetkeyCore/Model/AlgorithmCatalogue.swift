/// The one table of every algorithm setkey, Linux and the BSDs know (reference section 3),
/// with lookups by name and by id.
public enum AlgorithmCatalogue {
    private static let all: Set<Personality> = [.linux, .kame, .freebsd]
    private static let notFreeBSD: Set<Personality> = [.linux, .kame]
    private static let bsd: Set<Personality> = [.kame, .freebsd]

    /// Every row, in the order of the reference's tables.
    public static let descriptors: [AlgorithmDescriptor] = [
        // Authentication (-A), sadb_sa_auth
        .init(.authentication, 2, ["hmac-md5"], bits: .init(128, 128), linux: "hmac(md5)", icv: 96, on: notFreeBSD),
        .init(.authentication, 3, ["hmac-sha1"], bits: .init(160, 160), linux: "hmac(sha1)", icv: 96,
              freeBSD: "hmac-sha1", on: all),
        .init(.authentication, 5, ["hmac-sha256", "hmac-sha2-256"], bits: .init(256, 256), linux: "hmac(sha256)",
              icv: 96, standardICV: 128, freeBSD: "hmac-sha2-256", on: all),
        .init(.authentication, 6, ["hmac-sha384", "hmac-sha2-384"], bits: .init(384, 384), linux: "hmac(sha384)",
              icv: 192, freeBSD: "hmac-sha2-384", on: all),
        .init(.authentication, 7, ["hmac-sha512", "hmac-sha2-512"], bits: .init(512, 512), linux: "hmac(sha512)",
              icv: 256, freeBSD: "hmac-sha2-512", on: all),
        .init(.authentication, 8, ["hmac-ripemd160"], bits: .init(160, 160), linux: "hmac(rmd160)", icv: 96,
              on: notFreeBSD),
        .init(.authentication, 9, ["aes-xcbc-mac"], bits: .init(128, 128), linux: "xcbc(aes)", icv: 96,
              freeBSD: "aes-xcbc-mac", on: all),
        .init(.authentication, 10, [], bits: .init(256, 256), linux: "hmac(sm3)", icv: 256, on: [.linux]),
        .init(.authentication, 14, ["chacha20-poly1305"], bits: .init(256, 256), linux: nil, aead: true,
              freeBSD: "chacha20-poly1305", on: [.freebsd]),
        .init(.authentication, 249, ["keyed-md5"], bits: .init(128, 128), linux: nil, dump: "md5", on: [.kame]),
        .init(.authentication, 250, ["keyed-sha1"], bits: .init(160, 160), linux: nil, dump: "sha", on: [.kame]),
        .init(.authentication, 251, ["null"], bits: .init(0, 0), linux: "digest_null", icv: 0,
              freeBSD: "null", on: all),
        .init(.authentication, 252, ["tcp-md5"], bits: .init(8, 640), linux: nil, freeBSD: "tcp-md5", on: bsd),

        // Encryption (-E), sadb_sa_encrypt
        .init(.encryption, 2, ["des-cbc"], bits: .init(64, 64), linux: "cbc(des)", on: notFreeBSD),
        .init(.encryption, 3, ["3des-cbc"], bits: .init(192, 192), linux: "cbc(des3_ede)", on: notFreeBSD),
        .init(.encryption, 6, ["cast128-cbc"], bits: .init(40, 128), linux: "cbc(cast5)", on: notFreeBSD),
        .init(.encryption, 7, ["blowfish-cbc"], bits: .init(40, 448), linux: "cbc(blowfish)", on: notFreeBSD),
        .init(.encryption, 11, ["null"], bits: .init(0, 0), linux: "ecb(cipher_null)", freeBSD: "null", on: all),
        .init(.encryption, 12, ["aes-cbc", "rijndael-cbc"], bits: .init(128, 256), valid: [128, 192, 256],
              linux: "cbc(aes)", freeBSD: "aes-cbc", on: all),
        .init(.encryption, 13, ["aes-ctr"], bits: .init(160, 288), valid: [160, 224, 288],
              linux: "rfc3686(ctr(aes))", salt: 32, freeBSD: "aes-ctr", on: all),
        .init(.encryption, 14, [], bits: .init(152, 280), valid: [152, 216, 280], linux: "rfc4309(ccm(aes))",
              icv: 64, aead: true, salt: 24, on: [.linux], pfkey: []),
        .init(.encryption, 15, [], bits: .init(152, 280), valid: [152, 216, 280], linux: "rfc4309(ccm(aes))",
              icv: 96, aead: true, salt: 24, on: [.linux], pfkey: []),
        .init(.encryption, 15, ["chacha20-poly1305"], bits: .init(288, 288), linux: "rfc7539esp(chacha20,poly1305)",
              icv: 128, aead: true, salt: 32, freeBSD: "chacha20-poly1305", on: [.freebsd]),
        .init(.encryption, 16, [], bits: .init(152, 280), valid: [152, 216, 280], linux: "rfc4309(ccm(aes))",
              icv: 128, aead: true, salt: 24, on: [.linux], pfkey: []),
        .init(.encryption, 18, ["aes-gcm-8"], bits: .init(160, 288), valid: [160, 224, 288],
              linux: "rfc4106(gcm(aes))", icv: 64, aead: true, salt: 32, on: all, pfkey: [.freebsd]),
        .init(.encryption, 19, ["aes-gcm-12"], bits: .init(160, 288), valid: [160, 224, 288],
              linux: "rfc4106(gcm(aes))", icv: 96, aead: true, salt: 32, on: all, pfkey: [.freebsd]),
        .init(.encryption, 20, ["aes-gcm-16"], bits: .init(160, 288), valid: [160, 224, 288],
              linux: "rfc4106(gcm(aes))", icv: 128, aead: true, salt: 32, freeBSD: "aes-gcm-16",
              on: all, pfkey: [.kame, .freebsd]),
        .init(.encryption, 22, ["camellia-cbc"], bits: .init(128, 256), valid: [128, 192, 256],
              linux: "cbc(camellia)", on: notFreeBSD),
        .init(.encryption, 23, ["aes-gmac"], bits: .init(160, 288), valid: [160, 224, 288],
              linux: "rfc4543(gcm(aes))", icv: 128, aead: true, salt: 32, on: all, pfkey: [.kame]),
        .init(.encryption, 24, [], bits: .init(128, 128), linux: "cbc(sm4)", on: [.linux]),
        .init(.encryption, 249, [], bits: .init(80, 80), linux: nil, dump: "skipjack", on: [.kame], pfkey: []),
        .init(.encryption, 252, [], bits: .init(128, 256), valid: [128, 192, 256], linux: "cbc(serpent)",
              on: [.linux]),
        .init(.encryption, 253, ["twofish-cbc"], bits: .init(128, 256), valid: [128, 192, 256],
              linux: "cbc(twofish)", on: [.linux]),

        // Compression (-C), sadb_sa_encrypt of an IPComp SA
        .init(.compression, 1, ["oui"], bits: .init(0, 0), linux: nil, on: all),
        .init(.compression, 2, ["deflate"], bits: .init(0, 0), linux: "deflate", on: all),
        .init(.compression, 3, ["lzs"], bits: .init(0, 0), linux: "lzs", on: all),
        .init(.compression, 4, [], bits: .init(0, 0), linux: "lzjh", on: [.linux]),
    ]

    /// Input names with side effects (reference 2.5).
    public static let aliases: [AlgorithmAlias] = [
        AlgorithmAlias(name: "des-deriv", id: AlgorithmID(.encryption, 2), flags: .derivedIV,
                       requiresOldFormat: false, isObsolete: false),
        AlgorithmAlias(name: "des-32iv", id: AlgorithmID(.encryption, 2), flags: .iv4Bytes,
                       requiresOldFormat: true, isObsolete: false),
        AlgorithmAlias(name: "simple", id: AlgorithmID(.encryption, 11), flags: [],
                       requiresOldFormat: nil, isObsolete: true),
    ]

    private static let byName: [String: AlgorithmDescriptor] = {
        var table = [String: AlgorithmDescriptor]()
        for d in descriptors {
            for n in d.names { table["\(d.kind.rawValue)/\(n)"] = d }
        }
        return table
    }()

    /// The descriptor for an input name after `-E`/`-A`/`-C` (exact match, no prefixes).
    public static func descriptor(named name: String, kind: AlgorithmKind) -> AlgorithmDescriptor? {
        byName["\(kind.rawValue)/\(name)"]
    }

    /// The alias row for `des-deriv`, `des-32iv` or `simple`.
    public static func alias(named name: String, kind: AlgorithmKind) -> AlgorithmAlias? {
        guard kind == .encryption else { return nil }
        return aliases.first { $0.name == name }
    }

    /// The descriptor for an id as a kernel of `personality` defines it (ids clash across
    /// platforms). Falls back to any personality's row when the personality has none.
    public static func descriptor(for id: AlgorithmID, personality: Personality = .linux) -> AlgorithmDescriptor? {
        var fallback: AlgorithmDescriptor?
        for d in descriptors where d.kind == id.kind && d.number == id.number {
            if d.personalities.contains(personality) { return d }
            if fallback == nil { fallback = d }
        }
        return fallback
    }

    /// The descriptor whose Linux crypto name is `linuxName`, preferring, for AEAD names
    /// shared by several ids, the one whose ICV length matches.
    public static func descriptor(linuxName: String, kind: AlgorithmKind, icvBits: UInt32? = nil) -> AlgorithmDescriptor? {
        let candidates = descriptors.filter {
            $0.kind == kind && $0.linuxName == linuxName && $0.personalities.contains(.linux)
        }
        if let icvBits, let exact = candidates.first(where: { $0.linuxICVBits == icvBits }) { return exact }
        if candidates.count > 1, let named = candidates.first(where: { !$0.names.isEmpty }) { return named }
        return candidates.first
    }

    /// Every input name of a kind, sorted (for help texts and diagnostics).
    public static func names(of kind: AlgorithmKind) -> [String] {
        var out = descriptors.filter { $0.kind == kind }.flatMap(\.names)
        if kind == .encryption { out += aliases.map(\.name) }
        return out.sorted()
    }
}
