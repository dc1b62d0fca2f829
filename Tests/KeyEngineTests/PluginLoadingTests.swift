#if canImport(Glibc)
import Glibc
#endif
import SetkeyCore
import Testing

/// `libSetkeyUserspace.so` loads the way the plugin loader will load it: dlopen, the ABI
/// version, the backend type through `PluginABI`, and a working backend across the boundary.
@Suite struct PluginLoadingTests {
    @Test func theBuiltPluginLoadsAndWorks() throws {
        let folder = ChildProcess.stressTool.split(separator: "/").dropLast().joined(separator: "/")
        let path = "/" + folder + "/libSetkeyUserspace.so"
        guard access(path, R_OK) == 0 else {
            Issue.record("\(path) was not built (swift build / swift test build it)")
            return
        }
        let handle = try #require(dlopen(path, RTLD_NOW | RTLD_LOCAL), "dlopen: \(String(cString: dlerror()))")
        typealias VersionFunction = @convention(c) () -> UInt32
        typealias TypeFunction = @convention(c) () -> UnsafeRawPointer
        let version = unsafeBitCast(try #require(dlsym(handle, PluginABI.versionSymbol("userspace"))), to: VersionFunction.self)
        #expect(version() == PluginABI.version)
        let exported = unsafeBitCast(try #require(dlsym(handle, PluginABI.typeSymbol("userspace"))), to: TypeFunction.self)
        let type = PluginABI.importedType(exported())
        #expect(type.name == "userspace")

        let state = TemporaryStateFolder()
        let backend = try type.init(context: BackendContext(settings: ["state_dir": state.state]))
        let results = try backend.apply([.add(espSA(spi: 0x1000)), .add(espSA(spi: 0x1000))])
        #expect((try? results[0].get()) != nil)
        guard case .failure(.alreadyExists) = results[1] else {
            Issue.record("the error did not cross the boundary as BackendError: \(results[1])")
            return
        }
        var spis = [SPI]()
        try backend.dumpSAs(.all) { spis.append($0.spi) }
        #expect(spis == [SPI(0x1000)])
        backend.close()
    }
}
