/// The algorithm names setkey accepts after `-E`, `-A` and `-C`, looked up on bytes.
/// Counterpart: the `S_ENCALG`/`S_AUTHALG` rules of ipsec-tools' `token.l`.
enum AlgorithmNames {
    struct Entry: Sendable {
        var id: AlgorithmID
        var keyless: Bool
        /// `des-deriv`, `des-32iv` or `simple`.
        var alias: AlgorithmAlias?
    }

    /// `-A tcp-md5`, whose key setkey checks itself (1 to 80 bytes).
    static let tcpMD5 = AlgorithmID(.authentication, 252)

    private static let tables: [PackedWordTable<Entry>] = AlgorithmKind.allCases.map { kind in
        var pairs: [(String, Entry)] = []
        for d in AlgorithmCatalogue.descriptors where d.kind == kind {
            for name in d.names { pairs.append((name, Entry(id: d.id, keyless: d.isKeyless))) }
        }
        for a in AlgorithmCatalogue.aliases where a.id.kind == kind {
            let keyless = AlgorithmCatalogue.descriptor(for: a.id)?.isKeyless ?? false
            pairs.append((a.name, Entry(id: a.id, keyless: keyless, alias: a)))
        }
        return PackedWordTable(pairs)
    }

    /// The algorithm called `name` (exactly), if any.
    static func lookup(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, kind: AlgorithmKind) -> Entry? {
        if end - start <= 16 { return tables[Int(kind.rawValue)].value(buffer, start, end) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
        if let alias = AlgorithmCatalogue.alias(named: text, kind: kind) {
            return Entry(id: alias.id, keyless: AlgorithmCatalogue.descriptor(for: alias.id)?.isKeyless ?? false, alias: alias)
        }
        guard let d = AlgorithmCatalogue.descriptor(named: text, kind: kind) else { return nil }
        return Entry(id: d.id, keyless: d.isKeyless)
    }
}
