import SetkeyCore

/// One conformance scenario: statements in setkey syntax and expectations on what the backend
/// then reports, tagged with the capabilities it needs.
/// Counterpart: a check function of swift-collections' conformance checkers, data-driven.
public struct Scenario: Sendable {
    /// A stable, unique name (`esp-add-get-ipv4`), used by `--filter`.
    public var name: String
    /// What it checks, in one line.
    public var summary: String
    /// What the backend must support; otherwise the scenario is reported unsupported.
    public var requirements: [Requirement]
    /// The steps, run in order on freshly flushed tables.
    public var steps: [Step]

    public init(_ name: String, _ summary: String, requires requirements: [Requirement] = [], steps: [Step]) {
        self.name = name
        self.summary = summary
        self.requirements = requirements
        self.steps = steps
    }
}

/// Something a scenario needs from the backend.
public enum Requirement: Sendable, Hashable, CustomStringConvertible {
    /// The backend stores SAs of this type.
    case saType(SAType)
    /// The backend has this feature.
    case feature(BackendFeatures)
    /// The backend lists this algorithm.
    case algorithm(AlgorithmID)
    /// The backend follows this personality.
    case personality(Personality)

    /// Nil when `capabilities` satisfy it; otherwise the name of what is missing.
    public func missing(in capabilities: BackendCapabilities) -> String? {
        switch self {
        case .saType(let t):
            return capabilities.saTypes.contains(t) ? nil : "SA type \(t.keyword)"
        case .feature(let f):
            return capabilities.features.contains(f) ? nil : "feature \(f.names.joined(separator: "+"))"
        case .algorithm(let id):
            if capabilities.supports(id) { return nil }
            return "algorithm \(AlgorithmCatalogue.descriptor(for: id)?.canonicalName ?? "\(id.number)") (\(id.kind))"
        case .personality(let p):
            return capabilities.personality == p ? nil : "personality \(p)"
        }
    }

    public var description: String {
        switch self {
        case .saType(let t): return "sa-type:\(t.keyword)"
        case .feature(let f): return "feature:\(f.names.joined(separator: "+"))"
        case .algorithm(let id): return "algorithm:\(id)"
        case .personality(let p): return "personality:\(p)"
        }
    }
}

/// The kind of failure a step expects.
public enum ExpectedError: Sendable, Hashable, CustomStringConvertible {
    /// The entry does not exist: ESRCH or ENOENT, as the backend's kernel reports.
    case notFound
    /// The entry exists already: EEXIST.
    case alreadyExists
    /// The request is invalid: EINVAL.
    case invalid
    /// One of these errnos.
    case errno([Errno])

    func matches(_ e: BackendError) -> Bool {
        switch self {
        case .notFound:
            if case .notFound = e { return true }
            return e.errno == .noSuchProcess || e.errno == .noSuchFileOrDirectory
        case .alreadyExists:
            if case .alreadyExists = e { return true }
            return e.errno == .fileExists
        case .invalid:
            return e.errno == .invalidArgument
        case .errno(let list):
            return list.contains(e.errno)
        }
    }

    public var description: String {
        switch self {
        case .notFound: return "not found (ESRCH/ENOENT)"
        case .alreadyExists: return "already exists (EEXIST)"
        case .invalid: return "invalid (EINVAL)"
        case .errno(let list): return list.map(\.name).joined(separator: " or ")
        }
    }
}

/// What a check closure gets: the personality the backend follows (reported values differ
/// per kernel family) and its capabilities.
public struct ScenarioContext: Sendable {
    public var personality: Personality
    public var capabilities: BackendCapabilities
}

/// A check of reported values; throws `CheckFailure` describing the first mismatch.
public typealias SACheck = @Sendable (SecurityAssociation, ScenarioContext) throws(CheckFailure) -> Void
public typealias SADumpCheck = @Sendable ([SecurityAssociation], ScenarioContext) throws(CheckFailure) -> Void
public typealias PolicyDumpCheck = @Sendable ([SecurityPolicy], ScenarioContext) throws(CheckFailure) -> Void

/// One step of a scenario.
public enum Step: Sendable {
    /// Apply statements (setkey syntax); every one must succeed.
    case apply(String)
    /// Apply one statement; it must fail as expected.
    case applyFails(String, ExpectedError)
    /// `get` the SA named by a `get ...;` statement and check it.
    case get(String, SACheck)
    /// `get` must fail as expected.
    case getFails(String, ExpectedError)
    /// Dump SAs (of a type, `.unspecified` for all) and check the list.
    case dumpSAs(SAType, SADumpCheck)
    /// Dump policies and check the list.
    case dumpPolicies(PolicyDumpCheck)

    /// The setkey text of the step, for failure messages.
    var inputs: String {
        switch self {
        case .apply(let s), .applyFails(let s, _), .get(let s, _), .getFails(let s, _): return s
        case .dumpSAs(let t, _): return t == .unspecified ? "dump;" : "dump \(t.keyword);"
        case .dumpPolicies: return "spddump;"
        }
    }
}

/// Why a check failed: what was expected and what was found.
public struct CheckFailure: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
