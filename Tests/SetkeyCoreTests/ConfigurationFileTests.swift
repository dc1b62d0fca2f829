import Testing
import SetkeyCore

@Suite struct ConfigurationFileTests {
    func parse(_ text: String) throws(ConfigurationError) -> ConfigurationFile {
        try ConfigurationFile.parse(Array(text.utf8), path: "t.conf")
    }

    @Test func emptyFileHasNothing() throws {
        let f = try parse("")
        #expect(f.global.isEmpty)
        #expect(f.sections.isEmpty)
    }

    @Test func globalsSectionsCommentsAndQuotes() throws {
        let f = try parse("# c\nbackend = userspace # why\n\n[userspace]\nstate_dir = \"/tmp/x y\"\n[record]\nkeys=show\n")
        #expect(f.global == ["backend": "userspace"])
        #expect(f.sections["userspace"] == ["state_dir": "/tmp/x y"])
        #expect(f.sections["record"] == ["keys": "show"])
    }

    @Test(arguments: [
        ("frobnicate = 1\n", 1, "unknown setting 'frobnicate'"),
        ("backend = a\nbackend = b\n", 2, "'backend' is set twice"),
        ("[x\n", 1, "expected ']' at the end of the section header"),
        ("[x]\n[x]\n", 2, "section '[x]' appears twice"),
        ("[x]\nnovalue\n", 2, "expected 'key = value', got 'novalue'"),
        ("[X Y]\n", 1, "invalid section name 'X Y'"),
        ("backend =\n", 1, "'backend' has no value"),
    ])
    func brokenLinesNameTheLine(text: String, line: Int, message: String) {
        #expect {
            try parse(text)
        } throws: { error in
            guard let e = error as? ConfigurationError else { return false }
            return e.line == line && e.description.hasPrefix("t.conf:\(line): \(message)")
        }
    }
}
