#if canImport(Glibc)
import Glibc
#endif
import Testing
import SetkeyCore
@testable import SetkeyXFRM

/// libSetkeyXFRM.so as the plugin loader sees it: the ABI version and the backend type.
@Suite struct XFRMPluginTests {
    static var pluginPath: String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let exe = String(decoding: buffer.prefix(max(0, n)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return String(exe[..<(exe.lastIndex(of: "/") ?? exe.startIndex)]) + "/libSetkeyXFRM.so"
    }

    @Test func theLibraryExportsTheABIVersionAndTheXFRMBackendType() throws {
        guard access(Self.pluginPath, R_OK) == 0 else {
            Issue.record("\(Self.pluginPath) was not built (swift build --product SetkeyXFRM)")
            return
        }
        let handle = try #require(dlopen(Self.pluginPath, RTLD_NOW | RTLD_LOCAL))
        typealias VersionFunction = @convention(c) () -> UInt32
        typealias TypeFunction = @convention(c) () -> UnsafeRawPointer
        let version = try #require(dlsym(handle, PluginABI.versionSymbol("xfrm")))
        #expect(unsafeBitCast(version, to: VersionFunction.self)() == PluginABI.version)
        let type = try #require(dlsym(handle, PluginABI.typeSymbol("xfrm")))
        let backend = PluginABI.importedType(unsafeBitCast(type, to: TypeFunction.self)())
        #expect(backend.name == "xfrm")
    }

    @Test func capabilitiesAreLinuxWithFwdAndPriorities() {
        let c = XFRMBackend.linuxCapabilities
        #expect(c.personality == .linux)
        #expect(c.features.isSuperset(of: [.forwardPolicies, .policyPriority, .pipelined, .kernel, .monitor, .aead]))
        #expect(!c.features.contains(.deadEntries) && !c.features.contains(.reportsFlagsAsSent))
        #expect(c.saTypes == [.esp, .ah, .ipcomp])
        #expect(c.maximumRequestsPerPolicy == 6)
    }
}
