#if canImport(Glibc)
import Glibc
#endif

/// A throw-away folder for one conformance run: made with `mkdtemp` (mode 0700) and removed
/// with everything in it afterwards.
enum ScratchFolder {
    /// A new folder under `parent`, or the errno's meaning.
    static func make(under parent: String) -> Result<String, ScratchFolderError> {
        var template = Array("\(parent)/setkey-conformance.XXXXXX".utf8CString)
        let made: String? = template.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress, let path = mkdtemp(base) else { return nil }
            return String(cString: path)
        }
        guard let made else { return .failure(ScratchFolderError(parent: parent, code: errno)) }
        return .success(made)
    }

    /// Removes `path` and everything below it; symbolic links are removed, never followed.
    static func remove(_ path: String) {
        if let dir = opendir(path) {
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                let child = path + "/" + name
                var s = stat()
                if lstat(child, &s) == 0, (s.st_mode & S_IFMT) == S_IFDIR { remove(child) } else { unlink(child) }
            }
            closedir(dir)
        }
        rmdir(path)
    }
}

/// Why no scratch folder could be made.
struct ScratchFolderError: Error, CustomStringConvertible {
    var parent: String
    var code: Int32
    var description: String { "cannot make a scratch folder in \(parent): \(String(cString: strerror(code)))" }
}
