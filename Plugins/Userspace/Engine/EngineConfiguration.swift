#if canImport(Glibc)
import Glibc
#endif
import SetkeyCore

/// How a `KeyEngine` is opened: where its state lives, whose kernel it imitates, and the
/// knobs of its persistence.
public struct EngineConfiguration {
    /// The state folder (created with mode 0700 when missing).
    public var stateDirectory: String
    /// `kame` (the default, as the QNX seed) or `linux`: errno choices, defaults and how
    /// entries are reported. `freebsd` behaves as `kame`.
    public var personality: Personality
    /// How long a dead SA stays visible to `-D -a` before it is purged, in seconds.
    public var deadEntryGrace: UInt64
    /// The journal is folded into a new snapshot once it is larger than this many bytes
    /// and larger than the snapshot.
    public var compactionThreshold: Int
    /// The time source for lifetimes.
    public var clock: any EngineClock
    /// Where warnings go (a torn journal tail that was dropped ...). Default: standard error.
    public var warn: (String) -> Void

    /// The grace period dead SAs are kept for when nothing else is configured: 60 seconds.
    public static let defaultDeadEntryGrace: UInt64 = 60
    /// The default compaction threshold: 4 MiB.
    public static let defaultCompactionThreshold = 4 << 20

    public init(stateDirectory: String, personality: Personality = .kame,
                deadEntryGrace: UInt64 = EngineConfiguration.defaultDeadEntryGrace,
                compactionThreshold: Int = EngineConfiguration.defaultCompactionThreshold,
                clock: any EngineClock = SystemClock(),
                warn: @escaping (String) -> Void = EngineConfiguration.writeToStandardError) {
        self.stateDirectory = stateDirectory
        self.personality = personality
        self.deadEntryGrace = deadEntryGrace
        self.compactionThreshold = compactionThreshold
        self.clock = clock
        self.warn = warn
    }

    /// Writes `text` and a newline to standard error with write(2).
    public static func writeToStandardError(_ text: String) {
        var line = Array(text.utf8)
        line.append(UInt8(ascii: "\n"))
        line.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(STDERR_FILENO, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                offset += n
            }
        }
    }

    /// The default state folder for a user: `$XDG_STATE_HOME/setkey`, else
    /// `$HOME/.local/state/setkey`; for root (effective uid 0) `/var/lib/setkey`.
    /// - Parameter environment: the process environment (`XDG_STATE_HOME`, `HOME`).
    /// - Returns: nil when no home folder can be found.
    public static func defaultStateDirectory(environment: [String: String], effectiveUID: uid_t = geteuid()) -> String? {
        if effectiveUID == 0 { return "/var/lib/setkey" }
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") { return xdg + "/setkey" }
        if let home = environment["HOME"], home.hasPrefix("/") { return home + "/.local/state/setkey" }
        if let entry = getpwuid(effectiveUID), let dir = entry.pointee.pw_dir {
            let home = String(cString: dir)
            if home.hasPrefix("/") { return home + "/.local/state/setkey" }
        }
        return nil
    }
}
