/// A Security Association: one direction of keyed IPsec processing between two hosts.
///
/// The same value describes what a statement asks for (`add`, `update`) and what a backend
/// reports (`get`, dumps, monitor events); the `reported` part is only filled by backends.
/// Counterpart: an `add` statement; `SADB_ADD` with SA/SA2/address/key/lifetime extensions;
/// `XFRM_MSG_NEWSA` (`xfrm_usersa_info`).
public struct SecurityAssociation: Sendable, Hashable {
    /// Source address (the SA's sender).
    public var source: IPAddress
    /// Destination address; with `type` and `spi` it identifies the SA.
    public var destination: IPAddress
    /// Port written after the source address (`[port]`), 0 when none.
    public var sourcePort: UInt16
    /// Port written after the destination address, 0 when none.
    public var destinationPort: UInt16
    /// ESP, AH, IPComp or TCP-MD5.
    public var type: SAType
    /// The SPI (the CPI for IPComp).
    public var spi: SPI
    /// `-m`: any (default), transport or tunnel.
    public var mode: IPsecMode
    /// `-u`: the request id (0 when none).
    public var reqid: RequestID
    /// `-r`: the replay window as given (BSD kernels read bytes, Linux packets).
    public var replayWindow: UInt32
    /// SA flags: `SAFlags.setkeyDefault` plus what `-f`, `-R`, `*-old` and the algorithm add.
    public var flags: SAFlags
    /// `-E`: the encryption algorithm and key (ESP).
    public var encryption: KeyedAlgorithm?
    /// `-A`: the authentication algorithm and key.
    public var authentication: KeyedAlgorithm?
    /// `-C`: the compression algorithm (IPComp).
    public var compression: KeyedAlgorithm?
    /// `-lh` / `-bh`: hard limits (seconds since creation, bytes).
    public var hardLifetime: Lifetime
    /// `-ls` / `-bs`: soft limits.
    public var softLifetime: Lifetime
    /// NAT traversal (`esp-udp`): encapsulation type, ports and original addresses.
    public var natTraversal: NATTraversal?
    /// `-ctx`: a security context.
    public var securityContext: SecurityContext?
    /// State and counters as a backend reports them; `nil` in requests.
    public var reported: ReportedSAState?

    /// An SA with setkey's defaults: mode any, no reqid, no replay window, flags
    /// `setkeyDefault`, no algorithms, no lifetimes.
    public init(source: IPAddress, destination: IPAddress, type: SAType, spi: SPI,
                sourcePort: UInt16 = 0, destinationPort: UInt16 = 0, mode: IPsecMode = .any,
                reqid: RequestID = .none, replayWindow: UInt32 = 0, flags: SAFlags = .setkeyDefault,
                encryption: KeyedAlgorithm? = nil, authentication: KeyedAlgorithm? = nil,
                compression: KeyedAlgorithm? = nil, hardLifetime: Lifetime = .unlimited,
                softLifetime: Lifetime = .unlimited, natTraversal: NATTraversal? = nil,
                securityContext: SecurityContext? = nil, reported: ReportedSAState? = nil) {
        self.source = source
        self.destination = destination
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
        self.type = type
        self.spi = spi
        self.mode = mode
        self.reqid = reqid
        self.replayWindow = replayWindow
        self.flags = flags
        self.encryption = encryption
        self.authentication = authentication
        self.compression = compression
        self.hardLifetime = hardLifetime
        self.softLifetime = softLifetime
        self.natTraversal = natTraversal
        self.securityContext = securityContext
        self.reported = reported
    }

    /// The identity of this SA (destination, type, SPI, plus the source for display).
    public var identity: SAIdentity {
        SAIdentity(source: source, destination: destination, type: type, spi: spi,
                   sourcePort: sourcePort, destinationPort: destinationPort)
    }

    /// The state a backend reported, `mature` when none was reported.
    public var state: SAState { reported?.state ?? .mature }
}

/// What names one SA in `get` and `delete`: kernels match destination, protocol and SPI
/// (PF_KEY also checks the source).
/// Counterpart: `get`/`delete` operands; `SADB_GET`/`SADB_DELETE`; `xfrm_usersa_id`.
public struct SAIdentity: Sendable, Hashable, CustomStringConvertible {
    public var source: IPAddress
    public var destination: IPAddress
    public var type: SAType
    public var spi: SPI
    /// Ports written after the addresses (only NAT-T SAs care).
    public var sourcePort: UInt16
    public var destinationPort: UInt16

    public init(source: IPAddress, destination: IPAddress, type: SAType, spi: SPI,
                sourcePort: UInt16 = 0, destinationPort: UInt16 = 0) {
        self.source = source
        self.destination = destination
        self.type = type
        self.spi = spi
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
    }

    /// The kernel's key: destination, protocol and SPI.
    public var key: SAKeyTriple { SAKeyTriple(destination: destination, type: type, spi: spi) }

    public var description: String { "\(source) \(destination) \(type) \(spi.rawValue)" }
}

/// The triple that is unique in a kernel's SAD: destination, protocol, SPI.
public struct SAKeyTriple: Sendable, Hashable {
    public var destination: IPAddress
    public var type: SAType
    public var spi: SPI
    public init(destination: IPAddress, type: SAType, spi: SPI) {
        self.destination = destination
        self.type = type
        self.spi = spi
    }
}

/// State, counters and dump bookkeeping a backend reports for an SA.
/// Counterpart: `sadb_sa_state`, LIFETIME_CURRENT, SA2 sequence, the dump message's
/// `sadb_msg_seq`/`pid`/`reserved`.
public struct ReportedSAState: Sendable, Hashable {
    /// larval, mature, dying or dead.
    public var state: SAState
    /// Current lifetime: allocations, bytes, creation time and first-use time (epoch seconds).
    public var current: Lifetime
    /// The SA2 sequence number (low 32 bits of the packet counter; Linux reports 0).
    public var sequence: UInt32
    /// The dump message's `sadb_msg_seq`, when the backend speaks PF_KEY; nil lets the
    /// formatter number records as the personality's kernel does.
    public var messageSequence: UInt32?
    /// The dump message's `sadb_msg_pid`, when known.
    public var messagePID: UInt32?
    /// `sadb_msg_reserved` (BSD: reference count; Linux: 0).
    public var referenceCount: UInt32

    public init(state: SAState = .mature, current: Lifetime = .unlimited, sequence: UInt32 = 0,
                messageSequence: UInt32? = nil, messagePID: UInt32? = nil, referenceCount: UInt32 = 0) {
        self.state = state
        self.current = current
        self.sequence = sequence
        self.messageSequence = messageSequence
        self.messagePID = messagePID
        self.referenceCount = referenceCount
    }
}

/// NAT traversal of an ESP SA (`esp-udp`, FreeBSD's `-natt`).
/// Counterpart: `SADB_X_EXT_NAT_T_TYPE`, `_SPORT`, `_DPORT`, `_OA`(`_OAI`), `_OAR`, `_FRAG`;
/// `XFRMA_ENCAP` (`xfrm_encap_tmpl`).
public struct NATTraversal: Sendable, Hashable {
    /// The encapsulation type: 2 is ESP-in-UDP (RFC 3948), 1 the IKE non-ESP marker.
    public var type: UInt8
    /// The UDP source port (default 4500).
    public var sourcePort: UInt16
    /// The UDP destination port (default 4500).
    public var destinationPort: UInt16
    /// The original address (initiator's, for FreeBSD's OAI).
    public var originalAddress: IPAddress?
    /// FreeBSD: the responder's original address (OAR).
    public var originalResponderAddress: IPAddress?
    /// FreeBSD: the fragment size (`-natt_mtu`), 0 when none.
    public var fragmentSize: UInt16

    /// ESP-in-UDP encapsulation type (RFC 3948): `UDP_ENCAP_ESPINUDP`.
    public static let espInUDP: UInt8 = 2
    /// The IKE NAT-T port.
    public static let defaultPort: UInt16 = 4500

    public init(type: UInt8 = NATTraversal.espInUDP, sourcePort: UInt16 = NATTraversal.defaultPort,
                destinationPort: UInt16 = NATTraversal.defaultPort, originalAddress: IPAddress? = nil,
                originalResponderAddress: IPAddress? = nil, fragmentSize: UInt16 = 0) {
        self.type = type
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
        self.originalAddress = originalAddress
        self.originalResponderAddress = originalResponderAddress
        self.fragmentSize = fragmentSize
    }
}

/// A security (SELinux) context (`-ctx doi alg "string"`).
/// Counterpart: `SADB_X_EXT_SEC_CTX` (`sadb_x_sec_ctx`), `XFRMA_SEC_CTX`.
public struct SecurityContext: Sendable, Hashable {
    /// The domain of interpretation (0 = no context).
    public var doi: UInt8
    /// The context algorithm.
    public var algorithm: UInt8
    /// The context string, without the terminating NUL that PF_KEY adds.
    public var context: String

    public init(doi: UInt8, algorithm: UInt8, context: String) {
        self.doi = doi
        self.algorithm = algorithm
        self.context = context
    }
}
