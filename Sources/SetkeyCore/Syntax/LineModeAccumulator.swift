/// Cuts standard input into statements as it arrives, for `-c`: feed it bytes (a line at a
/// time, or any pieces), and it hands back each complete chunk, everything up to and
/// including a `;` that ends a statement, with the line and column the chunk starts at, so
/// that each statement can be parsed (`ParseOptions(firstLine:firstColumn:)`) and executed
/// as soon as it is typed.
///
/// A `;` inside a quoted string or a `#` comment does not end a statement; a comment ends at
/// the end of its line, and a `#` inside a quoted string is just a byte. There is no length
/// limit and nothing is cut or dropped: what is left at the end without a `;` comes back from
/// `finish()` so that it can be reported.
/// Counterpart: the `-c` loop of ipsec-tools' `setkey.c` (`fgets` into 1024 bytes, cut at the
/// first `#` even inside quotes, statements split at `;`, an unterminated rest dropped),
/// without its limits.
public struct LineModeAccumulator: Sendable {
    /// One statement's text (with the blanks and comments before it) and where it starts.
    public struct Chunk: Sendable, Hashable {
        /// The bytes, ending in `;` unless `isTerminated` is false.
        public var bytes: [UInt8]
        /// The line of the first byte.
        public var line: Int
        /// The column of the first byte (a chunk may start after a `;` mid-line).
        public var column: Int
        /// False only for the rest `finish()` returns: text that never got its `;`.
        public var isTerminated: Bool

        public init(bytes: [UInt8], line: Int, column: Int, isTerminated: Bool) {
            self.bytes = bytes
            self.line = line
            self.column = column
            self.isTerminated = isTerminated
        }
    }

    private enum State: Sendable {
        case normal
        case quoted
        case comment
    }

    private var state = State.normal
    private var pending: [UInt8] = []
    /// Whether `pending` holds anything but blanks and comments.
    private var pendingHasContent = false
    private var pendingLine: Int
    private var pendingColumn = 1
    private var line: Int
    private var column = 1

    /// - Parameter firstLine: the number of the first line (1).
    public init(firstLine: Int = 1) {
        line = firstLine
        pendingLine = firstLine
    }

    /// Takes the next bytes of input and returns the statements they complete, in order.
    public mutating func feed<C: Collection>(_ bytes: C) -> [Chunk] where C.Element == UInt8 {
        var chunks: [Chunk] = []
        for b in bytes {
            if pending.isEmpty {
                pendingLine = line
                pendingColumn = column
            }
            pending.append(b)
            switch state {
            case .normal:
                if b == Byte.quote {
                    state = .quoted
                    pendingHasContent = true
                } else if b == Byte.hash {
                    state = .comment
                } else if b == Byte.semicolon {
                    chunks.append(Chunk(bytes: pending, line: pendingLine, column: pendingColumn, isTerminated: true))
                    pending.removeAll(keepingCapacity: true)
                    pendingHasContent = false
                } else if b != Byte.space && b != Byte.tab && b != Byte.newline && b != Byte.carriageReturn {
                    pendingHasContent = true
                }
            case .quoted:
                if b == Byte.quote { state = .normal }
            case .comment:
                if b == Byte.newline { state = .normal }
            }
            if b == Byte.newline {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return chunks
    }

    /// The end of the input: the text left without a terminating `;`, when it holds more
    /// than blanks and comments (parsing it reports the missing `;`); nil otherwise.
    public mutating func finish() -> Chunk? {
        defer {
            pending.removeAll()
            pendingHasContent = false
            state = .normal
        }
        guard pendingHasContent else { return nil }
        return Chunk(bytes: pending, line: pendingLine, column: pendingColumn, isTerminated: false)
    }
}
