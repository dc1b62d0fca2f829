/// Runs parsed statements against a backend in order: consecutive changes go out in batches
/// (as large as the backend prefers), queries are answered in place, every failure is
/// reported with its line and the rest go on.
///
/// On backends with Linux `fwd` semantics (`.forwardPolicies`) and unless `-k` was given,
/// each `spdadd`/`spdupdate`/`spddelete` of an `in` policy is followed by the same request for
/// `fwd`, as ipsec-tools does by default (`-r`). If the first request is `unique`, the copy uses
/// `require` and no reqid for it (as ipsec-tools); we never reproduce its corrupted copy of
/// policies without requests.
/// Counterpart: setkey's statement loop (reference 2.8, 2.11).
public final class Executor {
    /// What the executor needs to know beyond the statements.
    public struct Options: Sendable {
        /// Install automatic `fwd` copies of `in` policies (`-r`, the default; `-k` clears it).
        public var forwardCopies = true
        public init() {}
    }

    private let backend: any KeyBackend
    private let renderer: any ResultRenderer
    private let reporter: FailureReporter
    private let options: Options
    private var pending: [(Mutation, LocatedStatement)] = []
    private(set) public var summary = ExecutionSummary()

    public init(backend: any KeyBackend, renderer: any ResultRenderer, reporter: FailureReporter, options: Options) {
        self.backend = backend
        self.renderer = renderer
        self.reporter = reporter
        self.options = options
    }

    private var batchSize: Int { max(1, backend.capabilities.preferredBatchSize) }
    private var copiesForward: Bool {
        options.forwardCopies && backend.capabilities.features.contains(.forwardPolicies)
    }

    /// Runs `statements` in order and returns what happened. Stops at `exit`.
    @discardableResult
    public func run(_ statements: [LocatedStatement]) -> ExecutionSummary {
        for located in statements {
            if case .exit = located.statement {
                summary.exitRequested = true
                break
            }
            if let m = located.statement.mutation {
                enqueue(m, located)
                if copiesForward, let copy = Self.forwardCopy(of: m) { enqueue(copy, located) }
                continue
            }
            flushPending()
            query(located)
        }
        flushPending()
        renderer.flush()
        return summary
    }

    private func enqueue(_ m: Mutation, _ located: LocatedStatement) {
        pending.append((m, located))
        if pending.count >= batchSize { flushPending() }
    }

    /// Sends what is queued and reports each failure.
    public func flushPending() {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        summary.attempted += batch.count
        let results: [Result<Void, BackendError>]
        do {
            results = try backend.apply(batch.map(\.0))
        } catch {
            // The whole batch failed (socket gone, lock lost): every statement in it failed.
            for (_, located) in batch { fail(error, located) }
            return
        }
        for (i, (_, located)) in batch.enumerated() {
            let result = i < results.count ? results[i] : .failure(.malformedReply("backend returned no result"))
            if case .failure(let e) = result { fail(e, located) }
        }
    }

    private func fail(_ error: BackendError, _ located: LocatedStatement) {
        summary.failed += 1
        reporter.report(error, line: located.resultLine, file: located.range.start.file)
    }

    private func query(_ located: LocatedStatement) {
        summary.attempted += 1
        renderer.resultLine = reporter.withLines ? located.resultLine : nil
        defer { renderer.resultLine = nil }
        do {
            switch located.statement {
            case .get(let id):
                renderer.getReply(try backend.get(id))
            case .dump(let type):
                renderer.beginSADump()
                do {
                    try backend.dumpSAs(SADumpFilter(type: type, includeDead: true)) { renderer.sa($0) }
                } catch .notFound {
                    // ENOENT on a dump is a kernel's way of saying it is empty.
                }
                renderer.endSADump()
            case .spdDump:
                renderer.beginPolicyDump()
                do {
                    try backend.dumpPolicies { renderer.policy($0) }
                } catch .notFound {
                }
                renderer.endPolicyDump()
            default:
                preconditionFailure("not a query: \(located.statement)")
            }
        } catch {
            renderer.flush()
            fail(error, located)
        }
    }

    /// The automatic `fwd` twin of an `in` policy change, nil for anything else.
    public static func forwardCopy(of m: Mutation) -> Mutation? {
        func twin(_ p: SecurityPolicy) -> SecurityPolicy? {
            guard p.direction == .inbound else { return nil }
            var copy = p
            copy.direction = .forward
            if var first = copy.requests.first, first.level == .unique {
                first.level = .require
                first.reqid = .none
                copy.requests[0] = first
            }
            return copy
        }
        switch m {
        case .spdAdd(let p): return twin(p).map { .spdAdd($0) }
        case .spdUpdate(let p): return twin(p).map { .spdUpdate($0) }
        case .spdDelete(let id):
            guard id.direction == .inbound else { return nil }
            var copy = id
            copy.direction = .forward
            return .spdDelete(copy)
        default: return nil
        }
    }
}
