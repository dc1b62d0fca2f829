/// Renders results as JSON documents of schema `setkey/1`: a dump is one document with its
/// records in an array, a `get` reply one document, each monitor event one document. Every
/// document is written on one line, so the output of any run is JSON Lines (and a single
/// `-D` is plain JSON). Dumps stream: records are written as they arrive. Dead SAs are left
/// out without `-a`.
///
/// Counterpart: none in setkey (ours); schema in `Schemas/setkey-output-v1.schema.json`.
public final class JSONRenderer: ResultRenderer {
    /// The `schema` value of every document.
    public static let schemaVersion = "setkey/1"

    /// The options records are written with.
    public let options: FormatOptions
    private let sink: TextSink
    private let records: JSONRecords
    private var writer = JSONWriter()
    private var openDump = false
    /// Not used: JSON has its own way of saying a dump is empty.
    public var resultLine: Int?

    public init(options: FormatOptions, sink: TextSink) {
        self.options = options
        self.sink = sink
        records = JSONRecords(options: options)
    }

    public func beginSADump() { beginDump(type: "sa-dump", array: "sas") }

    public func sa(_ sa: SecurityAssociation) {
        guard openDump, sa.state != .dead || options.showDead else { return }
        records.write(sa, to: &writer)
        writeIfFull()
    }

    public func endSADump() { endDump() }

    public func getReply(_ sa: SecurityAssociation) {
        beginDocument(type: "sa")
        writer.key("sa")
        records.write(sa, to: &writer)
        endDocument()
    }

    public func beginPolicyDump() { beginDump(type: "policy-dump", array: "policies") }

    public func policy(_ policy: SecurityPolicy) {
        guard openDump else { return }
        records.write(policy, to: &writer)
        writeIfFull()
    }

    public func endPolicyDump() { endDump() }

    /// One line per event.
    public func event(_ event: KeyEvent) {
        if openDump { endDump() }
        writer.beginObject()
        writer.field("schema", Self.schemaVersion)
        writer.field("type", "event")
        writer.field("event", event.kind.name)
        if case .other(let name) = event.kind { writer.field("name", name) }
        writer.key("time")
        records.writeTime(event.seconds, microseconds: event.microseconds, to: &writer)
        writer.field("saType", event.saType.keyword)
        if let pid = event.originPID { writer.field("pid", pid) }
        if let sa = event.sa {
            writer.key("sa")
            records.write(sa, to: &writer)
        }
        if let policy = event.policy {
            writer.key("policy")
            records.write(policy, to: &writer)
        }
        endDocument()
    }

    /// Closes a dump left open and writes out what is pending.
    public func flush() {
        if openDump { endDump() }
        writeOut()
    }

    private func beginDocument(type: String) {
        if openDump { endDump() }
        writer.beginObject()
        writer.field("schema", Self.schemaVersion)
        writer.field("type", type)
        writer.key("time")
        records.writeTime(options.currentTime, microseconds: nil, to: &writer)
    }

    private func endDocument() {
        writer.endObject()
        writer.endLine()
        writeOut()
    }

    private func beginDump(type: String, array: StaticString) {
        beginDocument(type: type)
        writer.key(array)
        writer.beginArray()
        openDump = true
    }

    private func endDump() {
        guard openDump else { return }
        openDump = false
        writer.endArray()
        endDocument()
    }

    private func writeIfFull() {
        if writer.buffer.bytes.count >= 1 << 16 { writeOut() }
    }

    private func writeOut() {
        guard !writer.buffer.isEmpty else { return }
        sink.write(writer.takeText())
    }
}
