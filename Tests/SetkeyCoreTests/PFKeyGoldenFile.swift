#if canImport(Glibc)
import Glibc
#endif

/// Reads (and, with `PFKEY_GOLDEN_UPDATE=1`, rewrites) files in `Tests/Fixtures/golden/pfkey/`.
enum PFKeyGoldenFile {
    static func path(_ name: String, file: String = #filePath) -> String {
        var dir = file
        for _ in 0..<2 {  // drop the file name, then SetkeyCoreTests/
            if dir.last == "/" { dir.removeLast() }
            while let last = dir.last, last != "/" { dir.removeLast() }
        }
        return dir + "Fixtures/golden/pfkey/" + name
    }

    static func read(_ name: String) -> String? {
        guard let f = fopen(path(name), "rb") else { return nil }
        defer { fclose(f) }
        var bytes = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&chunk, 1, chunk.count, f)
            if n <= 0 { break }
            bytes += chunk[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The golden text, after rewriting it with `actual` when `PFKEY_GOLDEN_UPDATE` is set.
    static func expected(_ name: String, actual: String) -> String? {
        if getenv("PFKEY_GOLDEN_UPDATE") != nil, let f = fopen(path(name), "wb") {
            _ = Array(actual.utf8).withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, f) }
            fclose(f)
        }
        return read(name)
    }
}
