/// Where rendered text goes (standard output, a buffer in tests).
public protocol TextSink: AnyObject {
    /// Appends `text`.
    func write(_ text: String)
}

/// A renderer that can print text of the run's own between its records, in order with them
/// (the `-v`/`-H` trace of PF_KEY messages). JSON output has none: a trace goes to standard
/// error there.
public protocol TraceTextAccepting: AnyObject {
    /// Prints `text` after every record emitted so far.
    func trace(_ text: String)
}

/// Receives what a run reports (dump records, `get` replies, monitor events) and writes it in
/// one output format (classic setkey text, `-l` short form, JSON). Renderers may hold
/// records back: the classic text numbers dump records (Linux 1, 2, ..., 0; KAME N-1 ... 0),
/// so a renderer may need the next record, or all of them, before printing one.
///
/// Give a dump every SA the backend has, dead ones included (`SADumpFilter.includeDead`):
/// the renderer leaves dead SAs out unless `FormatOptions.showDead` (`-a`), after numbering
/// them as the kernel would. Implementations: `ClassicTextRenderer`, `ShortFormatRenderer`,
/// `JSONRenderer` (see Docs/output-formats.md).
public protocol ResultRenderer: AnyObject {
    /// The script line of the `dump`/`spddump` being answered, nil for `-D`/`-DP`: an empty
    /// dump in a script reads `The result of line N: No SAD entries.`, as setkey prints every
    /// error reply there (an empty dump is the kernel's ENOENT).
    var resultLine: Int? { get set }
    /// A dump of SAs begins (`-D`, `dump`).
    func beginSADump()
    /// One SA of the dump.
    func sa(_ sa: SecurityAssociation)
    /// The dump ended; with no SA in it the renderer prints `No SAD entries.`.
    func endSADump()
    /// The reply to `get`.
    func getReply(_ sa: SecurityAssociation)
    /// A dump of policies begins (`-DP`, `spddump`).
    func beginPolicyDump()
    /// One policy of the dump.
    func policy(_ policy: SecurityPolicy)
    /// The dump ended; with no policy in it the renderer prints `No SPD entries.`.
    func endPolicyDump()
    /// A monitor event (`-x`).
    func event(_ event: KeyEvent)
    /// Writes out anything held back.
    func flush()
}
