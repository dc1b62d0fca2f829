import Testing
import Foundation
import SetkeyCore
import SetkeyConformance

/// The shared conformance suite against every backend available here: record and userspace
/// always; xfrm inside a fresh network namespace when running as root.
@Suite struct ConformanceTests {
    static let productsFolder: String = {
        var dir = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("libSetkeyCore.so").path),
              dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir.path
    }()

    static func open(_ name: String, settings: [String: String]) throws -> any KeyBackend {
        let type = try PluginLoader(searchPath: [productsFolder]).load(name)
        return try type.init(context: BackendContext(settings: settings, environment: ProcessInfo.processInfo.environment))
    }

    /// Settings for a backend under test; `name:personality` selects a personality.
    static func settings(for backend: String, in dir: URL) -> [String: String] {
        let parts = backend.split(separator: ":").map(String.init)
        var settings: [String: String]
        switch parts[0] {
        case "record": settings = ["output": dir.appendingPathComponent("record.log").path]
        case "userspace": settings = ["state_dir": dir.appendingPathComponent("state").path]
        default: settings = [:]
        }
        if parts.count > 1 { settings["personality"] = parts[1] }
        return settings
    }

    /// The embedded backends, in both personalities, whose plugins were built.
    static var embeddedBackends: [String] {
        [("record", "Record"), ("userspace", "Userspace")].flatMap { name, file in
            FileManager.default.fileExists(atPath: productsFolder + "/libSetkey\(file).so")
                ? ["\(name):kame", "\(name):linux"] : []
        }
    }

    @Test(arguments: embeddedBackends)
    func everyScenarioPassesOrIsUnsupported(backend label: String) throws {
        let name = String(label.split(separator: ":")[0])
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("conformance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: dir) }
        let backend = try Self.open(name, settings: Self.settings(for: label, in: dir))
        defer { backend.close() }
        let results = ConformanceRunner(backendName: label, backend: backend).run()
        #expect(results.count >= 60)
        for r in results {
            if case .failed(let why) = r.outcome { Issue.record("\(why)") }
        }
        let totals = ConformanceReport.Totals(results)
        #expect(totals.passed > 50)
    }

    @Test func suiteHasSixtyFixedScenariosWithUniqueNames() {
        let names = ConformanceSuite.fixedScenarios.map(\.name)
        #expect(names.count >= 60)
        #expect(Set(names).count == names.count)
    }

    @Test func injectedFaultFailsTheSuiteNamingBackendScenarioStepAndInputs() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("conformance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // Request 1 flushes the SAD, 2 the SPD, 3 is the scenario's add.
        var settings = Self.settings(for: "record", in: dir)
        settings["fail"] = "3:EPERM"
        let backend = try Self.open("record", settings: settings)
        defer { backend.close() }
        let results = ConformanceRunner(backendName: "record", backend: backend).run(filter: "esp-add-get-ipv4")
        #expect(results.count == 1)
        guard case .failed(let why) = results.first?.outcome else {
            Issue.record("expected a failure, got \(String(describing: results.first?.outcome))")
            return
        }
        #expect(why.hasPrefix("backend record, scenario esp-add-get-ipv4, step 1 `add 192.0.2.1 192.0.2.2 esp 0x1001"))
        #expect(why.hasSuffix("add failed: EPERM (Operation not permitted (injected by [record] fail))"))
    }

    /// `ah -A null` has no key, and Linux af_key refuses every AH SA without one: a backend
    /// without `.keylessAH` gets the positive scenario as unsupported and must refuse instead.
    @Test func keylessAHIsRequiredOrMustBeRefused() {
        let null = AlgorithmID(.authentication, 251)
        var caps = BackendCapabilities(personality: .linux, saTypes: [.esp, .ah], features: [],
                                       algorithms: [null: KeyBitsRange(0, 0)])
        var scenarios = ConformanceSuite.scenarios(for: caps)
        let positive = scenarios.first { $0.name == "alg-ah-null-min-0" }
        #expect(positive?.requirements.contains(.feature(.keylessAH)) == true)
        #expect(positive?.requirements.compactMap { $0.missing(in: caps) } == ["feature keyless-ah"])
        #expect(scenarios.contains { $0.name == "alg-ah-null-keyless-refused" })
        caps.features.insert(.keylessAH)
        scenarios = ConformanceSuite.scenarios(for: caps)
        #expect(!scenarios.contains { $0.name == "alg-ah-null-keyless-refused" })
    }

    @Test func xfrmPoliciesPassInAFreshNetworkNamespace() throws {
        guard getuid() == 0 else { return }  // needs root for unshare -n; skipped otherwise
        let runner = Self.productsFolder + "/setkey-conformance"
        guard FileManager.default.fileExists(atPath: Self.productsFolder + "/libSetkeyXFRM.so"),
              FileManager.default.fileExists(atPath: "/usr/bin/unshare") else { return }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        p.arguments = ["-n", runner, "--backend", "xfrm", "--json"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let scenarios = try #require(report["scenarios"] as? [[String: Any]])
        #expect(scenarios.count >= 60)
        for s in scenarios {
            let name = s["name"] as? String ?? "?"
            let result = s["result"] as? String ?? "?"
            let reason = s["reason"] as? String ?? ""
            if name.hasPrefix("spd-") {
                // Policies must pass; only what the backend declares it lacks (Linux has no
                // entrust/bypass actions) may be unsupported, never a host refusal.
                let declaredMissing = result == "unsupported" && reason.hasPrefix("needs ")
                #expect(result == "pass" || declaredMissing, "\(name): \(reason)")
            } else {
                #expect(result != "fail", "\(name): \(s["reason"] ?? "")")
            }
        }
    }
}
