import KeyEngine
import SetkeyCore

/// The `[userspace]` section of the configuration:
///
/// ```
/// [userspace]
/// state_dir   = /path      # default: $XDG_STATE_HOME/setkey, else ~/.local/state/setkey;
///                          # /var/lib/setkey when run as root. Relative paths are taken
///                          # from the configuration file's folder; "~/" is the home folder.
/// personality = kame       # kame (default, as the QNX seed) or linux
/// dead_grace  = 60         # seconds a dead SA stays visible to `-D -a`
/// ```
struct UserspaceSettings {
    var stateDirectory: String
    var personality: Personality = .kame
    var deadEntryGrace: UInt64 = EngineConfiguration.defaultDeadEntryGrace

    static let known = ["state_dir", "personality", "dead_grace"]

    init(_ context: BackendContext) throws(BackendError) {
        var directory: String?
        for (key, value) in context.settings {
            switch key {
            case "state_dir":
                directory = try Self.resolve(value, context: context)
            case "personality":
                guard let p = Personality(rawValue: value), p != .freebsd else {
                    throw .invalidConfiguration("[userspace] personality: expected 'kame' or 'linux', got '\(value)'")
                }
                personality = p
            case "dead_grace":
                guard let seconds = UInt64(value) else {
                    throw .invalidConfiguration("[userspace] dead_grace: expected seconds, got '\(value)'")
                }
                deadEntryGrace = seconds
            default:
                throw .invalidConfiguration("[userspace] unknown setting '\(key)' (known: \(Self.known.joined(separator: ", ")))")
            }
        }
        if let directory {
            stateDirectory = directory
        } else if let fallback = EngineConfiguration.defaultStateDirectory(environment: context.environment) {
            stateDirectory = fallback
        } else {
            throw .unavailable("userspace: no state folder: set [userspace] state_dir, XDG_STATE_HOME or HOME")
        }
    }

    /// An absolute path for `value`: `~/x` under the home folder, relative paths from the
    /// configuration file's folder (or the working folder when there is no file).
    static func resolve(_ value: String, context: BackendContext) throws(BackendError) -> String {
        guard !value.isEmpty else { throw .invalidConfiguration("[userspace] state_dir: empty path") }
        if value.hasPrefix("/") { return value }
        if value == "~" || value.hasPrefix("~/") {
            guard let home = context.environment["HOME"], home.hasPrefix("/") else {
                throw .invalidConfiguration("[userspace] state_dir: '\(value)' needs HOME")
            }
            return home + value.dropFirst()
        }
        guard let config = context.configurationPath, let slash = config.lastIndex(of: "/") else { return value }
        return String(config[...slash]) + value
    }
}
