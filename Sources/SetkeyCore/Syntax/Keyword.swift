/// Every reserved word of the setkey language, in one table, matched exactly (never by prefix).
///
/// A keyword belongs to the statement grammar, to the policy text after `-P`, or to both;
/// the lexer only reports it as a keyword in a mode where it is one (`default` is an
/// ordinary word outside a policy, `add` an ordinary word inside one).
/// Counterpart: the literal rules of ipsec-tools' `token.l` and libipsec's `policy_token.l`.
enum Keyword: UInt8, CaseIterable, Sendable {
    // The order matters: commands come first (up to `bye`), statement keywords up to
    // `optionPolicy`, the options from `optionMode` to `optionPolicy`, policy words from `in`.
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

/// The keyword table (built once).
enum KeywordTable {
    static let table = PackedWordTable(Keyword.allCases.map { ($0.spelling, $0) })
}
