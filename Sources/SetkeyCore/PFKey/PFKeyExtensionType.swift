extension PFKey {
    /// What an extension is, independent of the number a wire gives it (23-28 differ
    /// between Linux and the BSDs).
    /// Counterpart: `SADB_EXT_*` and `SADB_X_EXT_*`.
    public enum ExtensionType: Sendable, Hashable, CaseIterable, CustomStringConvertible {
        case sa
        case lifetimeCurrent
        case lifetimeHard
        case lifetimeSoft
        case addressSource
        case addressDestination
        case addressProxy
        case keyAuthentication
        case keyEncryption
        case identitySource
        case identityDestination
        case sensitivity
        case proposal
        case supportedAuthentication
        case supportedEncryption
        case spiRange
        case kmPrivate
        case policy
        case sa2
        case natTType
        case natTSourcePort
        case natTDestinationPort
        /// NAT original address (Linux `NAT_T_OA`, BSD `NAT_T_OAI`): 23 everywhere.
        case natTOriginalAddress
        /// Linux 24.
        case securityContext
        /// Linux 25.
        case kmAddress
        /// Linux 26.
        case filter
        /// BSD 24: the responder's original address.
        case natTOriginalResponderAddress
        /// BSD 25: the fragment size.
        case natTFragment
        /// FreeBSD 26: the replay window in bits.
        case saReplay
        /// FreeBSD 27.
        case newAddressSource
        /// FreeBSD 28.
        case newAddressDestination

        /// The number of this extension on `wire`, nil when that kernel has no such extension.
        public func number(on wire: Wire) -> UInt16? {
            switch self {
            case .sa: return 1
            case .lifetimeCurrent: return 2
            case .lifetimeHard: return 3
            case .lifetimeSoft: return 4
            case .addressSource: return 5
            case .addressDestination: return 6
            case .addressProxy: return 7
            case .keyAuthentication: return 8
            case .keyEncryption: return 9
            case .identitySource: return 10
            case .identityDestination: return 11
            case .sensitivity: return 12
            case .proposal: return 13
            case .supportedAuthentication: return 14
            case .supportedEncryption: return 15
            case .spiRange: return 16
            case .kmPrivate: return 17
            case .policy: return 18
            case .sa2: return 19
            case .natTType: return 20
            case .natTSourcePort: return 21
            case .natTDestinationPort: return 22
            case .natTOriginalAddress: return 23
            case .securityContext: return wire.flavour == .linux ? 24 : nil
            case .kmAddress: return wire.flavour == .linux ? 25 : nil
            case .filter: return wire.flavour == .linux ? 26 : nil
            case .natTOriginalResponderAddress: return wire.flavour == .linux ? nil : 24
            case .natTFragment: return wire.flavour == .linux ? nil : 25
            case .saReplay: return wire.flavour == .freeBSD ? 26 : nil
            case .newAddressSource: return wire.flavour == .freeBSD ? 27 : nil
            case .newAddressDestination: return wire.flavour == .freeBSD ? 28 : nil
            }
        }

        /// The extension a wire numbers `number`, nil when it defines none.
        public init?(number: UInt16, wire: Wire) {
            guard let t = Self.allCases.first(where: { $0.number(on: wire) == number }) else { return nil }
            self = t
        }

        /// The kernel's spelling: `SADB_EXT_SA`, `SADB_X_EXT_POLICY` ...
        public var description: String {
            switch self {
            case .sa: return "SADB_EXT_SA"
            case .lifetimeCurrent: return "SADB_EXT_LIFETIME_CURRENT"
            case .lifetimeHard: return "SADB_EXT_LIFETIME_HARD"
            case .lifetimeSoft: return "SADB_EXT_LIFETIME_SOFT"
            case .addressSource: return "SADB_EXT_ADDRESS_SRC"
            case .addressDestination: return "SADB_EXT_ADDRESS_DST"
            case .addressProxy: return "SADB_EXT_ADDRESS_PROXY"
            case .keyAuthentication: return "SADB_EXT_KEY_AUTH"
            case .keyEncryption: return "SADB_EXT_KEY_ENCRYPT"
            case .identitySource: return "SADB_EXT_IDENTITY_SRC"
            case .identityDestination: return "SADB_EXT_IDENTITY_DST"
            case .sensitivity: return "SADB_EXT_SENSITIVITY"
            case .proposal: return "SADB_EXT_PROPOSAL"
            case .supportedAuthentication: return "SADB_EXT_SUPPORTED_AUTH"
            case .supportedEncryption: return "SADB_EXT_SUPPORTED_ENCRYPT"
            case .spiRange: return "SADB_EXT_SPIRANGE"
            case .kmPrivate: return "SADB_X_EXT_KMPRIVATE"
            case .policy: return "SADB_X_EXT_POLICY"
            case .sa2: return "SADB_X_EXT_SA2"
            case .natTType: return "SADB_X_EXT_NAT_T_TYPE"
            case .natTSourcePort: return "SADB_X_EXT_NAT_T_SPORT"
            case .natTDestinationPort: return "SADB_X_EXT_NAT_T_DPORT"
            case .natTOriginalAddress: return "SADB_X_EXT_NAT_T_OA"
            case .securityContext: return "SADB_X_EXT_SEC_CTX"
            case .kmAddress: return "SADB_X_EXT_KMADDRESS"
            case .filter: return "SADB_X_EXT_FILTER"
            case .natTOriginalResponderAddress: return "SADB_X_EXT_NAT_T_OAR"
            case .natTFragment: return "SADB_X_EXT_NAT_T_FRAG"
            case .saReplay: return "SADB_X_EXT_SA_REPLAY"
            case .newAddressSource: return "SADB_X_EXT_NEW_ADDRESS_SRC"
            case .newAddressDestination: return "SADB_X_EXT_NEW_ADDRESS_DST"
            }
        }
    }
}
