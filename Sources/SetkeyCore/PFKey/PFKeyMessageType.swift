extension PFKey {
    /// The type of a PF_KEY message (`sadb_msg_type`). 1-22 mean the same on every kernel;
    /// 23 and 24 are Linux's (NetBSD has 23 as well).
    /// Counterpart: `SADB_GETSPI` ... `SADB_X_MIGRATE`.
    public enum MessageType: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        case getSPI = 1
        case update = 2
        case add = 3
        case delete = 4
        case get = 5
        case acquire = 6
        case register = 7
        case expire = 8
        case flush = 9
        case dump = 10
        case promisc = 11
        case policyChange = 12
        case spdUpdate = 13
        case spdAdd = 14
        case spdDelete = 15
        case spdGet = 16
        case spdAcquire = 17
        case spdDump = 18
        case spdFlush = 19
        case spdSetIndex = 20
        case spdExpire = 21
        case spdDelete2 = 22
        /// Linux, NetBSD: a NAT mapping changed.
        case natTNewMapping = 23
        /// Linux: SA/policy migration.
        case migrate = 24

        /// The kernel's spelling: `SADB_ADD`, `SADB_X_SPDADD` ...
        public var description: String {
            switch self {
            case .getSPI: return "SADB_GETSPI"
            case .update: return "SADB_UPDATE"
            case .add: return "SADB_ADD"
            case .delete: return "SADB_DELETE"
            case .get: return "SADB_GET"
            case .acquire: return "SADB_ACQUIRE"
            case .register: return "SADB_REGISTER"
            case .expire: return "SADB_EXPIRE"
            case .flush: return "SADB_FLUSH"
            case .dump: return "SADB_DUMP"
            case .promisc: return "SADB_X_PROMISC"
            case .policyChange: return "SADB_X_PCHANGE"
            case .spdUpdate: return "SADB_X_SPDUPDATE"
            case .spdAdd: return "SADB_X_SPDADD"
            case .spdDelete: return "SADB_X_SPDDELETE"
            case .spdGet: return "SADB_X_SPDGET"
            case .spdAcquire: return "SADB_X_SPDACQUIRE"
            case .spdDump: return "SADB_X_SPDDUMP"
            case .spdFlush: return "SADB_X_SPDFLUSH"
            case .spdSetIndex: return "SADB_X_SPDSETIDX"
            case .spdExpire: return "SADB_X_SPDEXPIRE"
            case .spdDelete2: return "SADB_X_SPDDELETE2"
            case .natTNewMapping: return "SADB_X_NAT_T_NEW_MAPPING"
            case .migrate: return "SADB_X_MIGRATE"
            }
        }

        /// The name without the `SADB_` prefix (`ADD`, `X_SPDADD`), as `KeyEvent.Kind.other`
        /// carries it.
        public var shortName: String { String(description.dropFirst(5)) }

        /// The type whose short or kernel name is `name`.
        public init?(name: String) {
            guard let t = Self.allCases.first(where: { $0.shortName == name || $0.description == name }) else {
                return nil
            }
            self = t
        }

        /// Whether the wire's kernel defines this type.
        public func isDefined(on wire: Wire) -> Bool { rawValue <= wire.maximumMessageType }
    }
}
