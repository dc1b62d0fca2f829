/// Renders dumps as setkey statements (`add ...;`, `spdadd ...;`) that can be fed back to
/// `setkey -f`: a way to save and restore tables. Empty dumps print nothing.
public final class StatementRenderer: ResultRenderer {
    private let sink: any TextSink
    private let keys: KeyDisplay
    /// Not used: empty dumps print nothing.
    public var resultLine: Int?

    public init(sink: any TextSink, keys: KeyDisplay) {
        self.sink = sink
        self.keys = keys
    }

    public func beginSADump() {}
    public func sa(_ sa: SecurityAssociation) { sink.write(CanonicalSyntax.text(of: Statement.add(sa), keys: keys) + "\n") }
    public func endSADump() {}
    public func getReply(_ sa: SecurityAssociation) { self.sa(sa) }
    public func beginPolicyDump() {}
    public func policy(_ policy: SecurityPolicy) { sink.write(CanonicalSyntax.text(of: Statement.spdAdd(policy)) + "\n") }
    public func endPolicyDump() {}
    public func event(_ event: KeyEvent) {
        if let sa = event.sa { self.sa(sa) }
        if let p = event.policy { policy(p) }
    }
    public func flush() {}
}
