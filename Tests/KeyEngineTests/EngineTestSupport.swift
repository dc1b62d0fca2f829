#if canImport(Glibc)
import Glibc
#endif
@testable import KeyEngine
import SetkeyCore
import Synchronization
import Testing

/// Folders made by tests, removed when the test process exits (engines outlive the
/// fixtures that name their folders, so nothing is removed earlier).
private let temporaryFolders = Mutex<[String]>([])
private let removeFoldersAtExit: Void = {
    atexit {
        for folder in temporaryFolders.withLock({ $0 }) { _ = system("rm -rf '\(folder)'") }
    }
}()

/// A fresh state folder under /tmp for one test.
final class TemporaryStateFolder: Sendable {
    let root: String
    var state: String { root + "/state" }

    init() {
        _ = removeFoldersAtExit
        var template = Array("/tmp/keyengine-test-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(made != nil, "mkdtemp failed")
        root = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        temporaryFolders.withLock { $0.append(root) }
    }

    /// The bytes of a state file.
    func read(_ name: String) -> [UInt8] {
        guard let f = fopen(state + "/" + name, "rb") else { return [] }
        defer { fclose(f) }
        var out = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, f)
            if n <= 0 { break }
            out += buffer[0..<n]
        }
        return out
    }

    /// Replaces a state file's bytes (keeping its mode).
    func write(_ name: String, _ bytes: [UInt8]) {
        guard let f = fopen(state + "/" + name, "wb") else { Issue.record("cannot write \(name)"); return }
        _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
        fclose(f)
    }

    /// The permission bits of a path inside the folder ("" for the folder itself).
    func mode(_ name: String) -> mode_t {
        var st = stat()
        stat(name.isEmpty ? state : state + "/" + name, &st)
        return st.st_mode & 0o7777
    }
}

/// Collects warnings an engine prints.
final class WarningLog: Sendable {
    private let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }
    func append(_ s: String) { lines.withLock { $0.append(s) } }
}

/// Engines over one folder with a shared manual clock.
struct EngineFixture {
    let folder = TemporaryStateFolder()
    let clock = ManualClock(seconds: 1_700_000_000)
    let warnings = WarningLog()
    var personality: Personality = .kame
    var compactionThreshold = EngineConfiguration.defaultCompactionThreshold

    init(_ personality: Personality = .kame) {
        self.personality = personality
    }

    func configuration() -> EngineConfiguration {
        let log = warnings
        return EngineConfiguration(stateDirectory: folder.state, personality: personality,
                                   compactionThreshold: compactionThreshold, clock: clock,
                                   warn: { log.append($0) })
    }

    func open() throws -> KeyEngine {
        try KeyEngine(configuration: configuration())
    }
}

// MARK: - Model builders

func address(_ text: String) -> IPAddress {
    guard let a = IPAddress(text) else { preconditionFailure("bad address \(text)") }
    return a
}

func key(bytes: Int, fill: UInt8 = 0xab) -> SAKey {
    SAKey([UInt8](repeating: fill, count: bytes))
}

let aesCBC = AlgorithmID(.encryption, 12)
let hmacSHA256 = AlgorithmID(.authentication, 5)

/// An ESP SA 192.0.2.1 → 192.0.2.2 with AES-CBC-128.
func espSA(spi: UInt32, source: String = "192.0.2.1", destination: String = "192.0.2.2") -> SecurityAssociation {
    SecurityAssociation(source: address(source), destination: address(destination), type: .esp, spi: SPI(spi),
                        encryption: KeyedAlgorithm(id: aesCBC, key: key(bytes: 16)))
}

/// An AH SA with HMAC-SHA256.
func ahSA(spi: UInt32) -> SecurityAssociation {
    SecurityAssociation(source: address("192.0.2.1"), destination: address("192.0.2.2"), type: .ah, spi: SPI(spi),
                        authentication: KeyedAlgorithm(id: hmacSHA256, key: key(bytes: 32)))
}

func policy(_ source: String, _ destination: String, _ direction: PolicyDirection = .outbound,
            action: PolicyAction = .ipsec, priority: UInt32? = nil, upper: UpperLayerProtocol = .any,
            sport: UInt16 = 0, dport: UInt16 = 0) -> SecurityPolicy {
    func prefix(_ text: String) -> IPPrefix {
        let parts = text.split(separator: "/")
        return IPPrefix(address(String(parts[0])), length: parts.count > 1 ? UInt8(parts[1]) : nil)
    }
    let selector = PolicySelector(source: prefix(source), destination: prefix(destination), sourcePort: sport,
                                  destinationPort: dport, upperLayer: upper)
    return SecurityPolicy(selector: selector, direction: direction, action: action,
                          priority: priority.map { PolicyPriority($0) },
                          requests: action == .ipsec ? [IPsecRequest(proto: .esp, mode: .transport, level: .require)] : [])
}

extension KeyEngine {
    /// Applies one change and returns its result.
    func apply(_ change: EngineChange) throws -> Result<Void, EngineFailure> {
        try apply([change])[0]
    }

    /// Every SA a dump shows.
    func allSAs(includeDead: Bool = false) throws -> [SecurityAssociation] {
        var out = [SecurityAssociation]()
        try dumpSAs(includeDead: includeDead) { out.append($0) }
        return out
    }

    func allPolicies() throws -> [SecurityPolicy] {
        var out = [SecurityPolicy]()
        try dumpPolicies { out.append($0) }
        return out
    }
}

/// The errno of a failed result, nil for success.
func errnoOf(_ r: Result<Void, EngineFailure>) -> Errno? {
    if case .failure(let f) = r { return f.errno }
    return nil
}

/// The errno of a thrown engine error that refused a query.
func refusedErrno(_ body: () throws -> Void) -> Errno? {
    do {
        try body()
    } catch let EngineError.refused(f) {
        return f.errno
    } catch {
        return nil
    }
    return nil
}
