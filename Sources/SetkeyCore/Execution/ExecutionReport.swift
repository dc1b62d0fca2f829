/// How failures are reported while statements run: the classic
/// `The result of line N: <reason>.` line, plus our own detail line (kernel text,
/// injected fault, missing capability) on the diagnostics stream.
public struct FailureReporter {
    /// Where the classic result lines go (standard output, as setkey; standard error with --json).
    public let results: any TextSink
    /// Where extra detail goes (standard error).
    public let details: any TextSink
    /// Whether statements carry line numbers (`-f`, `-c`) or not (`-D`, `-F`).
    public var withLines = true

    public init(results: any TextSink, details: any TextSink) {
        self.results = results
        self.details = details
    }

    /// The classic reason text for an error: `No entry` for a missing entry (ENOENT) on
    /// delete/get/spddelete, otherwise `strerror`.
    public static func reason(for error: BackendError) -> String {
        if case .notFound(let e) = error, e == .noSuchFileOrDirectory { return "No entry" }
        return error.errno.description
    }

    /// Reports the failure of the statement at `location`.
    public func report(_ error: BackendError, line: Int?, file: String?) {
        let reason = Self.reason(for: error)
        if withLines, let line {
            results.write("The result of line \(line): \(reason).\n")
        } else {
            results.write("\(reason).\n")
        }
        if let detail = error.detail {
            var prefix = "setkey: "
            if let file, let line { prefix += "\(file):\(line): " }
            details.write(prefix + detail + "\n")
        }
    }
}

/// What a run of statements came to.
public struct ExecutionSummary: Sendable, Hashable {
    /// Statements (and automatic fwd copies) attempted.
    public var attempted = 0
    /// Of those, how many failed.
    public var failed = 0
    /// Whether an `exit`/`quit`/`bye` statement ended the input.
    public var exitRequested = false
    public init() {}
}
