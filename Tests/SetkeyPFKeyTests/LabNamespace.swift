#if canImport(Glibc)
import Glibc
#endif

/// Runs kernel tests in a throw-away network namespace (PF_KEY state is per namespace), so
/// they never touch the VM's, let alone a host's, SAD/SPD. The namespace belongs to the
/// calling thread; the thread is moved back afterwards.
enum LabNamespace {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private typealias Unshare = @convention(c) (Int32) -> Int32
    private typealias Setns = @convention(c) (Int32, Int32) -> Int32
    private static let cloneNewNet: Int32 = 0x4000_0000

    /// glibc's `unshare`/`setns` (declared only with _GNU_SOURCE, which Swift's Glibc lacks).
    private static let calls: (unshare: Unshare, setns: Setns)? = {
        let handle = dlopen(nil, RTLD_NOW)
        guard let u = dlsym(handle, "unshare"), let s = dlsym(handle, "setns") else { return nil }
        return (unsafeBitCast(u, to: Unshare.self), unsafeBitCast(s, to: Setns.self))
    }()

    static func run<T>(_ body: () throws -> T) throws -> T {
        guard let calls else { throw Failure(description: "no unshare/setns in the C library") }
        let original = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)
        guard original >= 0 else { throw Failure(description: "open ns/net: \(String(cString: strerror(errno)))") }
        defer { close(original) }
        guard calls.unshare(cloneNewNet) == 0 else {
            throw Failure(description: "unshare(CLONE_NEWNET): \(String(cString: strerror(errno)))")
        }
        defer {
            if calls.setns(original, cloneNewNet) != 0 { fatalError("cannot return to the original network namespace") }
        }
        return try body()
    }

    /// iproute2's `ip` (busybox's shell would run its own `ip` applet, which has no `xfrm`).
    static let ip: String = ["/sbin/ip", "/usr/sbin/ip", "/bin/ip", "/usr/bin/ip"].first { access($0, X_OK) == 0 } ?? "ip"

    /// Runs `sh -c command` (in this thread's namespace) and returns its exit status and output.
    static func shell(_ command: String) -> (status: CInt, output: String) {
        var fds: [CInt] = [0, 0]
        guard pipe(&fds) == 0 else { return (-1, "") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 2)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        var args = [UnsafeMutablePointer<CChar>?]()
        for word in ["sh", "-c", command] { args.append(strdup(word)) }
        args.append(nil)
        defer { args.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, "sh", &actions, nil, args, environ)
        close(fds[1])
        var out = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fds[0], &chunk, chunk.count)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            out += chunk[0..<n]
        }
        close(fds[0])
        guard rc == 0 else { return (-1, "posix_spawn: \(rc)") }
        var status: CInt = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return ((status >> 8) & 0xff, String(decoding: out, as: UTF8.self))
    }
}
