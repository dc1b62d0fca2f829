extension PFKey {
    /// Which lifetime an extension holds.
    public enum LifetimeKind: Sendable, Hashable, CaseIterable {
        case current, hard, soft
        var type: ExtensionType {
            switch self {
            case .current: return .lifetimeCurrent
            case .hard: return .lifetimeHard
            case .soft: return .lifetimeSoft
            }
        }
    }

    /// Which address an extension holds.
    public enum AddressKind: Sendable, Hashable, CaseIterable {
        case source, destination, proxy
        /// NAT-T original address (initiator's on BSD).
        case natTOriginal
        /// BSD: the responder's NAT-T original address.
        case natTOriginalResponder
        /// FreeBSD: new addresses of an SA being moved.
        case newSource, newDestination
        var type: ExtensionType {
            switch self {
            case .source: return .addressSource
            case .destination: return .addressDestination
            case .proxy: return .addressProxy
            case .natTOriginal: return .natTOriginalAddress
            case .natTOriginalResponder: return .natTOriginalResponderAddress
            case .newSource: return .newAddressSource
            case .newDestination: return .newAddressDestination
            }
        }
    }

    /// Authentication or encryption (keys and REGISTER lists).
    public enum KeyKind: Sendable, Hashable, CaseIterable {
        case authentication, encryption
    }

    /// Source or destination (identities, NAT-T ports).
    public enum Side: Sendable, Hashable, CaseIterable {
        case source, destination
    }

    /// One extension of a message, decoded. Every byte of the extension is kept (padding and
    /// reserved fields too), so encoding a decoded extension gives the same bytes back.
    /// Counterpart: `struct sadb_ext` and the structures that begin with it.
    public enum Extension: Sendable, Hashable {
        case sa(SAExtension)
        case lifetime(LifetimeKind, LifetimeExtension)
        case address(AddressKind, AddressExtension)
        case key(KeyKind, KeyExtension)
        case identity(Side, IdentityExtension)
        case sensitivity(SensitivityExtension)
        case proposal(ProposalExtension)
        case supported(KeyKind, SupportedExtension)
        case spiRange(SPIRangeExtension)
        case kmPrivate(WordExtension)
        case policy(PolicyExtension)
        case sa2(SA2Extension)
        case natTType(NATTTypeExtension)
        case natTPort(Side, NATTPortExtension)
        case securityContext(SecurityContextExtension)
        case kmAddress(KMAddressExtension)
        case filter(FilterExtension)
        case natTFragment(WordExtension)
        case saReplay(WordExtension)

        /// What this extension is.
        public var type: ExtensionType {
            switch self {
            case .sa: return .sa
            case .lifetime(let k, _): return k.type
            case .address(let k, _): return k.type
            case .key(let k, _): return k == .authentication ? .keyAuthentication : .keyEncryption
            case .identity(let s, _): return s == .source ? .identitySource : .identityDestination
            case .sensitivity: return .sensitivity
            case .proposal: return .proposal
            case .supported(let k, _): return k == .authentication ? .supportedAuthentication : .supportedEncryption
            case .spiRange: return .spiRange
            case .kmPrivate: return .kmPrivate
            case .policy: return .policy
            case .sa2: return .sa2
            case .natTType: return .natTType
            case .natTPort(let s, _): return s == .source ? .natTSourcePort : .natTDestinationPort
            case .securityContext: return .securityContext
            case .kmAddress: return .kmAddress
            case .filter: return .filter
            case .natTFragment: return .natTFragment
            case .saReplay: return .saReplay
            }
        }
    }
}
