#if canImport(Glibc)
import Glibc
#endif

/// The world a run sees: its output streams, standard input, environment and executable
/// path. The CLI passes the real ones; tests pass buffers.
public struct RunContext {
    /// Standard output.
    public var output: any FlushableSink
    /// Standard error.
    public var errors: any FlushableSink
    /// Standard input's descriptor (`-c`, `-f -`).
    public var inputDescriptor: CInt
    /// The process environment.
    public var environment: [String: String]
    /// The running executable (plugins and the checkout's config are found relative to it).
    public var executablePath: String
    /// True when the process exits right after the run (the CLI): the statements of a script
    /// are then left to the exit instead of being released one by one (a tenth of the time
    /// of a 100k-statement `setkey -n -f`). Tests and other callers keep the default, false.
    public var leavesRunDataToExit = false

    public init(output: any FlushableSink, errors: any FlushableSink, inputDescriptor: CInt = STDIN_FILENO,
                environment: [String: String], executablePath: String) {
        self.output = output
        self.errors = errors
        self.inputDescriptor = inputDescriptor
        self.environment = environment
        self.executablePath = executablePath
    }

    /// The process's own streams, environment and executable.
    public static func process() -> RunContext {
        var context = RunContext(output: FileDescriptorSink(fd: STDOUT_FILENO),
                                 errors: FileDescriptorSink(fd: STDERR_FILENO, bufferSize: 0),
                                 environment: processEnvironment(),
                                 executablePath: Configuration.executablePath())
        context.leavesRunDataToExit = true
        return context
    }

    /// `environ` as a dictionary.
    public static func processEnvironment() -> [String: String] {
        var out = [String: String]()
        var p = environ
        while let entry = p.pointee {
            let text = String(cString: entry)
            if let eq = text.firstIndex(of: "=") {
                out[String(text[..<eq])] = String(text[text.index(after: eq)...])
            }
            p += 1
        }
        return out
    }
}

/// A `TextSink` that can be flushed (standard streams are buffered).
public protocol FlushableSink: TextSink {
    func flush()
}

extension FileDescriptorSink: FlushableSink {}
extension StringSink: FlushableSink {
    public func flush() {}
}
