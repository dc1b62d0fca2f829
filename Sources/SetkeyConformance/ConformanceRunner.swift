import SetkeyCore

/// How one scenario ended.
public enum ScenarioOutcome: Sendable, Hashable {
    case passed
    /// What went wrong: backend, scenario, step and inputs are in the text.
    case failed(String)
    /// The backend (or its host) cannot support it; the text names the capability.
    case unsupported(String)
}

/// One scenario's result.
public struct ScenarioResult: Sendable, Hashable {
    public var name: String
    public var summary: String
    public var outcome: ScenarioOutcome
}

/// Runs scenarios against one opened backend, each on freshly flushed tables, and says for
/// each whether it passed, failed (with backend, scenario, step and inputs) or is unsupported
/// (with the missing capability).
public final class ConformanceRunner {
    let backendName: String
    let backend: any KeyBackend
    let context: ScenarioContext

    public init(backendName: String, backend: any KeyBackend) {
        self.backendName = backendName
        self.backend = backend
        context = ScenarioContext(personality: backend.capabilities.personality, capabilities: backend.capabilities)
    }

    /// Runs `scenarios` in order (all of the suite when nil) whose name contains `filter`.
    public func run(_ scenarios: [Scenario]? = nil, filter: String? = nil) -> [ScenarioResult] {
        let list = scenarios ?? ConformanceSuite.scenarios(for: backend.capabilities)
        var results = [ScenarioResult]()
        for s in list where filter.map({ s.name.containsText($0) }) ?? true {
            results.append(ScenarioResult(name: s.name, summary: s.summary, outcome: run(s)))
        }
        return results
    }

    /// Runs one scenario.
    public func run(_ scenario: Scenario) -> ScenarioOutcome {
        let missing = scenario.requirements.compactMap { $0.missing(in: backend.capabilities) }
        if !missing.isEmpty { return .unsupported("needs " + missing.joined(separator: ", ")) }
        if let problem = reset() { return .failed("backend \(backendName), scenario \(scenario.name): \(problem)") }
        for (i, step) in scenario.steps.enumerated() {
            let where_ = "backend \(backendName), scenario \(scenario.name), step \(i + 1) `\(step.inputs)`"
            switch perform(step, scenario: scenario) {
            case .ok: continue
            case .failed(let why): return .failed("\(where_): \(why)")
            case .hostUnsupported(let why): return .unsupported("host kernel refused step \(i + 1): \(why)")
            }
        }
        return .passed
    }

    enum StepOutcome {
        case ok
        case failed(String)
        case hostUnsupported(String)
    }

    /// Flushes both tables; returns why not, if it failed.
    func reset() -> String? {
        do {
            for r in try backend.apply([.flush(.unspecified), .spdFlush]) {
                if case .failure(let e) = r { return "flushing the tables failed: \(e)" }
            }
        } catch {
            return "flushing the tables failed: \(error)"
        }
        return nil
    }

    func statements(_ text: String, scenario: Scenario) -> Result<[Statement], CheckFailure> {
        let parsed = ScriptParser.parse(Array(text.utf8), options: ParseOptions(fileName: "scenario \(scenario.name)"))
        if parsed.hasErrors {
            let first = parsed.diagnostics.first { $0.severity == .error }
            return .failure(CheckFailure("the scenario's text does not parse (a suite bug): \(first?.description ?? "?")"))
        }
        return .success(parsed.statements.map(\.statement))
    }

    /// Whether a failure means the host kernel lacks the facility rather than a wrong backend.
    func isHostLimitation(_ e: BackendError) -> Bool {
        backend.capabilities.features.contains(.kernel) && e.errno == .protocolNotSupported
    }

    func perform(_ step: Step, scenario: Scenario) -> StepOutcome {
        switch step {
        case .apply(let text), .applyFails(let text, _):
            let parsed: [Statement]
            switch statements(text, scenario: scenario) {
            case .failure(let why): return .failed(why.message)
            case .success(let s): parsed = s
            }
            let mutations = parsed.compactMap(\.mutation)
            let results: [Result<Void, BackendError>]
            do { results = try backend.apply(mutations) } catch { return .failed("the batch failed: \(error)") }
            guard results.count == mutations.count else {
                return .failed("\(results.count) results for \(mutations.count) requests")
            }
            if case .applyFails(_, let expected) = step {
                guard results.count == 1 else { return .failed("applyFails takes one statement") }
                switch results[0] {
                case .success: return .failed("expected failure \(expected), but it succeeded")
                case .failure(let e):
                    if isHostLimitation(e) { return .hostUnsupported(e.description) }
                    return expected.matches(e) ? .ok : .failed("expected \(expected), got \(e.errno.name) (\(e))")
                }
            }
            for (m, r) in zip(mutations, results) {
                if case .failure(let e) = r {
                    if isHostLimitation(e) { return .hostUnsupported(e.description) }
                    return .failed("\(m.keyword) failed: \(e.errno.name) (\(e))")
                }
            }
            return .ok
        case .get(let text, _), .getFails(let text, _):
            guard case .success(let parsed) = statements(text, scenario: scenario),
                  parsed.count == 1, case .get(let id) = parsed[0] else {
                return .failed("a get step needs one 'get ...;' statement (a suite bug)")
            }
            let reply: Result<SecurityAssociation, BackendError>
            do throws(BackendError) { reply = .success(try backend.get(id)) } catch { reply = .failure(error) }
            switch (reply, step) {
            case (.success(let sa), .get(_, let check)):
                do throws(CheckFailure) { try check(sa, context) } catch { return .failed(error.message) }
                return .ok
            case (.success, _):
                return .failed("expected get to fail, it returned an SA")
            case (.failure(let error), .getFails(_, let expected)):
                return expected.matches(error) ? .ok : .failed("expected \(expected), got \(error.errno.name)")
            case (.failure(let error), _):
                if isHostLimitation(error) { return .hostUnsupported(error.description) }
                return .failed("get failed: \(error.errno.name) (\(error))")
            }
        case .dumpSAs(let type, let check):
            var list = [SecurityAssociation]()
            do { try backend.dumpSAs(SADumpFilter(type: type)) { list.append($0) } } catch {
                return .failed("dump failed: \(error)")
            }
            do throws(CheckFailure) { try check(list, context) } catch { return .failed(error.message) }
            return .ok
        case .dumpPolicies(let check):
            var list = [SecurityPolicy]()
            do { try backend.dumpPolicies { list.append($0) } } catch { return .failed("spddump failed: \(error)") }
            do throws(CheckFailure) { try check(list, context) } catch { return .failed(error.message) }
            return .ok
        }
    }
}
