import SetkeyCore

/// Where PF_KEY messages go and come from: the kernel socket, or a scripted kernel in tests.
/// One `send` is one message; one `receive` returns one whole message.
protocol PFKeyTransport: AnyObject {
    /// Sends one message.
    /// - Throws: `BackendError.system` with the errno.
    func send(_ message: [UInt8]) throws(BackendError)
    /// The next message. With `waiting`, waits up to the receive timeout; without, returns
    /// only what is already queued. Nil when nothing came.
    /// - Throws: `BackendError.system` for a failed receive, `.malformedReply` for a message
    ///   larger than the receive buffer.
    func receive(waiting: Bool) throws(BackendError) -> [UInt8]?
    /// How long `receive(waiting: true)` waits: `seconds`, or forever for nil (monitor mode).
    func setReceiveTimeout(_ seconds: Double?) throws(BackendError)
    /// Releases the socket; the transport is not used afterwards.
    func close()
}
