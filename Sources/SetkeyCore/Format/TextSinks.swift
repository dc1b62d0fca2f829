#if canImport(Glibc)
import Glibc
#endif

/// A sink that keeps everything written, for tests and for callers that post-process text.
public final class StringSink: TextSink {
    /// Everything written so far.
    public private(set) var text: String = ""

    public init() {}

    public func write(_ text: String) { self.text += text }
}

/// A sink that writes to a file descriptor (standard output) with `write(2)`, in order, as
/// soon as it is given text; short writes are continued and `EINTR` is retried. The first
/// failure is kept in `failure` and later text is dropped (a closed pipe ends the output,
/// as it would for the classic tool).
/// Counterpart: setkey's `printf` to stdout (line-buffered on a terminal, fully buffered on
/// a pipe; renderers hand over whole records or batches, so no buffering is needed here).
public final class FileDescriptorSink: TextSink {
    /// The descriptor written to.
    public let descriptor: CInt
    /// The first write error, if any.
    public private(set) var failure: Errno?

    /// - Parameter descriptor: defaults to standard output.
    public init(descriptor: CInt = STDOUT_FILENO) {
        self.descriptor = descriptor
    }

    public func write(_ text: String) {
        guard failure == nil else { return }
        var copy = text
        copy.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = sys_write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if n < 0 {
                    let e = Errno.current
                    if e == .interrupted { continue }
                    failure = e
                    return
                }
                offset += n
            }
        }
    }
}

/// The one `write(2)` call of the format layer.
@inline(__always) func sys_write(_ fd: CInt, _ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int {
    Glibc.write(fd, bytes, count)
}
