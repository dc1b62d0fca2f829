/// A problem in a configuration file: the file, the line and why.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var message: String
    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }
    /// `path:line: message` (line 0: the file as a whole).
    public var description: String { line > 0 ? "\(path):\(line): \(message)" : "\(path): \(message)" }
}

/// The parsed contents of `setkey.conf`: global `key = value` settings, then `[section]`s
/// with settings of their own (one per backend). `#` starts a comment; blank lines are
/// ignored; keys and section names are lower-case words; a key may appear once per section.
public struct ConfigurationFile: Sendable, Hashable {
    /// Where it was read from.
    public var path: String
    /// Settings before the first section.
    public var global: [String: String]
    /// Settings of each `[section]`.
    public var sections: [String: [String: String]]
    /// The line each global key was set on (for later errors about its value).
    public var lines: [String: Int]
    /// The line of each `[section]` header.
    public var sectionLines: [String: Int] = [:]
    /// The line each key of each section was set on (for the backends' errors about values).
    public var settingLines: [String: [String: Int]] = [:]

    /// The global keys setkey understands.
    public static let globalKeys: Set<String> = ["backend", "plugin_path"]

    public init(path: String, global: [String: String] = [:], sections: [String: [String: String]] = [:],
                lines: [String: Int] = [:]) {
        self.path = path
        self.global = global
        self.sections = sections
        self.lines = lines
    }

    /// Parses the text of a configuration file.
    /// - Throws: `ConfigurationError` naming the first broken line.
    public static func parse(_ bytes: [UInt8], path: String) throws(ConfigurationError) -> ConfigurationFile {
        var file = ConfigurationFile(path: path)
        var section: String?
        var lineNumber = 0
        for rawLine in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(String(decoding: rawLine, as: UTF8.self))
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            line = trimmed(line)
            if line.isEmpty { continue }
            func fail(_ message: String) -> ConfigurationError {
                ConfigurationError(path: path, line: lineNumber, message: message)
            }
            if line.first == "[" {
                guard line.last == "]" else { throw fail("expected ']' at the end of the section header") }
                let name = String(trimmed(line.dropFirst().dropLast()))
                guard isWord(name) else { throw fail("invalid section name '\(name)'") }
                guard file.sections[name] == nil else { throw fail("section '[\(name)]' appears twice") }
                file.sections[name] = [:]
                file.sectionLines[name] = lineNumber
                section = name
                continue
            }
            guard let eq = line.firstIndex(of: "=") else {
                throw fail("expected 'key = value', got '\(line)'")
            }
            let key = String(trimmed(line[..<eq]))
            let value = String(trimmed(line[line.index(after: eq)...]))
            guard isWord(key) else { throw fail("invalid key '\(key)'") }
            if let section {
                guard file.sections[section]?[key] == nil else { throw fail("'\(key)' is set twice in [\(section)]") }
                file.sections[section, default: [:]][key] = unquoted(value)
                file.settingLines[section, default: [:]][key] = lineNumber
            } else {
                guard globalKeys.contains(key) else {
                    throw fail("unknown setting '\(key)' (known: \(globalKeys.sorted().joined(separator: ", ")); "
                        + "backend settings go in a [backend] section)")
                }
                guard file.global[key] == nil else { throw fail("'\(key)' is set twice") }
                guard !value.isEmpty else { throw fail("'\(key)' has no value") }
                file.global[key] = unquoted(value)
                file.lines[key] = lineNumber
            }
        }
        return file
    }

    /// `path:line` of the setting a backend's message is about. Backends word them
    /// `[section] key: why` (or `[section] unknown setting 'key' …`); nil when the message
    /// names no section of this file.
    public func location(of message: String) -> String? {
        guard message.first == "[", let close = message.firstIndex(of: "]") else { return nil }
        let section = String(message[message.index(after: message.startIndex)..<close])
        guard let sectionLine = sectionLines[section] else { return nil }
        var rest = message[message.index(after: close)...].drop { $0 == " " }
        if rest.hasPrefix("unknown setting '") {
            rest = rest.dropFirst("unknown setting '".count)
        }
        let key = String(rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
        return "\(path):\(settingLines[section]?[key] ?? sectionLine)"
    }

    static func trimmed(_ s: Substring) -> Substring {
        var s = s
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
        return s
    }

    static func unquoted(_ s: String) -> String {
        if s.count >= 2, s.first == "\"", s.last == "\"" { return String(s.dropFirst().dropLast()) }
        return s
    }

    static func isWord(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy {
            ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
                || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
        }
    }
}
