import Foundation

/// Runs the built `setkey` (found beside the test bundle) with arguments, environment and
/// standard input, and captures what it printed and its exit status.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum CommandRunner {
    /// The folder holding the built products (`.build/<config>`).
    static var productsFolder: URL {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        // The test runner may live inside the .xctest bundle folder.
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("setkey").path),
              dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir
    }

    static var setkeyPath: String { productsFolder.appendingPathComponent("setkey").path }

    /// The checkout's root (the folder with Package.swift).
    static var packageRoot: URL {
        var dir = productsFolder
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path),
              dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir
    }

    /// Runs `setkey args`; `environment` entries are added to a minimal environment that pins
    /// the time zone and keeps the user's own SETKEY_* variables out.
    static func setkey(_ args: [String], environment: [String: String] = [:], stdin: String? = nil,
                       directory: URL? = nil) throws -> CommandResult {
        try run(setkeyPath, args, environment: environment, stdin: stdin, directory: directory)
    }

    static func run(_ path: String, _ args: [String], environment: [String: String] = [:], stdin: String? = nil,
                    directory: URL? = nil) throws -> CommandResult {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        var env = ["TZ": "UTC", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "HOME": NSTemporaryDirectory()]
        for (k, v) in environment { env[k] = v }
        p.environment = env
        if let directory { p.currentDirectoryURL = directory }
        // Output goes to files, so a chatty child never blocks on a full pipe.
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outURL = dir.appendingPathComponent("stdout"), errURL = dir.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        p.waitUntilExit()
        try out.close()
        try err.close()
        return CommandResult(status: p.terminationStatus,
                             stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                             stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// Writes `text` as `setkey.conf` in `dir` and returns its URL.
    static func writeConfiguration(_ text: String, in dir: URL) throws -> URL {
        let conf = dir.appendingPathComponent("setkey.conf")
        try text.write(to: conf, atomically: true, encoding: .utf8)
        return conf
    }

    /// A fresh private folder (mode 0700) for one test.
    static func temporaryFolder() throws -> URL {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("setkey-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        return url
    }
}
