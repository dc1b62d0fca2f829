/// Chooses reqids for `unique` requests that have none (or one above 0x3fff), as af_key's
/// `gen_reqid` does for setkey: counting up from `IPSEC_MANUAL_REQID_MAX + 1` (0x4000),
/// skipping ids any policy's template already uses, wrapping past 2^32 - 1 back to 0x4000.
/// XFRM netlink stores a template's reqid as given, so the backend must do this itself.
/// Counterpart: `gen_reqid` in net/key/af_key.c.
struct XFRMRequestIDAllocator {
    /// The last id handed out (af_key starts its counter at `IPSEC_MANUAL_REQID_MAX`).
    private var last: UInt32 = XFRM.manualRequestIDMaximum
    /// Ids in use; nil until the policies have been read.
    private(set) var inUse: Set<UInt32>?

    /// Whether the ids in use must still be read from the kernel.
    var needsInventory: Bool { inUse == nil }

    /// Records the reqids the kernel's policies already use.
    mutating func setInventory(_ ids: Set<UInt32>) { inUse = ids }

    /// The next free id, or nil when every automatic id is taken (af_key: ENOBUFS).
    mutating func allocate() -> UInt32? {
        var used = inUse ?? []
        inUse = nil  // keep `used` uniquely referenced: no copy on insert
        defer { inUse = used }
        let start = last
        repeat {
            last &+= 1
            if last == 0 { last = XFRM.manualRequestIDMaximum + 1 }
            if !used.contains(last) {
                used.insert(last)
                return last
            }
        } while last != start
        return nil
    }
}
