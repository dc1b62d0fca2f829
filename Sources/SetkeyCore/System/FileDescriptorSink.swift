/// A `TextSink` that buffers text and writes it to a file descriptor (standard output or
/// error) when the buffer fills or on `flush()`. Write failures (a closed pipe) are
/// remembered, not thrown, so the run can still end with the right status.
public final class FileDescriptorSink: TextSink {
    private let fd: CInt
    private var buffer: [UInt8] = []
    private let limit: Int
    /// The first write error, if any.
    public private(set) var failure: Errno?

    /// A sink for `fd`; `bufferSize` 0 writes through at once.
    public init(fd: CInt, bufferSize: Int = 1 << 16) {
        self.fd = fd
        limit = bufferSize
        buffer.reserveCapacity(bufferSize)
    }

    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= limit { flush() }
    }

    /// Writes out what is buffered.
    public func flush() {
        guard !buffer.isEmpty else { return }
        let result: Result<Void, Errno> = buffer.withUnsafeBytes { raw in
            do throws(Errno) { try FileIO.writeAll(fd: fd, raw) } catch { return .failure(error) }
            return .success(())
        }
        if case .failure(let e) = result, failure == nil { failure = e }
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}

/// A `TextSink` that keeps everything in memory (tests, captured output).
public final class StringSink: TextSink {
    public private(set) var text = ""
    public init() {}
    public func write(_ text: String) { self.text += text }
}
