#if canImport(Glibc)
import Glibc
#endif

extension PFKey {
    /// One `-x` record: a timestamp line, the hex dump when `-H` is given, then the debug
    /// decoding and an empty line. A BSD `SADB_X_PROMISC` envelope is skipped; an envelope
    /// (or Linux PROMISC message) with nothing inside prints only the timestamp and hex.
    /// Counterpart: ipsec-tools `promisc` and `printdate`.
    public enum MonitorRecord {
        /// The record for a message received at `seconds.microseconds`.
        /// - Parameters:
        ///   - style: `-x` (time of day) or `-xx` (epoch seconds).
        ///   - utcOffset: local time minus UTC in seconds, for `-x`; setkey computes it once at
        ///     start (`localUTCOffset()`), so a run that crosses a DST change keeps its offset.
        ///   - hideKeys: `--nokeys`: key bytes zeroed in the hex dump, shown as their length in
        ///     the decoding.
        public static func text(_ received: [UInt8], seconds: Int64, microseconds: Int32, style: MonitorTimestampStyle,
                                utcOffset: Int = 0, hex: Bool, wire: Wire = .native, hideKeys: Bool = false) -> String {
            var out = timestamp(seconds: seconds, microseconds: microseconds, style: style, utcOffset: utcOffset)
            if hex { out += HexDump.text(hideKeys ? HexDump.redactingKeys(received, wire: wire) : received) }
            var offset: Int? = 0
            if received.count >= 2, received[1] == MessageType.promisc.rawValue {
                offset = received.count > PFKey.headerSize ? PFKey.headerSize : nil
            }
            if let offset { out += DebugPrinter.record(received, offset: offset, wire: wire, hideKeys: hideKeys) }
            return out
        }

        /// The timestamp line, with its blank before the newline.
        public static func timestamp(seconds: Int64, microseconds: Int32, style: MonitorTimestampStyle,
                                     utcOffset: Int = 0) -> String {
            let usec = String(UInt32(truncatingIfNeeded: microseconds)).leftPadded(to: 6)
            switch style {
            case .timeOfDay:
                var s = Int((seconds + Int64(utcOffset)) % 86400)
                if s < 0 { s += 86400 }
                let hh = String(s / 3600).leftPadded(to: 2), mm = String(s % 3600 / 60).leftPadded(to: 2)
                let ss = String(s % 60).leftPadded(to: 2)
                return "\(hh):\(mm):\(ss).\(usec) \n"
            case .epoch:
                return "\(UInt32(truncatingIfNeeded: seconds)).\(usec) \n"
            }
        }

        /// The offset of local time from UTC now, in seconds, as `gmt2local(0)` computes it
        /// (hours and minutes of `localtime` minus `gmtime`, corrected across midnight).
        public static func localUTCOffset(at now: Int64? = nil) -> Int {
            #if canImport(Glibc)
            var t = time_t(now ?? Int64(time(nil)))
            var gmt = tm(), loc = tm()
            guard gmtime_r(&t, &gmt) != nil, localtime_r(&t, &loc) != nil else { return 0 }
            var dt = Int(loc.tm_hour - gmt.tm_hour) * 3600 + Int(loc.tm_min - gmt.tm_min) * 60
            var dir = Int(loc.tm_year - gmt.tm_year)
            if dir == 0 { dir = Int(loc.tm_yday - gmt.tm_yday) }
            dt += dir * 86400
            return dt
            #else
            return 0
            #endif
        }
    }

    /// setkey's 32 KiB receive buffer, for one `-v` quirk: after printing each record of an
    /// SA dump, ipsec-tools 0.9.1 debug-decodes the bytes that *follow* the message in its
    /// receive buffer (zeros at first, then whatever longer earlier messages left there),
    /// printing a spurious `sadb_msg{ version=0 ...` record. Feed every received message to
    /// `receive`, and print `trailingRecord(after:)` where setkey does.
    /// Counterpart: the `SADB_DUMP` case of ipsec-tools `postproc`.
    public struct VerboseReceiveBuffer: Sendable {
        private var buffer: [UInt8]

        public init() { buffer = [UInt8](repeating: 0, count: PFKey.setkeyReceiveBufferSize) }

        /// Copies a received message to the start of the buffer, as `recv` does.
        public mutating func receive(_ message: [UInt8]) {
            let n = min(message.count, buffer.count)
            buffer.replaceSubrange(0..<n, with: message.prefix(n))
        }

        /// The spurious record: the debug decoding of the buffer from `length` on, and an empty line.
        public func trailingRecord(after length: Int, wire: Wire = .native, hideKeys: Bool = false) -> String {
            DebugPrinter.record(buffer, offset: length, wire: wire, hideKeys: hideKeys)
        }
    }
}
