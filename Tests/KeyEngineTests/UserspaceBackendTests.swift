#if canImport(Glibc)
import Glibc
#endif
import KeyEngine
import SetkeyCore
@testable import SetkeyUserspace
import Testing

/// The `userspace` backend: settings, capabilities and the mapping onto `KeyBackend`.
@Suite struct UserspaceBackendTests {
    static func backend(_ folder: TemporaryStateFolder, _ extra: [String: String] = [:]) throws -> UserspaceBackend {
        var settings = ["state_dir": folder.state]
        settings.merge(extra) { $1 }
        return try UserspaceBackend(context: BackendContext(settings: settings))
    }

    static func error(_ r: Result<Void, BackendError>) -> BackendError? {
        if case .failure(let e) = r { return e }
        return nil
    }

    @Test func stateDirRelativeToTheConfigurationFileAndTilde() throws {
        let ctx = BackendContext(settings: [:], configurationPath: "/etc/setkey/setkey.conf", environment: ["HOME": "/home/u"])
        #expect(try UserspaceSettings.resolve("state", context: ctx) == "/etc/setkey/state")
        #expect(try UserspaceSettings.resolve("~/s", context: ctx) == "/home/u/s")
        #expect(try UserspaceSettings.resolve("/abs", context: ctx) == "/abs")
    }

    @Test func defaultStateFolderFollowsXDGThenHomeAndRootUsesVarLib() {
        #expect(EngineConfiguration.defaultStateDirectory(environment: ["XDG_STATE_HOME": "/x", "HOME": "/h"],
                                                          effectiveUID: 1000) == "/x/setkey")
        #expect(EngineConfiguration.defaultStateDirectory(environment: ["HOME": "/h"], effectiveUID: 1000)
                == "/h/.local/state/setkey")
        #expect(EngineConfiguration.defaultStateDirectory(environment: ["HOME": "/h"], effectiveUID: 0) == "/var/lib/setkey")
    }

    @Test(arguments: [["personality": "freebsd"], ["personality": "bsd"], ["dead_grace": "soon"], ["colour": "blue"]])
    func badSettingsAreConfigurationErrors(settings: [String: String]) {
        let folder = TemporaryStateFolder()
        #expect {
            _ = try Self.backend(folder, settings)
        } throws: { error in
            if case BackendError.invalidConfiguration = error { return true }
            return false
        }
    }

    @Test func anUnsafeFolderMeansTheBackendIsUnavailable() throws {
        let folder = TemporaryStateFolder()
        mkdir(folder.state, 0o777)
        chmod(folder.state, 0o777)
        #expect {
            _ = try Self.backend(folder)
        } throws: { error in
            guard case BackendError.unavailable(let text) = error else { return false }
            return text.contains(folder.state) && text.contains("0777")
        }
    }

    @Test func capabilitiesPerPersonality() throws {
        let folder = TemporaryStateFolder()
        let kame = try Self.backend(folder).capabilities
        #expect(kame.personality == .kame)
        #expect(kame.features.isSuperset(of: [.saUpdate, .lifetimesEnforced, .byteLifetimes, .deadEntries, .monitor,
                                              .persistent, .natTraversal, .reportsFlagsAsSent]))
        #expect(!kame.features.contains(.forwardPolicies))
        #expect(kame.saTypes.contains(.tcpSignature))
        let linux = try Self.backend(folder, ["personality": "linux"]).capabilities
        #expect(linux.features.isSuperset(of: [.policyPriority, .forwardPolicies]))
        #expect(!linux.features.contains(.reportsFlagsAsSent))
        #expect(linux.maximumRequestsPerPolicy == 6)
    }

    @Test func algorithmTablesMatchTheCatalogue() throws {
        let folder = TemporaryStateFolder()
        let linux = try Self.backend(folder, ["personality": "linux"]).capabilities.algorithms
        #expect(linux == BackendCapabilities.catalogueAlgorithms(for: .linux, includeAEAD: false))
        let kame = try Self.backend(folder).capabilities.algorithms
        var expected = BackendCapabilities.catalogueAlgorithms(for: .kame, includeAEAD: false)
        expected[AlgorithmID(.encryption, 20)] = KeyBitsRange(160, 288)  // NetBSD's aes-gcm-16
        expected[AlgorithmID(.encryption, 23)] = KeyBitsRange(160, 288)  // and aes-gmac
        #expect(kame == expected)
    }

    @Test func mutationsAndErrorsMapOntoTheBackendProtocol() throws {
        let folder = TemporaryStateFolder()
        let backend = try Self.backend(folder, ["personality": "linux"])
        var tooShort = espSA(spi: 0x1000)
        tooShort.encryption = KeyedAlgorithm(id: aesCBC, key: key(bytes: 20))
        let results = try backend.apply([.add(espSA(spi: 0x1000)), .add(espSA(spi: 0x1000)), .add(tooShort),
                                         .delete(espSA(spi: 0x7777).identity),
                                         .spdDelete(policy("10.0.0.1", "10.0.0.2").identity)])
        #expect(results.count == 5)
        #expect((try? results[0].get()) != nil)
        #expect(Self.error(results[1]) == .alreadyExists(.fileExists))
        guard case .failure(.kernelRejected(.invalidArgument, let detail?)) = results[2] else {
            Issue.record("a 160-bit AES key was not EINVAL: \(results[2])")
            return
        }
        #expect(detail.contains("160-bit"))
        #expect(Self.error(results[3]) == .notFound(.noSuchProcess))
        #expect(Self.error(results[4]) == .notFound(.noSuchFileOrDirectory))
        #expect(throws: BackendError.notFound(.noSuchProcess)) { _ = try backend.get(espSA(spi: 0x7777).identity) }
        backend.close()
    }

    @Test func aSecondBackendSeesTheFirstOnesStateAndDeadEntriesWithA() throws {
        let folder = TemporaryStateFolder()
        let first = try Self.backend(folder)
        _ = try first.apply([.add(espSA(spi: 0x1000)), .spdAdd(policy("10.1.0.0/16", "10.2.0.0/16"))])
        first.close()
        let second = try Self.backend(folder)
        var sas = [SecurityAssociation]()
        try second.dumpSAs(SADumpFilter(type: .unspecified, includeDead: true)) { sas.append($0) }
        var policies = [SecurityPolicy]()
        try second.dumpPolicies { policies.append($0) }
        #expect(sas.map(\.spi) == [SPI(0x1000)])
        #expect(policies.count == 1)
    }

    @Test func pluginExportsTheABIAndTheBackendType() {
        #expect(setkeyPluginABIVersion() == PluginABI.version)
        #expect(PluginABI.importedType(setkeyPluginBackendType()) is UserspaceBackend.Type)
        #expect(UserspaceBackend.name == "userspace")
    }
}
