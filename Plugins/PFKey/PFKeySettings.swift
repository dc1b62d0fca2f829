import SetkeyCore

/// The `[pfkey]` section of the configuration.
struct PFKeySettings {
    /// `wire = linux | netbsd | freebsd`: the kernel's message layout (default: this platform's).
    var wire: PFKey.Wire = .native
    /// `timeout = SECONDS`: how long to wait for each reply (default 1, as setkey).
    var timeout: Double = 1
    /// `sequence = zero | counter`: `sadb_msg_seq` 0 as setkey sends it (default, so `-v` and
    /// `-H` show setkey's bytes), or a fresh number per request. Replies are matched by pid,
    /// type and sequence either way; af_key and the BSDs answer inside `send`, and leftovers are
    /// drained before each request, so 0 is enough to pair them.
    var zeroSequence = true

    init(_ settings: [String: String] = [:]) throws(BackendError) {
        var inet6: UInt16?
        for (key, value) in settings {
            switch key {
            case "wire":
                guard let f = PFKey.Wire.Flavour(rawValue: value) else {
                    throw .invalidConfiguration("[pfkey] wire: expected 'linux', 'netbsd' or 'freebsd', got '\(value)'")
                }
                wire = PFKey.Wire(flavour: f)
            case "inet6-family":
                guard let v = UInt16(value), v > 0, v < 256 else {
                    throw .invalidConfiguration("[pfkey] inet6-family: expected a number 1-255, got '\(value)'")
                }
                inet6 = v
            case "timeout":
                guard let t = Double(value), t > 0, t <= 3600 else {
                    throw .invalidConfiguration("[pfkey] timeout: expected seconds (0-3600], got '\(value)'")
                }
                timeout = t
            case "sequence":
                guard value == "counter" || value == "zero" else {
                    throw .invalidConfiguration("[pfkey] sequence: expected 'counter' or 'zero', got '\(value)'")
                }
                zeroSequence = value == "zero"
            default:
                throw .invalidConfiguration("[pfkey] unknown setting '\(key)' (known: wire, inet6-family, timeout, sequence)")
            }
        }
        if let inet6 { wire.inet6Family = inet6 }
    }
}
