// swift-tools-version:6.0
// setkey: the command-line tool, its backend plugins, the conformance suite and the tests.
// The core lives in Sources/SetkeyCore as its own package (one shared libSetkeyCore.so).
import PackageDescription

let leanStartup: [SwiftSetting] = [
    .unsafeFlags([
        "-Xfrontend", "-disable-implicit-string-processing-module-import",
        "-Xfrontend", "-disable-implicit-concurrency-module-import",
    ]),
]
let core: Target.Dependency = .product(name: "SetkeyCore", package: "SetkeyCore")

let package = Package(
    name: "setkey",
    products: [
        .executable(name: "setkey", targets: ["setkey"]),
        .executable(name: "setkey-conformance", targets: ["setkey-conformance"]),
        .library(name: "SetkeyRecord", type: .dynamic, targets: ["SetkeyRecord"]),
        .library(name: "SetkeyXFRM", type: .dynamic, targets: ["SetkeyXFRM"]),
        .library(name: "SetkeyUserspace", type: .dynamic, targets: ["SetkeyUserspace"]),
        .library(name: "SetkeyPFKey", type: .dynamic, targets: ["SetkeyPFKey"]),
        .executable(name: "setkey-fuzz-parser", targets: ["setkey-fuzz-parser"]),
    ],
    dependencies: [
        .package(path: "Sources/SetkeyCore"),
    ],
    targets: [
        .executableTarget(name: "setkey", dependencies: [core], swiftSettings: leanStartup),
        .target(name: "SetkeyConformance", dependencies: [core], swiftSettings: leanStartup),
        .executableTarget(name: "setkey-conformance", dependencies: [core, "SetkeyConformance"],
                          swiftSettings: leanStartup),
        .target(name: "SetkeyRecord", dependencies: [core], path: "Plugins/Record", swiftSettings: leanStartup),
        .systemLibrary(name: "CMnl", path: "Plugins/XFRM/CMnl", pkgConfig: "libmnl",
                       providers: [.apt(["libmnl-dev"])]),
        // CXFRM's header includes libmnl's itself, so Swift code never imports CMnl and its
        // `link "mnl"` would not reach the linker: name the library here.
        .target(name: "CXFRM", dependencies: ["CMnl"], path: "Plugins/XFRM/CXFRM",
                linkerSettings: [.linkedLibrary("mnl")]),
        .target(name: "SetkeyXFRM", dependencies: [core, "CXFRM"], path: "Plugins/XFRM/SetkeyXFRM",
                swiftSettings: leanStartup),
        .executableTarget(name: "xfrm-bench", dependencies: [core, "SetkeyXFRM"], path: "Benchmarks/xfrm/Driver",
                          swiftSettings: leanStartup),
        .target(name: "KeyEngine", dependencies: [core], path: "Plugins/Userspace/Engine", swiftSettings: leanStartup),
        .target(name: "SetkeyUserspace", dependencies: [core, "KeyEngine"], path: "Plugins/Userspace/Backend",
                swiftSettings: leanStartup),
        .executableTarget(name: "keyengine-stress", dependencies: [core, "KeyEngine"], path: "Tests/KeyEngineStress",
                          swiftSettings: leanStartup),
        .systemLibrary(name: "CPFKey", path: "Plugins/PFKey/CPFKey"),
        .target(name: "SetkeyPFKey", dependencies: [core, "CPFKey"], path: "Plugins/PFKey", exclude: ["CPFKey"],
                swiftSettings: leanStartup),
        // libFuzzer target for the parser (see its source for the commands); a plain build is
        // the crash replayer.
        .executableTarget(name: "setkey-fuzz-parser", dependencies: [core], exclude: ["setkey.dict"],
                          swiftSettings: leanStartup),
        // libFuzzer target for the PF_KEY decoder (Tests/Fuzz/pfkey-fuzz.sh); a plain build is
        // the crash replayer.
        .executableTarget(name: "setkey-fuzz-pfkey", dependencies: [core], path: "Sources/setkey-fuzz-pfkey"),
        .testTarget(name: "SetkeyCoreTests", dependencies: [core], exclude: ["Golden"]),
        .testTarget(name: "SetkeyCLITests", dependencies: [core]),
        .testTarget(name: "ConformanceTests", dependencies: [core, "SetkeyConformance"]),
        .testTarget(name: "XFRMTests", dependencies: [core, "SetkeyXFRM", "CXFRM"], path: "Tests/XFRMTests",
                    exclude: ["Fixtures"]),
        .testTarget(name: "KeyEngineTests", dependencies: [core, "KeyEngine", "SetkeyUserspace"]),
        .testTarget(name: "SetkeyPFKeyTests", dependencies: [core, "SetkeyPFKey"]),
    ]
)
