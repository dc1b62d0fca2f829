#if canImport(Glibc)
import Glibc
#endif

/// A point in wall-clock time with microsecond resolution.
public struct EngineInstant: Sendable, Hashable, Comparable {
    /// Seconds since the epoch.
    public var seconds: UInt64
    /// Microseconds within the second (0..<1_000_000).
    public var microseconds: UInt32

    public init(seconds: UInt64, microseconds: UInt32 = 0) {
        self.seconds = seconds
        self.microseconds = microseconds
    }

    /// Microseconds since the epoch.
    var totalMicroseconds: UInt64 { seconds &* 1_000_000 &+ UInt64(microseconds) }

    init(totalMicroseconds: UInt64) {
        seconds = totalMicroseconds / 1_000_000
        microseconds = UInt32(totalMicroseconds % 1_000_000)
    }

    public static func < (a: EngineInstant, b: EngineInstant) -> Bool {
        (a.seconds, a.microseconds) < (b.seconds, b.microseconds)
    }
}

/// Where the engine gets the time from. Lifetimes are checked against it whenever the engine
/// is opened or used; tests substitute a `ManualClock`.
/// Counterpart: `ktime_get_real_seconds()` in the kernel's SA timer.
public protocol EngineClock: AnyObject {
    /// The current time.
    func now() -> EngineInstant
}

/// The real clock: `clock_gettime(CLOCK_REALTIME)`.
public final class SystemClock: EngineClock {
    public init() {}

    public func now() -> EngineInstant {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return EngineInstant(seconds: UInt64(max(0, ts.tv_sec)), microseconds: UInt32(max(0, ts.tv_nsec) / 1000))
    }
}

/// A clock that only moves when told to, for tests of lifetimes.
public final class ManualClock: EngineClock {
    private var current: EngineInstant

    /// A clock standing at `seconds` since the epoch.
    public init(seconds: UInt64) {
        current = EngineInstant(seconds: seconds)
    }

    public func now() -> EngineInstant { current }

    /// Moves the clock forward by `seconds`.
    public func advance(by seconds: UInt64) {
        current.seconds += seconds
    }
}
