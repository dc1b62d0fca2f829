import CXFRM
import SetkeyCore

/// Lifetimes between the model and the kernel, as af_key converts them: a zero limit in the
/// model is "no limit", which the kernel spells `XFRM_INF` for bytes and packets and 0 for
/// seconds. Counterpart: `_KEY2X`/`_X2KEY` in net/key/af_key.c; `xfrm_lifetime_cfg`/`_cur`.
enum XFRMLifetime {
    /// `_KEY2X`: 0 becomes `XFRM_INF`.
    static func kernelLimit(_ value: UInt64) -> UInt64 { value == 0 ? XFRM.infinity : value }

    /// `_X2KEY`: `XFRM_INF` becomes 0.
    static func modelLimit(_ value: UInt64) -> UInt64 { value == XFRM.infinity ? 0 : value }

    /// The kernel configuration for hard and soft limits (packets come from `allocations`).
    static func configuration(hard: Lifetime, soft: Lifetime) -> xfrm_lifetime_cfg {
        var cfg = xfrm_lifetime_cfg()
        cfg.soft_byte_limit = kernelLimit(soft.bytes)
        cfg.hard_byte_limit = kernelLimit(hard.bytes)
        cfg.soft_packet_limit = kernelLimit(soft.allocations)
        cfg.hard_packet_limit = kernelLimit(hard.allocations)
        cfg.soft_add_expires_seconds = soft.addTime
        cfg.hard_add_expires_seconds = hard.addTime
        cfg.soft_use_expires_seconds = soft.useTime
        cfg.hard_use_expires_seconds = hard.useTime
        return cfg
    }

    /// The hard limits of a kernel configuration, in the model's terms.
    static func hard(_ cfg: xfrm_lifetime_cfg) -> Lifetime {
        Lifetime(allocations: modelLimit(cfg.hard_packet_limit), bytes: modelLimit(cfg.hard_byte_limit),
                 addTime: cfg.hard_add_expires_seconds, useTime: cfg.hard_use_expires_seconds)
    }

    /// The soft limits of a kernel configuration, in the model's terms.
    static func soft(_ cfg: xfrm_lifetime_cfg) -> Lifetime {
        Lifetime(allocations: modelLimit(cfg.soft_packet_limit), bytes: modelLimit(cfg.soft_byte_limit),
                 addTime: cfg.soft_add_expires_seconds, useTime: cfg.soft_use_expires_seconds)
    }

    /// The current counters (packets as allocations, absolute add/use times).
    static func current(_ cur: xfrm_lifetime_cur) -> Lifetime {
        Lifetime(allocations: cur.packets, bytes: cur.bytes, addTime: cur.add_time, useTime: cur.use_time)
    }

    /// Whether any soft limit has been reached at `now`: the kernel then marks the SA dying
    /// (`km.dying`), which af_key reports as `SADB_SASTATE_DYING`. XFRM dumps carry no state,
    /// so it is derived from the same limits the kernel's timer checks.
    static func softLimitReached(_ cfg: xfrm_lifetime_cfg, _ cur: xfrm_lifetime_cur, now: UInt64) -> Bool {
        if cur.bytes >= cfg.soft_byte_limit || cur.packets >= cfg.soft_packet_limit { return true }
        if cfg.soft_add_expires_seconds != 0, cur.add_time != 0,
           now >= cur.add_time &+ cfg.soft_add_expires_seconds { return true }
        if cfg.soft_use_expires_seconds != 0, cur.use_time != 0,
           now >= cur.use_time &+ cfg.soft_use_expires_seconds { return true }
        return false
    }
}
