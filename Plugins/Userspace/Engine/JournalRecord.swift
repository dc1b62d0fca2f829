import SetkeyCore

/// One durable effect on the engine's state, as written to the journal (and, for the
/// `store*`/`counters` kinds, to snapshots). Records describe results, not requests:
/// replaying them needs no validation, no clock and no id allocation, so every process
/// rebuilds exactly the same tables.
/// Counterpart: the kernel's broadcast of a completed SADB/XFRM message to listeners.
enum JournalRecord: Hashable, Sendable {
    /// A new SA (`add`).
    case saAdded(StoredSA)
    /// An SA's data changed in place (`update`); same serial.
    case saUpdated(StoredSA)
    /// An SA was removed (`delete`, `deleteall`).
    case saDeleted(serial: UInt64)
    /// Every SA of a type was removed, dead ones included (`flush`).
    case saFlushed(SAType)
    /// An SA reached its soft (dying) or hard (dead) limit at `at` (epoch seconds).
    case saExpired(serial: UInt64, hard: Bool, at: UInt64)
    /// A dead SA's grace period ended; it is gone.
    case saPurged(serial: UInt64)
    /// Traffic counters of an SA (totals, not deltas).
    case saCounted(serial: UInt64, bytes: UInt64, packets: UInt64, firstUse: UInt64)
    /// A new policy (`spdadd`, or `spdupdate` of a missing one).
    case policyAdded(StoredPolicy)
    /// A policy replaced the one with serial `replacing` (`spdupdate`).
    case policyReplaced(replacing: UInt64, StoredPolicy)
    /// A policy was removed (`spddelete`).
    case policyDeleted(serial: UInt64)
    /// Every policy was removed (`spdflush`).
    case policiesFlushed
    /// Snapshot only: the id counters.
    case counters(EngineCounters)

    fileprivate var tag: UInt8 {
        switch self {
        case .saAdded: return 1
        case .saUpdated: return 2
        case .saDeleted: return 3
        case .saFlushed: return 4
        case .saExpired: return 5
        case .saPurged: return 6
        case .saCounted: return 7
        case .policyAdded: return 16
        case .policyReplaced: return 17
        case .policyDeleted: return 18
        case .policiesFlushed: return 19
        case .counters: return 32
        }
    }
}

/// A record with the time it was written and the process that wrote it (for monitor events).
struct JournalEntry: Hashable, Sendable {
    /// Microseconds since the epoch.
    var time: UInt64
    /// The writer's process id.
    var pid: UInt32
    var record: JournalRecord
}

extension ByteWriter {
    mutating func journalEntry(time: UInt64, pid: UInt32, record: JournalRecord) {
        u8(record.tag)
        varint(time)
        varint(pid)
        switch record {
        case .saAdded(let sa), .saUpdated(let sa):
            storedSA(sa)
        case .saDeleted(let serial), .saPurged(let serial), .policyDeleted(let serial):
            varint(serial)
        case .saFlushed(let type):
            u8(type.rawValue)
        case .saExpired(let serial, let hard, let at):
            varint(serial)
            bool(hard)
            varint(at)
        case .saCounted(let serial, let bytes, let packets, let firstUse):
            varint(serial)
            varint(bytes)
            varint(packets)
            varint(firstUse)
        case .policyAdded(let p):
            storedPolicy(p)
        case .policyReplaced(let old, let p):
            varint(old)
            storedPolicy(p)
        case .policiesFlushed:
            break
        case .counters(let c):
            varint(c.nextSerial)
            varint(c.policyIndexGenerator)
            varint(c.nextPolicyID)
            varint(c.nextRequestID)
        }
    }
}

extension ByteReader {
    mutating func journalEntry() throws(DecodeFailure) -> JournalEntry {
        let tagAt = position
        let tag = try u8("record kind")
        let time = try varint("record time")
        let pid = try varint32("record pid")
        let record: JournalRecord
        switch tag {
        case 1: record = .saAdded(try storedSA())
        case 2: record = .saUpdated(try storedSA())
        case 3: record = .saDeleted(serial: try varint("serial"))
        case 4: record = .saFlushed(try enumeration(SAType.self, "SA type"))
        case 5: record = .saExpired(serial: try varint("serial"), hard: try bool("hard flag"), at: try varint("expiry time"))
        case 6: record = .saPurged(serial: try varint("serial"))
        case 7:
            record = .saCounted(serial: try varint("serial"), bytes: try varint("bytes"), packets: try varint("packets"),
                                firstUse: try varint("first use"))
        case 16: record = .policyAdded(try storedPolicy())
        case 17: record = .policyReplaced(replacing: try varint("serial"), try storedPolicy())
        case 18: record = .policyDeleted(serial: try varint("serial"))
        case 19: record = .policiesFlushed
        case 32:
            record = .counters(EngineCounters(nextSerial: try varint("counter"), policyIndexGenerator: try varint32("counter"),
                                              nextPolicyID: try varint32("counter"), nextRequestID: try varint32("counter")))
        default:
            throw DecodeFailure(offset: tagAt, reason: "unknown record kind \(tag)")
        }
        return JournalEntry(time: time, pid: pid, record: record)
    }
}
