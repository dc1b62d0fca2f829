#if canImport(Glibc)
import Glibc
#endif
import SetkeyCore

/// Appends recorded requests, one statement per line, to a file or a standard stream.
/// Lines are buffered and written out at the end of each backend call.
final class RecordLog {
    private let fd: CInt
    private let ownsDescriptor: Bool
    private var buffer: [UInt8] = []

    init(target: String) throws(BackendError) {
        switch target {
        case "stderr", "-":
            fd = STDERR_FILENO
            ownsDescriptor = false
        case "stdout":
            fd = STDOUT_FILENO
            ownsDescriptor = false
        default:
            let opened = open(target, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
            guard opened >= 0 else {
                throw .unavailable("record: cannot open output '\(target)': \(Errno.current)")
            }
            fd = opened
            ownsDescriptor = true
        }
        buffer.reserveCapacity(1 << 16)
    }

    func append(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                break  // nothing sensible to do: the run's own output reports failures
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() {
        flush()
        if ownsDescriptor { _ = Glibc.close(fd) }
    }
}
