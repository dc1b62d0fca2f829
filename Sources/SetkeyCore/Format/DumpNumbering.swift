/// Numbers dump records the way the personality's kernel numbers its dump messages, for
/// records whose backend did not report `sadb_msg_seq`: Linux counts 1, 2, ... and gives the
/// last record 0 (so one record is held back until the next arrives or the dump ends); BSD
/// kernels count N−1 ... 0 (so every record is held until the dump ends). Records with a
/// reported number keep it and are emitted at once.
///
/// Counterpart: `key_dump()` in `netipsec/key.c` (BSD) and `pfkey_dump_sa()` /
/// `pfkey_dump_sp()` in Linux `net/key/af_key.c`.
struct DumpNumbering<Record> {
    let personality: Personality
    private var pending: [(record: Record, reported: UInt32?)] = []
    private var position: UInt32 = 0
    /// How many records the dump has had so far.
    private(set) var count = 0

    init(personality: Personality) {
        self.personality = personality
    }

    /// Takes the next record; calls `emit` for every record whose number is now known.
    mutating func add(_ record: Record, reported: UInt32?, emit: (Record, UInt32) -> Void) {
        count += 1
        if personality == .linux {
            if let held = pending.first {
                position &+= 1
                emit(held.record, held.reported ?? position)
                pending.removeAll(keepingCapacity: true)
            }
            // A reported number needs no look-ahead: print it now, so it stays in step with
            // what is printed around it (`-v` decodes each message just before its record).
            if let reported {
                position &+= 1
                emit(record, reported)
            } else {
                pending.append((record, reported))
            }
        } else if let reported, pending.isEmpty {
            emit(record, reported)
        } else {
            pending.append((record, reported))
        }
    }

    /// The dump ended: emits what was held back, the last record numbered 0.
    mutating func finish(emit: (Record, UInt32) -> Void) {
        let n = pending.count
        for (i, held) in pending.enumerated() {
            emit(held.record, held.reported ?? UInt32(truncatingIfNeeded: n - 1 - i))
        }
        pending.removeAll()
        position = 0
    }

    /// Starts a new dump.
    mutating func reset() {
        pending.removeAll()
        position = 0
        count = 0
    }
}
