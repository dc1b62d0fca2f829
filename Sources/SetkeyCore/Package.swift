// swift-tools-version:6.0
// The core of setkey as its own package so that its `.dynamic` product is the one
// libSetkeyCore.so shared by the CLI, every backend plugin and the tests: Swift types
// and errors then cross the dlopen boundary intact (see DESIGN.md).
import PackageDescription

let leanStartup: [SwiftSetting] = [
    .unsafeFlags([
        "-Xfrontend", "-disable-implicit-string-processing-module-import",
        "-Xfrontend", "-disable-implicit-concurrency-module-import",
    ]),
]

let package = Package(
    name: "SetkeyCore",
    products: [
        .library(name: "SetkeyCore", type: .dynamic, targets: ["SetkeyCore"]),
    ],
    targets: [
        .systemLibrary(name: "CGetopt", path: "CGetopt"),
        .target(
            name: "SetkeyCore",
            dependencies: ["CGetopt"],
            path: ".",
            exclude: ["Package.swift", "CGetopt"],
            swiftSettings: leanStartup
        ),
    ]
)
