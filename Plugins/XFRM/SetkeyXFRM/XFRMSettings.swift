import SetkeyCore

/// The `[xfrm]` section of the configuration file.
///
/// ```
/// [xfrm]
/// batch-bytes = 262144      # most request bytes per sendmsg (default 256 KiB)
/// socket-buffer = 8388608   # SO_SNDBUF/SO_RCVBUF to ask for (default 8 MiB; *FORCE as root)
/// ```
struct XFRMSettings: Equatable {
    var batchBytes = 256 << 10
    var socketBuffer: Int32 = 8 << 20

    init() {}

    /// Reads the settings.
    /// - Throws: `invalidConfiguration` naming an unknown key or a bad value.
    init(_ settings: [String: String]) throws(BackendError) {
        for (key, value) in settings.sorted(by: { $0.key < $1.key }) {
            switch key {
            case "batch-bytes":
                guard let n = Int(value), n >= 4096, n <= 64 << 20 else {
                    throw .invalidConfiguration("[xfrm] batch-bytes must be 4096...67108864, not '\(value)'")
                }
                batchBytes = n
            case "socket-buffer":
                guard let n = Int32(value), n >= 65536 else {
                    throw .invalidConfiguration("[xfrm] socket-buffer must be at least 65536, not '\(value)'")
                }
                socketBuffer = n
            default:
                throw .invalidConfiguration("[xfrm] has no setting '\(key)' (known: batch-bytes, socket-buffer)")
            }
        }
    }
}
