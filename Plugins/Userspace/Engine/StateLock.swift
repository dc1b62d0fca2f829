#if canImport(Glibc)
import Glibc
#endif
import SetkeyCore

/// The exclusive lock that serialises every engine operation across processes: writers and
/// readers alike take it, for the length of one call (a batch, a dump, a lookup), so no one
/// ever sees half a batch or a journal being compacted. It lives on a file of its own so
/// that replacing the journal or snapshot by rename never drops it.
/// Counterpart: the kernel's `xfrm_state_lock` / `xfrm_policy_lock`, across processes.
struct StateLock: ~Copyable {
    private let file: OwnedDescriptor

    init(in directory: borrowing StateDirectory) throws(EngineError) {
        guard let fd = try directory.open(StateDirectory.lockName, flags: O_RDWR, create: true) else {
            throw .system(operation: "open", path: directory.pathOf(StateDirectory.lockName), .noSuchFileOrDirectory)
        }
        file = fd
    }

    /// Blocks until the lock is held.
    func acquire() throws(EngineError) {
        _ = try retrying("flock", path: file.path) { sys_flock(file.raw, LOCK_EX) }.get()
    }

    func release() {
        _ = sys_flock(file.raw, LOCK_UN)
    }
}
