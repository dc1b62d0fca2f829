#if canImport(Glibc)
import Glibc
#endif

/// How monitor (`-x`) timestamps are printed.
/// Counterpart: setkey's `f_tflag` (`-x` once: time of day; `-xx`: epoch seconds).
public enum MonitorTimestampStyle: Sendable, Hashable {
    /// `18:21:11.123456 ` (local time of day).
    case timeOfDay
    /// `1733250071.123456 ` (seconds since the epoch).
    case epoch
}

/// Everything a renderer needs besides the records: the dialect, the command-line switches
/// that change output, and the values a backend may not report (the clock, the pid).
///
/// Counterpart: setkey's `f_withports` (`-p`), `f_all` (`-a`), our `--nokeys`, and the
/// compile-time switches behind `Personality`.
public struct FormatOptions: Sendable, Hashable {
    /// Whose wording to reproduce: ipsec-tools on Linux, on NetBSD/QNX, or FreeBSD's setkey.
    public var personality: Personality
    /// `-p`: print ports after SA addresses and tunnel endpoints (not on FreeBSD).
    public var showPorts: Bool
    /// `--nokeys` hides key bytes (their length is still shown).
    public var keys: KeyDisplay
    /// `-a`: also print SAs in state dead.
    public var showDead: Bool
    /// The time printed as "current" and used for ages, epoch seconds; nil reads the system
    /// clock each time a record is printed (tests fix it).
    public var now: Int64?
    /// The pid printed for records whose backend did not report `sadb_msg_pid`.
    public var pid: UInt32
    /// How monitor events are timestamped.
    public var monitorTimestamps: MonitorTimestampStyle

    /// - Parameters:
    ///   - pid: defaults to this process's pid, which is what kernels echo.
    public init(personality: Personality = .linux, showPorts: Bool = false, keys: KeyDisplay = .show,
                showDead: Bool = false, now: Int64? = nil, pid: UInt32? = nil,
                monitorTimestamps: MonitorTimestampStyle = .timeOfDay) {
        self.personality = personality
        self.showPorts = showPorts
        self.keys = keys
        self.showDead = showDead
        self.now = now
        self.pid = pid ?? UInt32(truncatingIfNeeded: getpid())
        self.monitorTimestamps = monitorTimestamps
    }

    /// `now`, or the system clock when `now` is nil.
    public var currentTime: Int64 {
        if let now { return now }
        return Int64(time(nil))
    }
}
