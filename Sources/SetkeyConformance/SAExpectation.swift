import SetkeyCore

/// Field-by-field expectations on a reported SA; unset fields are not checked. Values are
/// given as written in the statement; the check knows how each personality's kernel reports
/// them (Linux: mode any becomes transport; KAME keeps flags as sent).
public struct SAExpectation: Sendable {
    public var source: String?
    public var destination: String?
    public var type: SAType?
    public var spi: UInt32?
    public var mode: IPsecMode?
    public var reqid: UInt32?
    public var replayWindow: UInt32?
    /// Encryption algorithm name and key hex (nil key: not checked; "" : empty key).
    public var encryption: (String, String?)?
    public var authentication: (String, String?)?
    public var compression: String?
    public var hardAddTime: UInt64?
    public var softAddTime: UInt64?
    public var hardBytes: UInt64?
    public var softBytes: UInt64?
    /// NAT-T encapsulation ports.
    public var natPorts: (UInt16, UInt16)?
    /// Flags that must be set (checked only on backends that report flags as sent).
    public var flags: SAFlags?
    /// Expected state.
    public var state: SAState?

    public init(source: String? = nil, destination: String? = nil, type: SAType? = nil, spi: UInt32? = nil,
                mode: IPsecMode? = nil, reqid: UInt32? = nil, replayWindow: UInt32? = nil,
                encryption: (String, String?)? = nil, authentication: (String, String?)? = nil,
                compression: String? = nil, hardAddTime: UInt64? = nil, softAddTime: UInt64? = nil,
                hardBytes: UInt64? = nil, softBytes: UInt64? = nil, natPorts: (UInt16, UInt16)? = nil,
                flags: SAFlags? = nil, state: SAState? = nil) {
        self.source = source
        self.destination = destination
        self.type = type
        self.spi = spi
        self.mode = mode
        self.reqid = reqid
        self.replayWindow = replayWindow
        self.encryption = encryption
        self.authentication = authentication
        self.compression = compression
        self.hardAddTime = hardAddTime
        self.softAddTime = softAddTime
        self.hardBytes = hardBytes
        self.softBytes = softBytes
        self.natPorts = natPorts
        self.flags = flags
        self.state = state
    }

    /// Checks `sa` against every expectation that is set.
    public func check(_ sa: SecurityAssociation, _ ctx: ScenarioContext) throws(CheckFailure) {
        if let source { try Check.equal("source", sa.source.description, normalized(source)) }
        if let destination { try Check.equal("destination", sa.destination.description, normalized(destination)) }
        if let type { try Check.equal("protocol", sa.type, type) }
        if let spi { try Check.equal("spi", sa.spi.rawValue, spi) }
        if let mode {
            let reported = (mode == .any && ctx.personality == .linux) ? IPsecMode.transport : mode
            try Check.equal("mode", sa.mode, reported)
        }
        if let reqid { try Check.equal("reqid", sa.reqid.rawValue, reqid) }
        if let replayWindow { try Check.equal("replay window", sa.replayWindow, replayWindow) }
        if let (name, key) = encryption { try Self.algorithm("encryption", sa.encryption, .encryption, name, key) }
        if let (name, key) = authentication {
            try Self.algorithm("authentication", sa.authentication, .authentication, name, key)
        }
        if let compression { try Self.algorithm("compression", sa.compression, .compression, compression, nil) }
        if let hardAddTime { try Check.equal("hard lifetime (seconds)", sa.hardLifetime.addTime, hardAddTime) }
        if let softAddTime { try Check.equal("soft lifetime (seconds)", sa.softLifetime.addTime, softAddTime) }
        if let hardBytes { try Check.equal("hard lifetime (bytes)", sa.hardLifetime.bytes, hardBytes) }
        if let softBytes { try Check.equal("soft lifetime (bytes)", sa.softLifetime.bytes, softBytes) }
        if let (s, d) = natPorts {
            guard let natt = sa.natTraversal else { throw CheckFailure("NAT-T: expected ports \(s)/\(d), got none") }
            try Check.equal("NAT-T source port", natt.sourcePort, s)
            try Check.equal("NAT-T destination port", natt.destinationPort, d)
        }
        if let flags, ctx.capabilities.features.contains(.reportsFlagsAsSent), !sa.flags.isSuperset(of: flags) {
            throw CheckFailure("flags: expected 0x\(hex8(flags.rawValue)) set, got 0x\(hex8(sa.flags.rawValue))")
        }
        if let state { try Check.equal("state", sa.state, state) }
    }

    static func algorithm(_ what: String, _ got: KeyedAlgorithm?, _ kind: AlgorithmKind, _ name: String,
                          _ keyHex: String?) throws(CheckFailure) {
        guard let want = AlgorithmCatalogue.descriptor(named: name, kind: kind)
                ?? AlgorithmCatalogue.alias(named: name, kind: kind).flatMap({ AlgorithmCatalogue.descriptor(for: $0.id) })
        else { throw CheckFailure("scenario names unknown \(what) algorithm '\(name)'") }
        guard let got else { throw CheckFailure("\(what): expected \(name), got none") }
        try Check.equal("\(what) algorithm", got.id.number, want.number)
        if let keyHex {
            let h = keyHex.hasPrefix("0x") ? String(keyHex.dropFirst(2)) : keyHex
            try Check.equal("\(what) key", got.key.hex, h.lowercased())
        }
    }

    func normalized(_ address: String) -> String { IPAddress(address)?.description ?? address }
}

/// Small comparison helpers that say what differed.
public enum Check {
    public static func equal<T: Equatable>(_ field: String, _ got: T, _ want: T) throws(CheckFailure) {
        if got != want { throw CheckFailure("\(field): expected \(want), got \(got)") }
    }

    public static func that(_ condition: Bool, _ message: @autoclosure () -> String) throws(CheckFailure) {
        if !condition { throw CheckFailure(message()) }
    }
}
