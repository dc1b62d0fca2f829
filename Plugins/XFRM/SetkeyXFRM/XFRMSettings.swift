import SetkeyCore

/// The `[xfrm]` section of the configuration file.
///
/// ```
/// [xfrm]
/// batch-bytes = 262144      # most request bytes per sendmsg (default 256 KiB)
/// socket-buffer = 8388608   # SO_SNDBUF/SO_RCVBUF to ask for (default 8 MiB; *FORCE as root)
/// probe-algorithms = yes    # ask the kernel which algorithms it has (default yes)
/// ```
struct XFRMSettings: Equatable {
    var batchBytes = 256 << 10
    var socketBuffer: Int32 = 8 << 20
    var probeAlgorithms = true

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
            case "probe-algorithms":
                switch value {
                case "yes", "true", "1": probeAlgorithms = true
                case "no", "false", "0": probeAlgorithms = false
                default: throw .invalidConfiguration("[xfrm] probe-algorithms must be yes or no, not '\(value)'")
                }
            default:
                throw .invalidConfiguration(
                    "[xfrm] has no setting '\(key)' (known: batch-bytes, socket-buffer, probe-algorithms)")
            }
        }
    }
}
