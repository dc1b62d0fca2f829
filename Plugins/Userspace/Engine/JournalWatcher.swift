#if canImport(Glibc)
import Glibc
#endif
import SetkeyCore

/// Wakes the monitor when the state folder changes (the journal is written or replaced),
/// with inotify; where inotify is not available it falls back to short sleeps.
/// Counterpart: the blocking `recv` on a promiscuous PF_KEY socket.
final class JournalWatcher {
    private let fd: CInt?

    init(directory: String) {
        let ifd = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        if ifd >= 0, inotify_add_watch(ifd, directory, UInt32(IN_MODIFY | IN_MOVED_TO | IN_CREATE)) >= 0 {
            fd = ifd
        } else {
            if ifd >= 0 { close(ifd) }
            fd = nil
        }
    }

    deinit {
        if let fd { close(fd) }
    }

    /// Waits until something in the folder changes or `milliseconds` pass.
    func wait(milliseconds: Int32) {
        guard let fd else {
            var ts = timespec(tv_sec: 0, tv_nsec: 100_000_000)
            nanosleep(&ts, nil)
            return
        }
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let r = poll(&p, 1, milliseconds)
        guard r > 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 4096)
        while buffer.withUnsafeMutableBytes({ read(fd, $0.baseAddress, $0.count) }) > 0 {}
    }
}
