#if canImport(Glibc)
import Glibc
#endif

/// A backend that does not speak PF_KEY (userspace, record, xfrm), wrapped so that `-v` and
/// `-H` show the PF_KEY messages setkey would have exchanged with a kernel of the backend's
/// personality: each request as `PFKey.RequestBuilder` encodes it, each answer as
/// `PFKey.KernelReplyBuilder` imitates the kernel's (error replies, the echo of a change, dump
/// records numbered as that kernel numbers them). Requests go to the wrapped backend one at a
/// time so every request is printed with its own answer. A backend that does speak PF_KEY
/// (`PFKeyMessageObserving`) shows its real traffic instead: then this only forwards, and ends
/// each SA dump's trace. Only the session makes these; it is not a plugin.
final class PFKeyTracingBackend: KeyBackend {
    static let name = "pfkey-trace"
    static let summary = "shows the PF_KEY messages of another backend (-v, -H)"

    private let inner: any KeyBackend
    private let trace: PFKeyTrace
    private let requests: PFKey.RequestBuilder
    private let kernel: PFKey.KernelReplyBuilder
    private let pid: UInt32
    /// False when the wrapped backend reports its real PF_KEY traffic to the trace itself.
    private let synthesizes: Bool

    var capabilities: BackendCapabilities { inner.capabilities }

    /// Wraps `inner`. A PF_KEY backend gets `trace` as its observer (its wire must be the
    /// trace's); any other has its messages made up.
    init(wrapping inner: any KeyBackend, trace: PFKeyTrace, pid: UInt32) {
        self.inner = inner
        self.trace = trace
        self.pid = pid
        requests = PFKey.RequestBuilder(wire: trace.wire, pid: pid)
        kernel = PFKey.KernelReplyBuilder(wire: trace.wire)
        if let observed = inner as? any PFKeyMessageObserving {
            observed.pfkeyObserver = { [trace] in trace.observe($0) }
            synthesizes = false
        } else {
            synthesizes = true
        }
    }

    /// The wire a trace of `backend` decodes: its own when it speaks PF_KEY, else that of a
    /// kernel of its personality.
    static func wire(for backend: any KeyBackend) -> PFKey.Wire {
        (backend as? any PFKeyMessageObserving)?.pfkeyWire ?? PFKey.Wire(personality: backend.capabilities.personality)
    }

    /// Never loaded as a plugin.
    init(context: BackendContext) throws(BackendError) {
        throw .unavailable("pfkey-trace only wraps another backend")
    }

    func apply(_ mutations: [Mutation]) throws(BackendError) -> [Result<Void, BackendError>] {
        guard synthesizes else { return try inner.apply(mutations) }
        var results: [Result<Void, BackendError>] = []
        results.reserveCapacity(mutations.count)
        for m in mutations {
            let sent = requests.messages(for: m)
            for message in sent { send(message) }
            let result: Result<Void, BackendError>
            do {
                result = try inner.apply([m]).first ?? .failure(.malformedReply("backend returned no result"))
            } catch {
                if results.isEmpty { throw error }
                // The rest could not be attempted: each of them failed the same way.
                results += Array(repeating: .failure(error), count: mutations.count - results.count)
                return results
            }
            if let request = sent.first { receive(reply(to: m, request: request, result)) }
            results.append(result)
        }
        return results
    }

    func get(_ identity: SAIdentity) throws(BackendError) -> SecurityAssociation {
        guard synthesizes else { return try inner.get(identity) }
        let request = requests.get(identity)
        send(request)
        do {
            let sa = try inner.get(identity)
            receive(kernel.saMessage(sa, type: .get, pid: pid))
            return sa
        } catch {
            receive(errorReply(request, error))
            throw error
        }
    }

    func dumpSAs(_ filter: SADumpFilter, _ body: (SecurityAssociation) -> Void) throws(BackendError) {
        guard synthesizes else {
            defer { trace.finishRecord() }
            return try inner.dumpSAs(filter, body)
        }
        try tracedDump(requests.dump(filter.type), fetch: { collect throws(BackendError) in
            try inner.dumpSAs(filter, collect)
        }, numbered: { sa, seq in
            var sa = sa
            sa.reported = sa.reported.map { numbered($0, seq) }
            return sa
        }, message: { sa, seq in
            kernel.saMessage(sa, type: .dump, sequence: seq, pid: pid)
        }, body)
        trace.finishRecord()
    }

    func dumpPolicies(_ body: (SecurityPolicy) -> Void) throws(BackendError) {
        guard synthesizes else { return try inner.dumpPolicies(body) }
        try tracedDump(requests.spdDump(), fetch: { collect throws(BackendError) in
            try inner.dumpPolicies(collect)
        }, numbered: { p, seq in
            var p = p
            p.reported = p.reported.map { numbered($0, seq) }
            return p
        }, message: { p, seq in
            kernel.policyMessage(p, sequence: seq, pid: pid)
        }, body)
    }

    /// A dump as setkey sees it: the request, then (records fetched first, so they can be
    /// numbered as the personality's kernel numbers them) each record's message and the
    /// record itself; an empty or failed dump is answered with an error reply.
    private func tracedDump<Record>(_ request: PFKey.Message,
                                    fetch: ((Record) -> Void) throws(BackendError) -> Void,
                                    numbered: (Record, UInt32) -> Record,
                                    message: (Record, UInt32) -> PFKey.Message,
                                    _ body: (Record) -> Void) throws(BackendError) {
        send(request)
        var records: [Record] = []
        do {
            try fetch { records.append($0) }
        } catch {
            receive(errorReply(request, error))
            throw error
        }
        if records.isEmpty { receive(errorReply(request, .notFound(.noSuchFileOrDirectory))) }
        for (record, seq) in zip(records, Self.numbers(records.count, capabilities.personality)) {
            let record = numbered(record, seq)
            receive(message(record, seq))
            body(record)
        }
    }

    /// `reported` with the dump message's sequence and pid filled in where the backend
    /// reported none.
    private func numbered(_ r: ReportedSAState, _ seq: UInt32) -> ReportedSAState {
        var r = r
        r.messageSequence = r.messageSequence ?? seq
        r.messagePID = r.messagePID ?? pid
        return r
    }

    private func numbered(_ r: ReportedPolicyState, _ seq: UInt32) -> ReportedPolicyState {
        var r = r
        r.messageSequence = r.messageSequence ?? seq
        r.messagePID = r.messagePID ?? pid
        return r
    }

    func monitor(_ handler: (KeyEvent) -> Bool) throws(BackendError) {
        try inner.monitor(handler)
    }

    func close() { inner.close() }

    /// The `sadb_msg_seq` of each of `count` dump records, as the personality's kernel
    /// numbers them (Linux 1, 2, ..., 0; BSD N−1 ... 0).
    static func numbers(_ count: Int, _ personality: Personality) -> [UInt32] {
        var numbers = [UInt32](repeating: 0, count: count)
        var numbering = DumpNumbering<Int>(personality: personality)
        for i in 0..<count { numbering.add(i, reported: nil) { numbers[$0] = $1 } }
        numbering.finish { numbers[$0] = $1 }
        return numbers
    }

    /// What the kernel answers the requester: an error reply, or the notification of the
    /// change (Linux echoes an added SA with its keys, BSD without; other requests are echoed
    /// as sent, the way KAME answers them).
    private func reply(to m: Mutation, request: PFKey.Message, _ result: Result<Void, BackendError>) -> PFKey.Message {
        if case .failure(let error) = result { return errorReply(request, error) }
        var echo = request
        switch m {
        case .add(var sa), .update(var sa):
            // As the kernel holds it now: created this second; Linux keeps only its own flags
            // and turns mode any into transport.
            sa.reported = ReportedSAState(current: Lifetime(addTime: UInt64(max(0, time(nil)))))
            let linux = trace.wire.flavour == .linux
            if linux {
                if sa.mode == .any { sa.mode = .transport }
                sa.flags = sa.flags.intersection(.linuxKernelFlags)
            }
            echo = kernel.saMessage(sa, type: request.type, pid: pid, includeKeys: linux)
        case .spdAdd(let p), .spdUpdate(let p):
            echo = kernel.policyMessage(p, type: request.type, pid: pid)
        case .delete, .deleteAll, .flush, .spdDelete, .spdFlush:
            break
        }
        echo.sequence = 0
        echo.pid = pid
        return echo
    }

    private func errorReply(_ request: PFKey.Message, _ error: BackendError) -> PFKey.Message {
        kernel.errorReply(to: request.type, saType: request.saType, errno: error.errno, sequence: request.sequence,
                          pid: pid)
    }

    private func send(_ message: PFKey.Message) {
        if let bytes = try? message.encoded(for: trace.wire) { trace.sent(bytes) }
    }

    private func receive(_ message: PFKey.Message) {
        if let bytes = try? message.encoded(for: trace.wire) { trace.received(bytes) }
    }
}
