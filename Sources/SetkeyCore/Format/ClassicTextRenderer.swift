/// Renders results as the classic setkey prints them (`-D`, `-DP`, `get`), byte for byte in
/// the personality's wording, and monitor events as a timestamped record.
///
/// Dump records are numbered as the personality's kernel numbers them unless the backend
/// reported the numbers (see `DumpNumbering`); dead SAs are counted but not printed without
/// `-a` (`showDead`). Text is handed to the sink in batches of whole records during a dump
/// and at once for a `get` reply or an event, so it interleaves correctly with other output.
///
/// Counterpart: `postproc()` in setkey.c with `pfkey_sadump()` / `pfkey_spdump()`.
public final class ClassicTextRenderer: ResultRenderer, TraceTextAccepting {
    /// The options records are printed with.
    public let options: FormatOptions
    private let sink: TextSink
    private let saRecord: ClassicSARecord
    private let policyRecord: ClassicPolicyRecord
    private var saNumbering: DumpNumbering<SecurityAssociation>
    private var policyNumbering: DumpNumbering<SecurityPolicy>
    private var buffer = TextBuffer(capacity: 1 << 16)
    private var times = TimeText()
    public var resultLine: Int?

    /// Flush a dump's text to the sink when this many bytes are waiting.
    private static let batchBytes = 1 << 16

    public init(options: FormatOptions, sink: TextSink) {
        self.options = options
        self.sink = sink
        saRecord = ClassicSARecord(options: options)
        policyRecord = ClassicPolicyRecord(options: options)
        saNumbering = DumpNumbering(personality: options.personality)
        policyNumbering = DumpNumbering(personality: options.personality)
    }

    public func beginSADump() {
        saNumbering.reset()
    }

    public func sa(_ sa: SecurityAssociation) {
        saNumbering.add(sa, reported: sa.reported?.messageSequence) { record, seq in
            appendSA(record, sequence: seq)
        }
    }

    public func endSADump() {
        saNumbering.finish { record, seq in appendSA(record, sequence: seq) }
        if saNumbering.count == 0 { appendEmpty("No SAD entries.\n") }
        writeOut()
    }

    public func getReply(_ sa: SecurityAssociation) {
        appendSA(sa, sequence: sa.reported?.messageSequence ?? 0, skippingDead: false)
        writeOut()
    }

    public func beginPolicyDump() {
        policyNumbering.reset()
    }

    public func policy(_ policy: SecurityPolicy) {
        policyNumbering.add(policy, reported: policy.reported?.messageSequence) { record, seq in
            appendPolicy(record, sequence: seq)
        }
    }

    public func endPolicyDump() {
        policyNumbering.finish { record, seq in appendPolicy(record, sequence: seq) }
        if policyNumbering.count == 0 { appendEmpty("No SPD entries.\n") }
        writeOut()
    }

    /// A timestamp line (`-x` style, with its trailing blank), the event's name, the SA or
    /// policy record it concerns, and an empty line.
    public func event(_ event: KeyEvent) {
        TimeText.appendMonitorStamp(seconds: event.seconds, microseconds: event.microseconds,
                                    style: options.monitorTimestamps, to: &buffer)
        buffer.append(" \n")
        if case .other(let name) = event.kind {
            buffer.append("other ")
            buffer.append(name)
        } else {
            buffer.append(event.kind.name)
        }
        if event.saType != .unspecified {
            buffer.append(byte: 0x20)
            buffer.append(event.saType.keyword)
        }
        buffer.append(byte: 0x0a)
        if let sa = event.sa {
            appendSA(sa, sequence: sa.reported?.messageSequence ?? 0, pid: event.originPID, skippingDead: false)
        }
        if let policy = event.policy {
            appendPolicy(policy, sequence: policy.reported?.messageSequence ?? 0, pid: event.originPID)
        }
        buffer.append(byte: 0x0a)
        writeOut()
    }

    /// Prints `text` after the records emitted so far (records still held back for numbering
    /// come later).
    public func trace(_ text: String) {
        buffer.append(text)
        writeOut()
    }

    /// Prints records still held back (an unfinished dump), without an empty-dump message.
    public func flush() {
        saNumbering.finish { record, seq in appendSA(record, sequence: seq) }
        policyNumbering.finish { record, seq in appendPolicy(record, sequence: seq) }
        writeOut()
    }

    private func appendSA(_ sa: SecurityAssociation, sequence: UInt32, pid: UInt32? = nil,
                          skippingDead: Bool = true) {
        if skippingDead && sa.state == .dead && !options.showDead { return }
        let pid = sa.reported?.messagePID ?? pid ?? options.pid
        saRecord.append(sa, sequence: sequence, pid: pid, now: options.currentTime, times: &times, to: &buffer)
        writeIfFull()
    }

    private func appendPolicy(_ policy: SecurityPolicy, sequence: UInt32, pid: UInt32? = nil) {
        let pid = policy.reported?.messagePID ?? pid ?? options.pid
        policyRecord.append(policy, sequence: sequence, pid: pid, times: &times, to: &buffer)
        writeIfFull()
    }

    private func appendEmpty(_ text: StaticString) {
        if let resultLine {
            buffer.append("The result of line ")
            buffer.appendDecimal(UInt64(max(0, resultLine)))
            buffer.append(": ")
        }
        buffer.append(text)
    }

    private func writeIfFull() {
        if buffer.bytes.count >= Self.batchBytes { writeOut() }
    }

    private func writeOut() {
        guard !buffer.isEmpty else { return }
        sink.write(buffer.text)
        buffer.removeAll()
    }
}

extension KeyEvent.Kind {
    /// A stable lower-case name (`sa-added`, `sa-expired-soft`, `policy-flushed`), used by the
    /// text monitor lines and as JSON's `event` value.
    public var name: String {
        switch self {
        case .saAdded: return "sa-added"
        case .saUpdated: return "sa-updated"
        case .saDeleted: return "sa-deleted"
        case .saExpired(let hard): return hard ? "sa-expired-hard" : "sa-expired-soft"
        case .saFlushed: return "sa-flushed"
        case .acquire: return "acquire"
        case .policyAdded: return "policy-added"
        case .policyUpdated: return "policy-updated"
        case .policyDeleted: return "policy-deleted"
        case .policyExpired: return "policy-expired"
        case .policyFlushed: return "policy-flushed"
        case .other: return "other"
        }
    }
}
