/// `-v` and `-H`: the PF_KEY messages of a run printed as setkey prints them around each
/// `send` and `recv`: with `-v` the debug decoding of every message sent and received (each
/// followed by an empty line, and after each SA dump record the spurious record 0.9.1 decodes
/// from the rest of its receive buffer); with `-H` the hex dump of every message sent, after
/// its decoding.
///
/// The pfkey backend feeds it the real bytes (`PFKeyMessageObserving`); for other backends
/// `PFKeyTracingBackend` feeds it the messages setkey would have exchanged with a kernel of
/// the backend's personality. The text goes to `write`, which must keep it in order with the
/// records the renderer prints.
/// Counterpart: the `f_verbose`/`f_hexdump` blocks of ipsec-tools `sendkeymsg` and `postproc`.
final class PFKeyTrace {
    let verbose: Bool
    let hex: Bool
    /// `--nokeys`: key bytes shown as their length in the decoding, zeroed in the hex dump.
    let hideKeys: Bool
    let wire: PFKey.Wire
    private let write: (String) -> Void
    private var receiveBuffer: PFKey.VerboseReceiveBuffer?
    /// The length of the last SA dump record received, whose trailing record is still due
    /// (it follows the record's text, which the renderer prints after the decoding).
    private var trailingAfter: Int?

    init(verbose: Bool, hex: Bool, hideKeys: Bool, wire: PFKey.Wire, write: @escaping (String) -> Void) {
        self.verbose = verbose
        self.hex = hex
        self.hideKeys = hideKeys
        self.wire = wire
        self.write = write
    }

    /// Whether the invocation asks for a trace at all.
    static func wanted(by inv: Invocation) -> Bool { inv.verbose > 0 || inv.hex }

    /// Prints what setkey prints for one message before sending it.
    func sent(_ bytes: [UInt8]) {
        finishRecord()
        var text = verbose ? PFKey.DebugPrinter.record(bytes, wire: wire, hideKeys: hideKeys) : ""
        if hex { text += PFKey.HexDump.text(hideKeys ? PFKey.HexDump.redactingKeys(bytes, wire: wire) : bytes) }
        if !text.isEmpty { write(text) }
    }

    /// Prints what setkey prints for one message it received (with `-v` only).
    func received(_ bytes: [UInt8]) {
        finishRecord()
        guard verbose else { return }
        if receiveBuffer == nil { receiveBuffer = PFKey.VerboseReceiveBuffer() }
        receiveBuffer?.receive(bytes)
        write(PFKey.DebugPrinter.record(bytes, wire: wire, hideKeys: hideKeys))
        if bytes.count >= PFKey.headerSize, bytes[1] == PFKey.MessageType.dump.rawValue, bytes[2] == 0 {
            trailingAfter = bytes.count
        }
    }

    /// The PF_KEY traffic the pfkey backend reports.
    func observe(_ traffic: PFKey.Traffic) {
        switch traffic {
        case .sent(let b): sent(b)
        case .received(let b): received(b)
        }
    }

    /// Prints the trailing record still due after an SA dump record; call once the renderer
    /// has printed that record (at the end of a dump, before anything else is sent).
    func finishRecord() {
        guard let length = trailingAfter, let buffer = receiveBuffer else { return }
        trailingAfter = nil
        write(buffer.trailingRecord(after: length, wire: wire, hideKeys: hideKeys))
    }
}
