/// Renders SA dumps in the one-line-per-SA form of `setkey -D -l` (reference 4.6):
///
///     time p   s spi      ltime   src -> dst
///     2111 esp M 00001000  70/0   192.0.2.1 -> 192.0.2.2
///
/// The header is printed once, before the first dump (the classic tool re-dumps every second
/// under it); `No SAD entries.` still ends an empty dump. Policies, `get` replies and events
/// print as `ClassicTextRenderer` prints them. Dead SAs are skipped without `-a`.
///
/// Counterpart: `shortdump_hdr()` and `shortdump()` in setkey.c.
public final class ShortFormatRenderer: ResultRenderer, TraceTextAccepting {
    /// The options lines are printed with.
    public let options: FormatOptions
    private let sink: TextSink
    private let classic: ClassicTextRenderer
    private var printedHeader = false
    private var count = 0
    private var buffer = TextBuffer(capacity: 1 << 14)
    public var resultLine: Int? {
        didSet { classic.resultLine = resultLine }
    }

    public init(options: FormatOptions, sink: TextSink) {
        self.options = options
        self.sink = sink
        classic = ClassicTextRenderer(options: options, sink: sink)
    }

    /// `%-4s %-3s %-1s %-8s %-7s %s -> %s\n` with the column titles.
    public static let header = "time p   s spi      ltime   src -> dst\n"

    public func beginSADump() {
        count = 0
        printHeaderOnce()
    }

    public func sa(_ sa: SecurityAssociation) {
        count += 1
        if sa.state == .dead && !options.showDead { return }
        Self.appendLine(sa, now: options.currentTime, personality: options.personality, to: &buffer)
        if buffer.bytes.count >= 1 << 14 { writeOut() }
    }

    public func endSADump() {
        if count == 0 {
            if let resultLine { buffer.append("The result of line \(resultLine): ") }
            buffer.append("No SAD entries.\n")
        }
        writeOut()
    }

    public func getReply(_ sa: SecurityAssociation) { classic.getReply(sa) }

    public func beginPolicyDump() {
        printHeaderOnce()
        classic.beginPolicyDump()
    }

    public func policy(_ policy: SecurityPolicy) { classic.policy(policy) }
    public func endPolicyDump() { classic.endPolicyDump() }
    public func event(_ event: KeyEvent) { classic.event(event) }

    public func flush() {
        writeOut()
        classic.flush()
    }

    public func trace(_ text: String) {
        writeOut()
        classic.trace(text)
    }

    private func printHeaderOnce() {
        guard !printedHeader else { return }
        printedHeader = true
        sink.write(Self.header)
    }

    private func writeOut() {
        guard !buffer.isEmpty else { return }
        sink.write(buffer.text)
        buffer.removeAll()
    }

    /// Appends one `-l` line for `sa` at time `now`.
    static func appendLine(_ sa: SecurityAssociation, now: Int64, personality: Personality,
                           to out: inout TextBuffer) {
        let clock = UInt64(bitPattern: now)
        out.appendDecimal(clock % 3600 / 60, zeroPaddedTo: 2)
        out.appendDecimal(clock % 60, zeroPaddedTo: 2)
        out.append(byte: 0x20)
        switch sa.type {
        case .ah: out.append("ah ")
        case .esp: out.append("esp")
        default: out.append("#\(sa.type.rawValue)", leftAlignedIn: 3)
        }
        out.append(byte: 0x20)
        out.append(stateLetter(sa.state))
        out.append(byte: 0x20)
        out.appendHex(UInt64(sa.spi.rawValue), width: 8)
        appendLifetime(sa, now: now, personality: personality, to: &out)
        out.append(byte: 0x20)
        // Linux reports SA addresses with protocol 0 (nothing printed); BSD kernels with 255.
        let proto: UInt8? = personality == .linux ? nil : 255
        appendEndpoint(sa.source, port: sa.sourcePort, proto: proto, to: &out)
        out.append(" -> ")
        appendEndpoint(sa.destination, port: sa.destinationPort, proto: proto, to: &out)
        out.append(byte: 0x0a)
    }

    private static func stateLetter(_ state: SAState) -> String {
        switch state {
        case .larval: return "L"
        case .mature: return "M"
        case .dying: return "D"
        case .dead: return "d"
        }
    }

    /// ` age/hard` (`  70/0  `, ` big/big`), or ` ???/???` when the kernel did not report
    /// all three lifetimes (Linux always does; BSD only when hard and soft were configured).
    private static func appendLifetime(_ sa: SecurityAssociation, now: Int64, personality: Personality,
                                       to out: inout TextBuffer) {
        let present = sa.reported != nil
            && (personality == .linux || (!sa.hardLifetime.isZero && !sa.softLifetime.isZero))
        guard let current = sa.reported?.current, present else {
            out.append(" ???/???")
            return
        }
        let added = Int64(bitPattern: current.addTime)
        let age: UInt32 = added == 0 ? 0 : UInt32(truncatingIfNeeded: now &- added)
        if age >= 1000 {
            out.append(" big/")
        } else {
            out.append(byte: 0x20)
            out.appendDecimal(UInt64(age), width: 3)
            out.append(byte: UInt8(ascii: "/"))
        }
        let hard = UInt32(truncatingIfNeeded: sa.hardLifetime.addTime)
        if hard >= 1000 {
            out.append("big")
        } else {
            out.appendDecimal(UInt64(hard), width: 3, leftAligned: true)
        }
    }

    private static func appendEndpoint(_ address: IPAddress, port: UInt16, proto: UInt8?, to out: inout TextBuffer) {
        if let proto {
            if let name = DumpNames.shortProtocol(proto) { out.append(name) } else { out.append("#\(proto)") }
            out.append(byte: 0x20)
        }
        out.appendAddress(address)
        if port != 0 { ClassicSARecord.appendBracketed(port, to: &out) }
    }
}
