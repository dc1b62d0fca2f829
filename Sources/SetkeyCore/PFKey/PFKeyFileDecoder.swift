extension PFKey {
    /// What one message of a positional file prints as.
    public enum FileRecord: Sendable, Hashable {
        /// A kernel error reply: the line without its newline (`No SAD entries.`, `File exists.`).
        case errorLine(String)
        /// An SA to print as a dump record (a GET reply or a DUMP record). `verboseTrailer` is
        /// what `-v` adds after a DUMP record (see `VerboseReceiveBuffer`), nil for GET.
        case sa(SecurityAssociation, verboseTrailer: String?)
        /// A policy to print as an SP dump record (SPDGET, SPDDUMP).
        case policy(SecurityPolicy)
        /// Text printed as is, newline included: libipsec's structure error
        /// (`Invalid extension type`) or a record cut short (`no SA2 extension.`).
        case text(String)
    }

    /// Positional FILE mode (`setkey FILE ...`): each file holds raw PF_KEY messages, each
    /// printed as if the kernel had returned it. Only the first 32 KiB are read (setkey's
    /// buffer). Error replies print their text, GET and DUMP records print as SA records
    /// (DUMP skips dead SAs unless `-a`), SPDGET and SPDDUMP as SP records; other types print
    /// nothing.
    ///
    /// A file shorter than 16 bytes fails with EINVAL before anything is printed. A message
    /// whose length is 0 (setkey would loop forever) or runs past the data ends the file with
    /// EINVAL after the records before it; setkey prints `setkey: FILE: Invalid argument`.
    /// Counterpart: ipsec-tools `fileproc` and `postproc`.
    public enum FileDecoder {
        /// The records of a file and, when it ended in error, the errno to report.
        public struct Output: Sendable, Hashable {
            public var records: [FileRecord]
            public var error: Errno?

            public init(records: [FileRecord], error: Errno?) {
                self.records = records
                self.error = error
            }
        }

        /// Decodes a file's bytes. `withPorts` (`-p`) only changes the text of records cut
        /// short after their addresses; `hideKeys` (`--nokeys`) prints key bytes in the `-v`
        /// trailers as their length.
        public static func decode(_ bytes: [UInt8], wire: Wire = .native, includeDead: Bool = false,
                                  withPorts: Bool = false, hideKeys: Bool = false) -> Output {
            let data = Array(bytes.prefix(PFKey.setkeyReceiveBufferSize))
            guard data.count >= PFKey.headerSize else { return Output(records: [], error: .invalidArgument) }
            var records = [FileRecord]()
            var offset = 0
            while offset < data.count {
                guard offset + PFKey.headerSize <= data.count else { return Output(records: records, error: .invalidArgument) }
                let length = Int(ByteView(bytes: data).u16(offset + 4, wire.hostOrder)) * 8
                guard length >= PFKey.headerSize, offset + length <= data.count else {
                    return Output(records: records, error: .invalidArgument)
                }
                let message = Array(data[offset..<offset + length])
                let trailer = DebugPrinter.record(data, offset: offset + length, wire: wire, hideKeys: hideKeys)
                if let r = record(message, wire: wire, includeDead: includeDead, withPorts: withPorts, trailer: trailer) {
                    records.append(r)
                }
                offset += length
            }
            return Output(records: records, error: nil)
        }

        /// The record of one message, nil when setkey prints nothing for it.
        static func record(_ m: [UInt8], wire: Wire, includeDead: Bool, withPorts: Bool, trailer: String) -> FileRecord? {
            let type = m[1], errno = m[2]
            if errno != 0 { return .errorLine(errorText(type: type, errno: errno) + ".") }
            switch MessageType(rawValue: type) {
            case .get?:
                return saRecord(m, wire: wire, withPorts: withPorts, trailer: nil)
            case .dump?:
                if !includeDead, isDead(m, wire: wire) { return nil }
                return saRecord(m, wire: wire, withPorts: withPorts, trailer: trailer)
            case .spdGet?, .spdDump?:
                return policyRecord(m, wire: wire)
            default:
                return nil
            }
        }

        /// `No entry`, `No SAD entries`, `No SPD entries` for ENOENT, else `strerror`. ENOENT
        /// on another type prints glibc's `(null)` (setkey passes a NULL string to printf).
        public static func errorText(type: UInt8, errno: UInt8) -> String {
            guard CInt(errno) == Errno.noSuchFileOrDirectory.rawValue else { return Errno(CInt(errno)).description }
            switch MessageType(rawValue: type) {
            case .delete?, .get?, .spdDelete?: return "No entry"
            case .dump?: return "No SAD entries"
            case .spdDump?: return "No SPD entries"
            default: return "(null)"
            }
        }

        /// Whether the SA extension that `pfkey_align` finds before any problem says dead.
        static func isDead(_ m: [UInt8], wire: Wire) -> Bool {
            let v = ByteView(bytes: m)
            let end = Int(v.u16(4, wire.hostOrder)) * 8
            var p = PFKey.headerSize
            while p + 4 <= end {
                let length = Int(v.u16(p, wire.hostOrder)) * 8
                guard length >= 4, p + length <= end else { return false }
                if v.u16(p + 2, wire.hostOrder) == 1 { return v.u8(p + 9) == SAState.dead.rawValue }
                p += length
            }
            return false
        }
    }
}
