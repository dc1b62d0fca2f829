/// A place in a script: file name, 1-based line and column (columns count bytes).
/// Prints as `file:line:column`.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The file name as given (`-f FILE`), `-` or `(stdin)` for standard input.
    public var file: String
    public var line: Int
    public var column: Int
    /// Byte offset from the start of the input.
    public var offset: Int

    public init(file: String, line: Int, column: Int, offset: Int) {
        self.file = file
        self.line = line
        self.column = column
        self.offset = offset
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool { a.offset < b.offset }
    public var description: String { "\(file):\(line):\(column)" }
}

/// A span of a script, from `start` up to (not including) `end`.
public struct SourceRange: Sendable, Hashable {
    public var start: SourceLocation
    public var end: SourceLocation
    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }
    public init(_ location: SourceLocation) {
        start = location
        end = location
    }
}
