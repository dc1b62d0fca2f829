#if canImport(Glibc)
import Glibc
#endif
import Testing

/// A child process started with posix_spawn whose standard output is read line by line.
final class ChildProcess {
    let pid: pid_t
    private let output: CInt
    private var buffer: [UInt8] = []
    private var finished = false

    /// The `keyengine-stress` helper next to the test binary (SwiftPM builds it with the tests).
    static var stressTool: String {
        var path = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &path, path.count - 1)
        let exe = String(decoding: path[0..<max(0, n)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var folder = exe
        while let slash = folder.lastIndex(of: "/") {
            folder = String(folder[..<slash])
            let candidate = folder + "/keyengine-stress"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return "keyengine-stress"
    }

    init(_ arguments: [String]) throws {
        var pipeFDs: [CInt] = [0, 0]
        guard pipe(&pipeFDs) == 0 else { throw ChildError.spawn(errno) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipeFDs[1], STDOUT_FILENO)
        posix_spawn_file_actions_addclose(&actions, pipeFDs[0])
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let r = posix_spawn(&child, arguments[0], &actions, nil, argv, environ)
        close(pipeFDs[1])
        guard r == 0 else {
            close(pipeFDs[0])
            throw ChildError.spawn(r)
        }
        pid = child
        output = pipeFDs[0]
    }

    deinit {
        if !finished {
            Glibc.kill(pid, SIGKILL)
            _ = waitExit()
        }
        close(output)
    }

    /// The next line of output, nil at the end.
    func readLine() -> String? {
        while true {
            if let nl = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<nl], as: UTF8.self)
                buffer.removeSubrange(...nl)
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = chunk.withUnsafeMutableBytes { read(output, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return nil }
            buffer += chunk[0..<n]
        }
    }

    /// Every remaining line.
    func readAll() -> [String] {
        var lines = [String]()
        while let l = readLine() { lines.append(l) }
        return lines
    }

    func kill(_ signal: CInt = SIGKILL) {
        _ = Glibc.kill(pid, signal)
    }

    /// Waits for the child and returns its exit status (128 + signal when killed).
    @discardableResult
    func waitExit() -> CInt {
        var status: CInt = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        finished = true
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    enum ChildError: Error {
        case spawn(CInt)
    }
}
