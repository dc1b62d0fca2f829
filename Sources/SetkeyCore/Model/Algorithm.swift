/// What an algorithm is used for, which decides the SA field it goes into.
/// Counterpart: `-E` (`sadb_sa_encrypt`), `-A` (`sadb_sa_auth`), `-C` (`sadb_sa_encrypt` of
/// an IPComp SA).
public enum AlgorithmKind: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case encryption
    case authentication
    case compression

    /// The option that introduces it: `-E`, `-A` or `-C`.
    public var option: String {
        switch self {
        case .encryption: return "-E"
        case .authentication: return "-A"
        case .compression: return "-C"
        }
    }
    public var description: String {
        switch self {
        case .encryption: return "encryption"
        case .authentication: return "authentication"
        case .compression: return "compression"
        }
    }
}

/// An algorithm as PF_KEY numbers it: its kind plus its `SADB_*ALG_*` id.
///
/// Ids are not unique across platforms (15 is AES-CCM-12 on Linux and ChaCha20-Poly1305 on
/// FreeBSD): look descriptors up with a personality. Counterpart: `sadb_sa_auth`/`_encrypt`.
public struct AlgorithmID: Sendable, Hashable, CustomStringConvertible {
    public var kind: AlgorithmKind
    public var number: UInt8
    public init(_ kind: AlgorithmKind, _ number: UInt8) {
        self.kind = kind
        self.number = number
    }
    public var description: String { "\(kind)(\(number))" }
}

/// An algorithm chosen for an SA with its key.
///
/// Counterpart: the `-E`/`-A`/`-C` clause of an `add`; `sadb_sa_*` + `sadb_key`;
/// `XFRMA_ALG_CRYPT`/`_AUTH_TRUNC`/`_AEAD`/`_COMP`.
public struct KeyedAlgorithm: Sendable, Hashable {
    /// Which algorithm.
    public var id: AlgorithmID
    /// The key (empty for `null` and for compression).
    public var key: SAKey
    /// The integrity check value length in bits when it is not the algorithm's default
    /// (XFRM reports it; nil means "the catalogue's default for the backend").
    public var icvBits: UInt32?
    /// The kernel's own name when a backend reported one the catalogue does not know
    /// (for example an XFRM algorithm without a PF_KEY id).
    public var kernelName: String?

    public init(id: AlgorithmID, key: SAKey = .empty, icvBits: UInt32? = nil, kernelName: String? = nil) {
        self.id = id
        self.key = key
        self.icvBits = icvBits
        self.kernelName = kernelName
    }
}

/// A range of key lengths in bits that a backend accepts for one algorithm, as a
/// `SADB_REGISTER` reply states it (`sadb_alg_minbits`/`maxbits`).
public struct KeyBitsRange: Sendable, Hashable, CustomStringConvertible {
    public var minimum: Int
    public var maximum: Int
    public init(_ minimum: Int, _ maximum: Int) {
        self.minimum = minimum
        self.maximum = maximum
    }
    public func contains(_ bits: Int) -> Bool { bits >= minimum && bits <= maximum }
    public var description: String { minimum == maximum ? "\(minimum)" : "\(minimum)-\(maximum)" }
}
