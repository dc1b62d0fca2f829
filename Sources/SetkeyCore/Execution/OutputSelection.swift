/// Picks the renderer for a run from its flags: JSON (`--json`), the short form (`-l` with
/// `-D`), or the classic setkey text in the backend's personality; keys hidden with `--nokeys`,
/// ports shown with `-p`, dead SAs with `-a`, epoch timestamps with `-xx`.
public enum OutputSelection {
    /// The formatting options an invocation asks for on a backend of `capabilities`.
    public static func options(for inv: Invocation, capabilities: BackendCapabilities) -> FormatOptions {
        FormatOptions(personality: capabilities.personality, showPorts: inv.showPorts,
                      keys: inv.hideKeys ? .redacted : .show, showDead: inv.includeDead,
                      monitorTimestamps: inv.monitorLevel >= 2 ? .epoch : .timeOfDay)
    }

    public static func renderer(for inv: Invocation, capabilities: BackendCapabilities,
                                sink: any TextSink) -> any ResultRenderer {
        let options = options(for: inv, capabilities: capabilities)
        if inv.json { return JSONRenderer(options: options, sink: sink) }
        if inv.loop, inv.mode == .dump, !inv.policies { return ShortFormatRenderer(options: options, sink: sink) }
        return ClassicTextRenderer(options: options, sink: sink)
    }
}
