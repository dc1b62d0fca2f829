#if canImport(Glibc)
import Glibc
#endif

/// The `.hex` fixtures beside the tests (captured kernel replies), found from this file's path.
enum Fixtures {
    static let directory: String = {
        var path = #filePath
        for _ in 0..<2 { path = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)]) }
        return path + "/Fixtures"
    }()

    /// The bytes of `Fixtures/NAME.hex`.
    static func bytes(_ name: String) -> [UInt8]? {
        guard let text = read(directory + "/" + name + ".hex") else { return nil }
        return Hex.decode(text)
    }

    /// The datagrams of `Fixtures/NAME.hex`, separated by lines starting with `# datagram`.
    static func datagrams(_ name: String) -> [[UInt8]]? {
        guard let text = read(directory + "/" + name + ".hex") else { return nil }
        var out = [[UInt8]]()
        for part in text.split(separator: "# datagram", omittingEmptySubsequences: true) {
            let body = part.drop { $0 != "\n" }
            guard let b = Hex.decode(String(body)) else { return nil }
            if !b.isEmpty { out.append(b) }
        }
        return out
    }

    /// Writes datagrams as a fixture (used when capturing, `XFRM_CAPTURE_DIR`).
    static func write(_ datagrams: [[UInt8]], to path: String, comment: String) {
        var text = comment.split(separator: "\n").map { "# " + $0 }.joined(separator: "\n") + "\n"
        for (i, d) in datagrams.enumerated() {
            text += "# datagram \(i + 1): \(d.count) bytes\n" + Hex.encode(d) + "\n"
        }
        guard let f = fopen(path, "w") else { return }
        fputs(text, f)
        fclose(f)
    }

    static func read(_ path: String) -> String? {
        guard let f = fopen(path, "r") else { return nil }
        defer { fclose(f) }
        var out = [UInt8]()
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buf, 1, buf.count, f)
            if n <= 0 { break }
            out += buf[0..<n]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
