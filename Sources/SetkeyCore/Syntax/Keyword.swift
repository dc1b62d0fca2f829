/// Every reserved word of the setkey language, in one table, matched exactly (never by prefix).
///
/// A keyword belongs to the statement grammar, to the policy text after `-P`, or to both;
/// the lexer only reports it as a keyword in a mode where it is one (`default` is an
/// ordinary word outside a policy, `add` an ordinary word inside one).
/// Counterpart: the literal rules of ipsec-tools' `token.l` and libipsec's `policy_token.l`.
enum Keyword: UInt8, CaseIterable, Sendable {
    // commands
    case add, update, get, delete, deleteall, flush, dump, spdadd, spdupdate, spddelete, spddump, spdflush
    case tagged, exit, quit, bye
    // SA protocols
    case ah, esp, ahOld, espOld, espUDP, ipcomp, tcp
    // modes and the wildcard
    case transport, tunnel, any
    // `-f` arguments
    case randomPad, seqPad, zeroPad, nocyclicSeq
    // option flags
    case optionMode, optionReqid, optionExtension, optionReplay
    case optionHardLifetime, optionSoftLifetime, optionHardBytes, optionSoftBytes, optionContext
    case optionEncryption, optionAuthentication, optionCompression, optionRawCPI, optionPolicy
    // policy text
    case `in`, out, fwd, priority, prio, low, def, high
    case discard, none, ipsec, bypass, entrust, me, `default`, use, require, unique

    /// The text as written.
    var spelling: String {
        switch self {
        case .add: return "add"
        case .update: return "update"
        case .get: return "get"
        case .delete: return "delete"
        case .deleteall: return "deleteall"
        case .flush: return "flush"
        case .dump: return "dump"
        case .spdadd: return "spdadd"
        case .spdupdate: return "spdupdate"
        case .spddelete: return "spddelete"
        case .spddump: return "spddump"
        case .spdflush: return "spdflush"
        case .tagged: return "tagged"
        case .exit: return "exit"
        case .quit: return "quit"
        case .bye: return "bye"
        case .ah: return "ah"
        case .esp: return "esp"
        case .ahOld: return "ah-old"
        case .espOld: return "esp-old"
        case .espUDP: return "esp-udp"
        case .ipcomp: return "ipcomp"
        case .tcp: return "tcp"
        case .transport: return "transport"
        case .tunnel: return "tunnel"
        case .any: return "any"
        case .randomPad: return "random-pad"
        case .seqPad: return "seq-pad"
        case .zeroPad: return "zero-pad"
        case .nocyclicSeq: return "nocyclic-seq"
        case .optionMode: return "-m"
        case .optionReqid: return "-u"
        case .optionExtension: return "-f"
        case .optionReplay: return "-r"
        case .optionHardLifetime: return "-lh"
        case .optionSoftLifetime: return "-ls"
        case .optionHardBytes: return "-bh"
        case .optionSoftBytes: return "-bs"
        case .optionContext: return "-ctx"
        case .optionEncryption: return "-E"
        case .optionAuthentication: return "-A"
        case .optionCompression: return "-C"
        case .optionRawCPI: return "-R"
        case .optionPolicy: return "-P"
        case .in: return "in"
        case .out: return "out"
        case .fwd: return "fwd"
        case .priority: return "priority"
        case .prio: return "prio"
        case .low: return "low"
        case .def: return "def"
        case .high: return "high"
        case .discard: return "discard"
        case .none: return "none"
        case .ipsec: return "ipsec"
        case .bypass: return "bypass"
        case .entrust: return "entrust"
        case .me: return "me"
        case .default: return "default"
        case .use: return "use"
        case .require: return "require"
        case .unique: return "unique"
        }
    }

    /// Whether it is a keyword of the statement grammar.
    var isStatementKeyword: Bool {
        rawValue <= Keyword.optionPolicy.rawValue
    }

    /// Whether it is a keyword of the policy text (libipsec's grammar).
    var isPolicyKeyword: Bool {
        switch self {
        case .esp, .ah, .ipcomp, .tcp, .transport, .tunnel, .any: return true
        default: return rawValue >= Keyword.in.rawValue
        }
    }

    /// Whether it is an option flag (`-m`, `-E`, `-P` ...).
    var isOption: Bool {
        rawValue >= Keyword.optionMode.rawValue && rawValue <= Keyword.optionPolicy.rawValue
    }

    /// The keyword spelled exactly `buffer[start..<end]` in `mode`, if any.
    @inline(__always)
    static func lookup(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, mode: LexerMode) -> Keyword? {
        guard let keyword = KeywordTable.table.value(buffer, start, end) else { return nil }
        switch mode {
        case .statement: return keyword.isStatementKeyword ? keyword : nil
        case .policy: return keyword.isPolicyKeyword ? keyword : nil
        }
    }
}

/// Up to 16 bytes packed into two integers (big-endian, zero padded), so that a word is
/// compared with a table in a few integer operations and no allocation.
struct PackedWord: Hashable, Sendable {
    var first: UInt64
    var second: UInt64

    /// The word `buffer[start..<end]`; nil when empty or longer than 16 bytes.
    @inline(__always)
    init?(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
        let n = end - start
        guard n > 0, n <= 16, start >= 0, end <= buffer.count, let base = buffer.baseAddress else { return nil }
        if start + 16 <= buffer.count {
            // two loads, then clear the bytes after the word
            let raw = UnsafeRawPointer(base + start)
            let a = UInt64(bigEndian: raw.loadUnaligned(as: UInt64.self))
            let b = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            first = n >= 8 ? a : a & ~(UInt64.max >> (8 * n))
            second = n <= 8 ? 0 : b & ~(UInt64.max >> (8 * (n - 8)))
        } else {
            var a: UInt64 = 0
            var b: UInt64 = 0
            for i in 0..<n {
                if i < 8 { a |= UInt64(base[start + i]) << (8 * (7 - i)) } else { b |= UInt64(base[start + i]) << (8 * (15 - i)) }
            }
            first = a
            second = b
        }
    }

    /// A slot in a 256-entry hash table.
    @inline(__always) var slot: Int {
        Int(truncatingIfNeeded: ((first ^ (second &* 0x2545_F491_4F6C_DD1D)) &* 0x9E37_79B9_7F4A_7C15) >> 56)
    }
}

/// A set of words (at most 255, each up to 16 bytes) with a value each, found by hashing the
/// packed word; a filter on the first byte and the length turns most other words away first.
struct PackedWordTable<Value: Sendable>: Sendable {
    private var words: [PackedWord] = []
    private var values: [Value] = []
    /// Open addressing over 256 slots: the index into `words` plus one, 0 for empty.
    private var slots = [UInt8](repeating: 0, count: 256)
    /// For each first byte below 128, a bit per length (1...16) some word has.
    private var lengths = [UInt32](repeating: 0, count: 128)

    init(_ pairs: [(String, Value)]) {
        for (spelling, value) in pairs {
            let bytes = Array(spelling.utf8)
            guard bytes.count <= 16, words.count < 255, let first = bytes.first, first < 128,
                  let packed = bytes.withUnsafeBufferPointer({ PackedWord($0, 0, $0.count) }) else { continue }
            var slot = packed.slot
            while slots[slot] != 0 {
                if words[Int(slots[slot]) - 1] == packed { break }
                slot = (slot + 1) & 255
            }
            guard slots[slot] == 0 else { continue }  // first spelling wins
            words.append(packed)
            values.append(value)
            slots[slot] = UInt8(words.count)
            lengths[Int(first)] |= 1 << UInt32(bytes.count)
        }
    }

    /// The value stored for exactly `buffer[start..<end]`.
    @inline(__always)
    func value(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Value? {
        let n = end - start
        guard n > 0, n <= 16, start < buffer.count else { return nil }
        let first = buffer[start]
        guard first < 128, lengths[Int(first)] & (1 << UInt32(n)) != 0,
              let key = PackedWord(buffer, start, end) else { return nil }
        var slot = key.slot
        while true {
            let index = Int(slots[slot])
            if index == 0 { return nil }
            if words[index - 1] == key { return values[index - 1] }
            slot = (slot + 1) & 255
        }
    }
}

/// The keyword table (built once).
enum KeywordTable {
    static let table = PackedWordTable(Keyword.allCases.map { ($0.spelling, $0) })
}
