#if canImport(Glibc)
import Glibc
#endif

/// Runs code against a brand-new network namespace, never the host's XFRM state.
///
/// Namespaces belong to threads: `unshare(CLONE_NEWNET)` moves only the calling thread, and
/// a socket stays in the namespace it was opened in. So the body runs on this thread in a
/// fresh namespace (opening its sockets there), and the thread is moved back with `setns`
/// before returning. The namespace disappears with its last socket.
enum NetworkNamespace {
    /// Why kernel tests cannot run here, nil when they can (root with `unshare`/`setns`).
    static let unavailableReason: String? = {
        if geteuid() != 0 { return "needs root for unshare(CLONE_NEWNET)" }
        if access("/proc/thread-self/ns/net", R_OK) != 0 { return "no /proc/thread-self/ns/net" }
        if functions == nil { return "glibc has no unshare/setns" }
        return nil
    }()

    /// Whether kernel tests can run.
    static var isAvailable: Bool { unavailableReason == nil }

    /// `CLONE_NEWNET` from <sched.h>.
    private static let cloneNewNet: Int32 = 0x4000_0000

    private typealias UnshareFunction = @convention(c) (Int32) -> Int32
    private typealias SetnsFunction = @convention(c) (Int32, Int32) -> Int32

    /// glibc's `unshare` and `setns` (declared only under _GNU_SOURCE, which Swift's Glibc
    /// module does not set), looked up once.
    private static let functions: (unshare: UnshareFunction, setns: SetnsFunction)? = {
        let handle = dlopen(nil, RTLD_NOW)
        guard let u = dlsym(handle, "unshare"), let s = dlsym(handle, "setns") else { return nil }
        return (unsafeBitCast(u, to: UnshareFunction.self), unsafeBitCast(s, to: SetnsFunction.self))
    }()

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Calls `body` inside a fresh network namespace on this thread.
    static func withFresh<T>(_ body: () throws -> T) throws -> T {
        let original = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)
        guard original >= 0 else { throw Failure(description: "open ns/net: \(String(cString: strerror(errno)))") }
        defer { close(original) }
        guard let f = functions else { throw Failure(description: "glibc has no unshare/setns") }
        guard f.unshare(cloneNewNet) == 0 else {
            throw Failure(description: "unshare(CLONE_NEWNET): \(String(cString: strerror(errno)))")
        }
        defer {
            if f.setns(original, cloneNewNet) != 0 {
                fatalError("setns back to the original network namespace failed: \(String(cString: strerror(errno)))")
            }
        }
        return try body()
    }
}
