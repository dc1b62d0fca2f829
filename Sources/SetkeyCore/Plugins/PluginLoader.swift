#if canImport(Glibc)
import Glibc
#endif

/// Why a backend plugin could not be loaded.
public enum PluginLoadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No `lib<Name>.so` for the backend on the search path.
    case notFound(name: String, searched: [String], available: [String])
    /// The file or its folder is not safe to load (owner or permissions); the text says why.
    case unsafe(path: String, reason: String)
    /// `dlopen`/`dlsym` failed; the text is `dlerror()`'s.
    case cannotLoad(path: String, reason: String)
    /// The plugin was built for another core (`PluginABI.version`).
    case abiMismatch(path: String, found: UInt32, expected: UInt32)
    /// The plugin's backend calls itself something else.
    case nameMismatch(path: String, expected: String, found: String)

    public var description: String {
        switch self {
        case .notFound(let name, let searched, let available):
            let where_ = searched.isEmpty ? "an empty plugin path" : searched.joined(separator: ", ")
            let avail = available.isEmpty ? "none" : available.joined(separator: ", ")
            return "backend '\(name)' not found (looked in: \(where_)); available: \(avail)"
        case .unsafe(let path, let reason):
            return "refusing to load plugin \(path): \(reason)"
        case .cannotLoad(let path, let reason):
            return "cannot load plugin \(path): \(reason)"
        case .abiMismatch(let path, let found, let expected):
            return "plugin \(path) was built for plugin ABI \(found), this setkey needs \(expected): rebuild it"
        case .nameMismatch(let path, let expected, let found):
            return "plugin \(path) provides backend '\(found)', not '\(expected)'"
        }
    }
}

/// A plugin file found on the search path.
public struct PluginCandidate: Sendable, Hashable {
    /// The backend name derived from the file name (`libSetkeyXFRM.so` → `xfrm`).
    public var name: String
    /// The file.
    public var path: String
}

/// Finds backend plugins (`libSetkey<Name>.so`) on a search path, checks that they are safe to
/// load, `dlopen`s them and returns the backend type they export. Nothing is ever unloaded;
/// `dlopen` never leaves this type.
public struct PluginLoader: Sendable {
    /// Folders searched in order.
    public var searchPath: [String]
    /// The user besides root who may own plugin files and folders (the invoking user).
    public var trustedUser: UInt32

    public init(searchPath: [String], trustedUser: UInt32 = getuid()) {
        self.searchPath = searchPath
        self.trustedUser = trustedUser
    }

    static let prefix = "libSetkey"
    static let suffix = ".so"
    /// Shared libraries of the project that are not plugins.
    static let notPlugins: Set<String> = ["core"]

    /// Every plugin file on the search path (the first one of each name wins).
    public func candidates() -> [PluginCandidate] {
        var seen = Set<String>()
        var out = [PluginCandidate]()
        for dir in searchPath {
            for file in Self.listDirectory(dir).sorted() {
                guard let name = Self.backendName(fromFileName: file), !seen.contains(name) else { continue }
                seen.insert(name)
                out.append(PluginCandidate(name: name, path: dir + "/" + file))
            }
        }
        return out
    }

    /// `libSetkeyXFRM.so` → `xfrm`; nil for files that are not plugins.
    public static func backendName(fromFileName file: String) -> String? {
        guard file.hasPrefix(prefix), file.hasSuffix(suffix), file.count > prefix.count + suffix.count else { return nil }
        let name = String(file.dropFirst(prefix.count).dropLast(suffix.count)).lowercased()
        return notPlugins.contains(name) ? nil : name
    }

    /// Loads the plugin of backend `name`.
    /// - Throws: `PluginLoadError` saying what went wrong.
    public func load(_ name: String) throws(PluginLoadError) -> any KeyBackend.Type {
        let all = candidates()
        guard let candidate = all.first(where: { $0.name == name.lowercased() }) else {
            throw .notFound(name: name, searched: searchPath, available: all.map(\.name))
        }
        return try load(candidate)
    }

    /// Loads one candidate: safety checks, `dlopen`, ABI check, type.
    public func load(_ candidate: PluginCandidate) throws(PluginLoadError) -> any KeyBackend.Type {
        let path = candidate.path
        try checkSafe(path)
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            throw .cannotLoad(path: path, reason: Self.dlerrorText())
        }
        guard let versionSymbol = dlsym(handle, PluginABI.versionSymbol(candidate.name)) else {
            throw .cannotLoad(path: path, reason: "no '\(PluginABI.versionSymbol(candidate.name))' symbol: not a setkey plugin")
        }
        typealias VersionFunction = @convention(c) () -> UInt32
        let version = unsafeBitCast(versionSymbol, to: VersionFunction.self)()
        guard version == PluginABI.version else {
            throw .abiMismatch(path: path, found: version, expected: PluginABI.version)
        }
        guard let typeSymbol = dlsym(handle, PluginABI.typeSymbol(candidate.name)) else {
            throw .cannotLoad(path: path, reason: "no '\(PluginABI.typeSymbol(candidate.name))' symbol: not a setkey plugin")
        }
        typealias TypeFunction = @convention(c) () -> UnsafeRawPointer
        let type = PluginABI.importedType(unsafeBitCast(typeSymbol, to: TypeFunction.self)())
        guard type.name == candidate.name else {
            throw .nameMismatch(path: path, expected: candidate.name, found: type.name)
        }
        return type
    }

    /// Refuses a plugin file, or the folder holding it, that someone other than root or the
    /// invoking user owns or that group or others may write.
    public func checkSafe(_ path: String) throws(PluginLoadError) {
        let folder = Self.folder(of: path)
        for (what, p) in [("it", path), ("its folder " + folder, folder)] {
            let status: FileStatus
            do { status = try FileStatus(path: p) } catch {
                throw .unsafe(path: path, reason: "cannot stat \(p): \(error)")
            }
            if status.owner != 0 && status.owner != trustedUser {
                throw .unsafe(path: path, reason: "\(what) is owned by uid \(status.owner), not by root or uid \(trustedUser)")
            }
            if status.isGroupOrWorldWritable {
                let who = status.mode & 0o002 != 0 ? "world-writable" : "group-writable"
                throw .unsafe(path: path, reason: "\(what) is \(who) (mode \(status.octalMode))")
            }
        }
    }

    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let dir = String(path[..<slash])
        return dir.isEmpty ? "/" : dir
    }

    static func dlerrorText() -> String {
        guard let e = dlerror() else { return "unknown dlopen error" }
        return String(cString: e)
    }

    static func listDirectory(_ dir: String) -> [String] {
        guard let d = opendir(dir) else { return [] }
        defer { closedir(d) }
        var names = [String]()
        while let entry = readdir(d) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            names.append(name)
        }
        return names
    }
}
