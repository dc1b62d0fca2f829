#if canImport(Glibc)
import Glibc
#endif
import CXFRM
import SetkeyCore

/// The Linux kernel's SAD and SPD through XFRM netlink (libmnl): one socket per run,
/// mutations pipelined many per `sendmsg`, dumps streamed, everything mapped to and from the
/// model the way af_key maps setkey's PF_KEY messages, so dumps print as ipsec-tools prints
/// them on Linux.
/// Counterpart: `ip xfrm` (iproute2) for the transport; net/key/af_key.c for the semantics.
public final class XFRMBackend: KeyBackend {
    public static let name = "xfrm"
    public static let summary = "the Linux kernel through XFRM netlink (libmnl), pipelined; needs CAP_NET_ADMIN"

    let settings: XFRMSettings
    let connection: XFRMConnection
    var requestIDs = XFRMRequestIDAllocator()

    /// What this kernel offers: the Linux table, less the algorithms the kernel lacks
    /// (probed on first use, as af_key's REGISTER reply lists only what the kernel has).
    public private(set) lazy var capabilities: BackendCapabilities = {
        var c = Self.linuxCapabilities
        if settings.probeAlgorithms {
            c.algorithms = XFRMAlgorithmProbe.available(in: c.algorithms, backend: self)
        }
        return c
    }()

    public convenience init(context: BackendContext) throws(BackendError) {
        let settings = try XFRMSettings(context.settings)
        let socket = try XFRMSocket(bufferBytes: settings.socketBuffer)
        self.init(transport: socket, settings: settings)
    }

    /// A backend over any transport (tests script one).
    init(transport: any NetlinkTransport, settings: XFRMSettings = XFRMSettings()) {
        self.settings = settings
        connection = XFRMConnection(transport: transport, firstSequence: UInt32(truncatingIfNeeded: time(nil)))
    }

    /// What XFRM on Linux offers setkey.
    static let linuxCapabilities = BackendCapabilities(
        personality: .linux,
        saTypes: [.esp, .ah, .ipcomp],
        features: [.saUpdate, .lifetimesEnforced, .byteLifetimes, .monitor, .policyPriority, .forwardPolicies,
                   .natTraversal, .aead, .persistent, .kernel, .pipelined, .keylessAH],
        algorithms: BackendCapabilities.catalogueAlgorithms(for: .linux, includeAEAD: true),
        maximumRequestsPerPolicy: Int(CXFRM_MAX_DEPTH),
        preferredBatchSize: 8192)

    /// Seconds since the epoch (the kernel's add/use times are in the same clock).
    static func now() -> UInt64 { UInt64(max(0, time(nil))) }

    public func get(_ identity: SAIdentity) throws(BackendError) -> SecurityAssociation {
        guard identity.source.family == identity.destination.family else {
            throw .kernelRejected(.invalidArgument, detail: "source and destination families differ")
        }
        var found: SecurityAssociation?
        let now = Self.now()
        try connection.transact(.saIdentity(.getSA, XFRMStateMapping.identity(identity))) { (m) throws(BackendError) in
            found = try Self.decodeSA(m, now: now)
        }
        guard let found else { throw .notFound(.noSuchProcess) }
        return found
    }

    /// The policy with this selector and direction (GETPOLICY).
    /// - Throws: `notFound` (ENOENT) when there is none.
    public func getPolicy(_ identity: PolicyIdentity) throws(BackendError) -> SecurityPolicy {
        var found: SecurityPolicy?
        let now = Self.now()
        let request = XFRMRequest.policyIdentity(.getPolicy, XFRMPolicyMapping.identity(identity),
                                                 context: identity.securityContext)
        try connection.transact(request) { (m) throws(BackendError) in
            found = try Self.decodePolicy(m, now: now)
        }
        guard let found else { throw .notFound(.noSuchFileOrDirectory) }
        return found
    }

    public func dumpSAs(_ filter: SADumpFilter, _ body: (SecurityAssociation) -> Void) throws(BackendError) {
        let proto: UInt8? = filter.type == .unspecified ? nil : filter.type.ipProtocol
        try dumpSAs(.dumpSA(proto: proto, filter: nil), body)
    }

    /// Streams an SA dump; after an interrupted dump, records already delivered are not
    /// delivered again (their keys are kept in an array, hashed only if a restart happens).
    func dumpSAs(_ request: XFRMRequest, _ body: (SecurityAssociation) -> Void) throws(BackendError) {
        let now = Self.now()
        var delivered = [SAKeyTriple]()
        var skip: Set<SAKeyTriple>?
        try connection.dump(request, restart: { skip = Set(delivered) }) { (m) throws(BackendError) in
            guard let sa = try Self.decodeSA(m, now: now) else { return }
            let key = sa.identity.key
            if let skip, skip.contains(key) { return }
            delivered.append(key)
            body(sa)
        }
    }

    public func dumpPolicies(_ body: (SecurityPolicy) -> Void) throws(BackendError) {
        let now = Self.now()
        var delivered = [UInt32]()
        var skip: Set<UInt32>?
        try connection.dump(.dumpPolicy, restart: { skip = Set(delivered) }) { (m) throws(BackendError) in
            guard let p = try Self.decodePolicy(m, now: now), let id = p.reported?.id else { return }
            if let skip, skip.contains(id) { return }
            delivered.append(id)
            body(p)
        }
    }

    public func monitor(_ handler: (KeyEvent) -> Bool) throws(BackendError) {
        let socket = try XFRMSocket(groups: XFRM.Group.acquire | XFRM.Group.expire | XFRM.Group.sa | XFRM.Group.policy,
                                    bufferBytes: settings.socketBuffer)
        defer { socket.close() }
        try XFRMMonitor(transport: socket).run(handler)
    }

    public func close() {
        connection.transport.close()
    }

    /// An SA from a NEWSA message (dump record or GETSA reply); nil for states setkey cannot show.
    static func decodeSA(_ m: XFRMMessageView, now: UInt64) throws(BackendError) -> SecurityAssociation? {
        guard m.type == .newSA || m.type == .updateSA else {
            throw .malformedReply("expected XFRM_MSG_NEWSA, got \(m.type)")
        }
        let info = try m.fixed(xfrm_usersa_info.self, name: "xfrm_usersa_info")
        return try XFRMDecoder.securityAssociation(info, m.attributes(after: xfrm_usersa_info.self), now: now)
    }

    /// A policy from a NEWPOLICY message; nil for policies setkey cannot show.
    static func decodePolicy(_ m: XFRMMessageView, now: UInt64) throws(BackendError) -> SecurityPolicy? {
        guard m.type == .newPolicy || m.type == .updatePolicy else {
            throw .malformedReply("expected XFRM_MSG_NEWPOLICY, got \(m.type)")
        }
        let info = try m.fixed(xfrm_userpolicy_info.self, name: "xfrm_userpolicy_info")
        return try XFRMDecoder.securityPolicy(info, m.attributes(after: xfrm_userpolicy_info.self), now: now)
    }
}
