import Testing
import Foundation

/// Backend selection and plugin loading from the command line: --list-backends, -B, the
/// plugin path and the refusal of unsafe plugin files.
@Suite struct PluginLoadingTests {
    @Test func listBackendsShowsRecord() throws {
        let r = try CommandRunner.setkey(["--list-backends"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("record\t"))
        #expect(r.stdout.contains("libSetkeyRecord.so"))
        #expect(r.stdout.contains("personality: kame"))
    }

    @Test func unknownBackendIsNamedWithWhatExists() throws {
        let r = try CommandRunner.setkey(["-B", "nosuch", "-D"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("backend 'nosuch' not found"))
        #expect(r.stderr.contains("record"))
    }

    @Test func groupWritablePluginIsRefused() throws {
        let dir = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("libSetkeyRecord.so")
        try FileManager.default.copyItem(
            at: CommandRunner.productsFolder.appendingPathComponent("libSetkeyRecord.so"), to: copy)
        try FileManager.default.setAttributes([.posixPermissions: 0o664], ofItemAtPath: copy.path)
        let r = try CommandRunner.setkey(["-B", "record", "-D"], environment: ["SETKEY_PLUGIN_PATH": dir.path])
        #expect(r.status == 1)
        #expect(r.stderr == "setkey: refusing to load plugin \(copy.path): it is group-writable (mode 0664)\n")
    }

    @Test func worldWritablePluginFolderIsRefused() throws {
        let dir = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("libSetkeyRecord.so")
        try FileManager.default.copyItem(
            at: CommandRunner.productsFolder.appendingPathComponent("libSetkeyRecord.so"), to: copy)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: copy.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: dir.path)
        let r = try CommandRunner.setkey(["-B", "record", "-D"], environment: ["SETKEY_PLUGIN_PATH": dir.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("its folder \(dir.path) is world-writable (mode 0777)"))
    }

    @Test func safeCopyOnThePluginPathLoads() throws {
        let dir = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("libSetkeyRecord.so")
        try FileManager.default.copyItem(
            at: CommandRunner.productsFolder.appendingPathComponent("libSetkeyRecord.so"), to: copy)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: copy.path)
        let r = try CommandRunner.setkey(["--list-backends"], environment: ["SETKEY_PLUGIN_PATH": dir.path])
        #expect(r.status == 0)
        #expect(r.stdout.contains(copy.path))
    }

    @Test func brokenConfigurationLineStopsWithFileAndLine() throws {
        let dir = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let conf = try CommandRunner.writeConfiguration("backend = record\n\n[record]\noutput stderr\n", in: dir)
        let r = try CommandRunner.setkey(["--config", conf.path, "-D"])
        #expect(r.status == 1)
        #expect(r.stderr == "setkey: \(conf.path):4: expected 'key = value', got 'output stderr'\n")
    }

    @Test func badBackendSettingIsReported() throws {
        let dir = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let conf = try CommandRunner.writeConfiguration("backend = record\n[record]\nkeys = maybe\n", in: dir)
        let r = try CommandRunner.setkey(["--config", conf.path, "-D"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("[record] keys: expected 'show' or 'redact', got 'maybe'"))
    }

    @Test func backendFlagBeatsEnvironmentBeatsConfiguration() throws {
        let r = try CommandRunner.setkey(["--list-backends"], environment: ["SETKEY_BACKEND": "record"])
        #expect(r.stdout.contains("from the SETKEY_BACKEND"))
        let f = try CommandRunner.setkey(["-B", "record", "--list-backends"], environment: ["SETKEY_BACKEND": "x"])
        #expect(f.stdout.contains("from the -B/--backend"))
    }

    /// Listing backends reads their capabilities and changes nothing: no userspace state
    /// folder appears (as root the default one would be /var/lib/setkey).
    @Test func listingBackendsCreatesNoState() throws {
        let dir = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let state = dir.appendingPathComponent("state")
        let conf = try CommandRunner.writeConfiguration("[userspace]\nstate_dir = \(state.path)\n", in: dir)
        let r = try CommandRunner.setkey(["--config", conf.path, "--list-backends"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("userspace") && r.stdout.contains("features: sa-update lifetimes-enforced"))
        #expect(!FileManager.default.fileExists(atPath: state.path))
    }

    /// A backend's complaint about a setting names the file and the line it is on; a section
    /// no backend has (a typo) is a warning with its line.
    @Test func badSettingValuesAndUnknownSectionsNameTheirLine() throws {
        let dir = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let conf = try CommandRunner.writeConfiguration("backend = record\n[recrod]\noutput = /dev/null\n[record]\nkeys = maybe\n", in: dir)
        let r = try CommandRunner.setkey(["--config", conf.path, "-D"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("setkey: \(conf.path):2: warning: no backend is named 'recrod' (found: "))
        #expect(r.stderr.hasSuffix("setkey: \(conf.path):5: [record] keys: expected 'show' or 'redact', got 'maybe'\n"))
        try "[record]\n\nbogus = 1\n".write(to: conf, atomically: true, encoding: .utf8)
        let u = try CommandRunner.setkey(["--config", conf.path, "-B", "record", "-D"])
        #expect(u.stderr == "setkey: \(conf.path):3: [record] unknown setting 'bogus' (known: output, keys, personality, fail)\n")
    }
}

