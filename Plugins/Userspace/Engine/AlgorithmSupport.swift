import SetkeyCore

/// The algorithms the engine accepts, as the kernel of its personality offers them through
/// PF_KEY (`SADB_REGISTER`): the catalogue rows the personality's kernel defines and lists
/// over PF_KEY. That excludes AEAD ciphers on Linux (they are netlink-only there) and keeps
/// NetBSD's AES-GCM-16 and AES-GMAC for KAME.
/// Counterpart: `pfkey_register` / `compose_sadb_supported` (Linux), `key_register` (BSD).
struct AlgorithmSupport {
    let personality: Personality
    /// Supported algorithms with the key length ranges `SADB_REGISTER` would report.
    let table: [AlgorithmID: KeyBitsRange]
    /// What the checks need of each catalogue row the personality defines, looked up once.
    private let rules: [AlgorithmID: Rule]

    private struct Rule {
        var name: String?
        var isAEAD: Bool
        var descriptor: AlgorithmDescriptor
    }

    init(personality: Personality) {
        self.personality = personality
        var table = [AlgorithmID: KeyBitsRange]()
        var rules = [AlgorithmID: Rule]()
        for d in AlgorithmCatalogue.descriptors {
            if rules[d.id] == nil, let own = AlgorithmCatalogue.descriptor(for: d.id, personality: personality) {
                rules[d.id] = Rule(name: own.names.first, isAEAD: own.isAEAD, descriptor: own)
            }
            guard d.personalities.contains(personality), d.pfkeyCapable.contains(personality) else { continue }
            if d.kind == .authentication && d.isAEAD { continue }
            table[d.id] = d.keyBits
        }
        self.table = table
        self.rules = rules
    }

    /// Whether `id` is an AEAD cipher in this personality.
    func isAEAD(_ id: AlgorithmID) -> Bool { rules[id]?.isAEAD ?? false }

    /// A readable name for messages: `aes-cbc`, or `encryption algorithm 99`.
    func name(_ id: AlgorithmID) -> String {
        rules[id]?.name ?? "\(id.kind) algorithm \(id.number)"
    }

    /// Checks an algorithm and its key the way the kernel does: listed (else ENOSYS on Linux,
    /// EINVAL on KAME), then a key length inside the range and acceptable to the cipher
    /// (e.g. AES only 128, 192 or 256 bits; a 160-bit AES-CBC key is EINVAL).
    func check(_ a: KeyedAlgorithm) -> EngineFailure? {
        guard let range = table[a.id] else {
            let errno: Errno = personality == .linux ? .notImplemented : .invalidArgument
            return EngineFailure(.rejected, errno, detail: "\(name(a.id)) is not supported (\(personality) personality)")
        }
        if a.id.kind == .compression {
            return a.key.isEmpty ? nil : .invalid("\(name(a.id)) takes no key")
        }
        let bits = a.key.bitCount
        let descriptor = rules[a.id]?.descriptor
        let acceptable = range.contains(bits) && (descriptor?.acceptsKey(bits: bits) ?? true)
        guard acceptable else {
            let valid = descriptor?.validKeyBits.map { $0.map(String.init).joined(separator: ", ") } ?? range.description
            return .invalid("a \(bits)-bit key is not valid for \(name(a.id)) (accepted: \(valid) bits)")
        }
        return nil
    }
}
