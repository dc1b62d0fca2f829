#if canImport(Glibc)
import Glibc
#endif

/// Where the backend choice came from, for messages.
public enum BackendChoiceSource: String, Sendable, Hashable {
    case flag = "-B/--backend"
    case environment = "SETKEY_BACKEND"
    case configuration = "configuration file"
    case builtIn = "built-in default"
}

/// The resolved configuration of one run: which file was read (if any), which backend to
/// use and why, and where to look for plugins.
///
/// Precedence: backend `-B` > `SETKEY_BACKEND` > the file's `backend =` > built-in default;
/// file `--config` > `SETKEY_CONFIG` > installed default (`/etc/setkey/setkey.conf`,
/// `<prefix>/etc/setkey/setkey.conf`) > the checkout's `Config/setkey.conf`; plugin path
/// `SETKEY_PLUGIN_PATH` > the file's `plugin_path` > beside the executable, `<prefix>/lib/setkey`.
public struct Configuration: Sendable {
    /// The backend used when nothing names one.
    public static let builtInBackend = "record"

    public var file: ConfigurationFile?
    public var backendName: String
    public var backendSource: BackendChoiceSource
    public var pluginPath: [String]

    /// The settings of the chosen backend's section.
    public var backendSettings: [String: String] { file?.sections[backendName] ?? [:] }

    /// Resolves the configuration for a run.
    /// - Parameters:
    ///   - backendFlag: `-B NAME`, if given.
    ///   - configFlag: `--config FILE`, if given.
    ///   - environment: the process environment.
    ///   - executablePath: the running executable (for paths beside it).
    /// - Throws: `ConfigurationError` for a missing or broken file named explicitly, or a
    ///   broken line in any file read.
    public static func resolve(backendFlag: String?, configFlag: String?, environment: [String: String],
                               executablePath: String) throws(ConfigurationError) -> Configuration {
        let exeDir = PluginLoader.folder(of: executablePath)
        let file = try loadFile(configFlag: configFlag, environment: environment, exeDir: exeDir)
        var name = builtInBackend
        var source = BackendChoiceSource.builtIn
        if let b = backendFlag {
            name = b
            source = .flag
        } else if let b = environment["SETKEY_BACKEND"], !b.isEmpty {
            name = b
            source = .environment
        } else if let b = file?.global["backend"] {
            name = b
            source = .configuration
        }
        var path: [String]
        if let env = environment["SETKEY_PLUGIN_PATH"], !env.isEmpty {
            path = env.split(separator: ":").map(String.init)
        } else if let file, let configured = file.global["plugin_path"] {
            let base = PluginLoader.folder(of: file.path)
            path = configured.split(separator: ":").map { $0.hasPrefix("/") ? String($0) : base + "/" + $0 }
        } else {
            path = [exeDir, exeDir + "/../lib/setkey"]
        }
        return Configuration(file: file, backendName: name, backendSource: source, pluginPath: path)
    }

    static func loadFile(configFlag: String?, environment: [String: String],
                         exeDir: String) throws(ConfigurationError) -> ConfigurationFile? {
        if let explicit = configFlag ?? environment["SETKEY_CONFIG"].flatMap({ $0.isEmpty ? nil : $0 }) {
            return try read(explicit)
        }
        let candidates = ["/etc/setkey/setkey.conf", exeDir + "/../etc/setkey/setkey.conf"]
            + checkoutConfigs(from: exeDir)
        for c in candidates where FileIO.exists(c) {
            return try read(c)
        }
        return nil
    }

    /// `Config/setkey.conf` of a checkout the executable was built in (walking up from
    /// `.build/<config>/`).
    static func checkoutConfigs(from exeDir: String) -> [String] {
        var out = [String]()
        var dir = exeDir
        for _ in 0..<5 {
            dir += "/.."
            if FileIO.exists(dir + "/Package.swift") {
                out.append(dir + "/Config/setkey.conf")
                break
            }
        }
        return out
    }

    static func read(_ path: String) throws(ConfigurationError) -> ConfigurationFile {
        let bytes: [UInt8]
        do { bytes = try FileIO.readFile(path) } catch {
            throw ConfigurationError(path: path, line: 0, message: "cannot read: \(error)")
        }
        return try ConfigurationFile.parse(bytes, path: normalized(path))
    }

    /// `a/b/../c` → `a/c` for readable messages (textual only).
    static func normalized(_ path: String) -> String {
        var parts = [Substring]()
        for p in path.split(separator: "/", omittingEmptySubsequences: false) {
            if p == "..", let last = parts.last, last != "..", !last.isEmpty { parts.removeLast() } else { parts.append(p) }
        }
        return parts.joined(separator: "/")
    }

    /// The path of the running executable (`/proc/self/exe`).
    public static func executablePath() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return "./setkey" }
        return buffer.withUnsafeBufferPointer { raw in
            String(decoding: raw.prefix(n).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }
}
