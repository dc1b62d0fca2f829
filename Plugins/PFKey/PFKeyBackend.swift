#if canImport(Glibc)
import Glibc
#endif
import SetkeyCore

/// The `pfkey` backend: PF_KEY v2 over `socket(PF_KEY, SOCK_RAW, PF_KEY_V2)`, the Linux
/// `af_key` module or a BSD kernel. Requests are sent as setkey sends them (section 5.6 of
/// the reference); the supported algorithms come from SADB_REGISTER.
/// Counterpart: ipsec-tools setkey with libipsec; strongSwan's kernel-pfkey plugin.
public final class PFKeyBackend: KeyBackend, PFKeyMessageObserving {
    public static let name = "pfkey"
    public static let summary = "PF_KEY v2 (RFC 2367) over socket(PF_KEY): Linux af_key or a BSD kernel"

    let channel: PFKeyChannel
    let decoder: PFKey.ModelDecoder
    public let capabilities: BackendCapabilities

    public var pfkeyWire: PFKey.Wire { channel.wire }
    public var pfkeyObserver: ((PFKey.Traffic) -> Void)? {
        get { channel.observer }
        set { channel.observer = newValue }
    }

    public convenience init(context: BackendContext) throws(BackendError) {
        let settings = try PFKeySettings(context.settings)
        let socket = try PFKeySocket(receiveTimeout: settings.timeout)
        try self.init(transport: socket, settings: settings, pid: UInt32(truncatingIfNeeded: getpid()))
    }

    /// A backend over any transport (tests use a scripted kernel).
    init(transport: any PFKeyTransport, settings: PFKeySettings, pid: UInt32) throws(BackendError) {
        channel = PFKeyChannel(transport: transport, wire: settings.wire, pid: pid, zeroSequence: settings.zeroSequence)
        decoder = PFKey.ModelDecoder(wire: settings.wire)
        do {
            capabilities = try Self.register(channel, decoder: decoder)
        } catch {
            transport.close()
            throw error
        }
    }

    /// SADB_REGISTER for ESP, AH and IPComp (and TCP-MD5 on BSD): the types that register
    /// are the SA types, the union of the SUPPORTED lists the algorithm table.
    static func register(_ channel: PFKeyChannel, decoder: PFKey.ModelDecoder) throws(BackendError) -> BackendCapabilities {
        let wire = channel.wire
        var types = Set<SAType>()
        var algorithms = [AlgorithmID: KeyBitsRange]()
        let candidates: [SAType] = wire.flavour == .linux ? [.esp, .ah, .ipcomp] : [.esp, .ah, .ipcomp, .tcpSignature]
        var lastError: BackendError?
        for type in candidates {
            do {
                let reply = try channel.request(channel.builder().register(type))
                types.insert(type)
                algorithms.merge(decoder.supportedAlgorithms(reply)) { a, _ in a }
            } catch {
                lastError = error
            }
        }
        if types.isEmpty, let lastError { throw lastError }
        if types.contains(.ipcomp) {
            // REGISTER lists no compression algorithms; offer the ones the kernel family has.
            for d in AlgorithmCatalogue.descriptors where d.kind == .compression && d.personalities.contains(wire.personality) {
                algorithms[d.id] = d.keyBits
            }
        }
        var features: BackendFeatures = [.saUpdate, .lifetimesEnforced, .byteLifetimes, .monitor, .natTraversal,
                                         .persistent, .kernel, .pfkeyWire]
        if wire.flavour == .linux {
            features.formUnion([.policyPriority, .forwardPolicies])
        } else {
            features.formUnion([.deadEntries, .reportsFlagsAsSent, .tunnelEndpointPorts])
        }
        return BackendCapabilities(personality: wire.personality, saTypes: types, features: features,
                                   algorithms: algorithms,
                                   maximumRequestsPerPolicy: wire.flavour == .linux ? 6 : nil, preferredBatchSize: 64)
    }

    public func close() {
        channel.transport.close()
    }
}
