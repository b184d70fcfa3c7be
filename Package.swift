// swift-tools-version:6.0
import PackageDescription
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The release `parley` on Linux carries the Swift runtime and Foundation inside itself (`-static-stdlib`): the
/// dynamic loader then binds about 20,000 fewer symbols at every start, which took 5 ms of the 16 ms that
/// `parley --version` needed (see DECISIONS.md, "A statically linked Swift runtime"). Foundation's own static
/// libraries are named because the objects were compiled against the shared ones, whose link entries differ.
/// Debug builds (tests, fuzzing) keep the shared libraries, which link faster.
let staticSwiftRuntime: [LinkerSetting] = [
    .unsafeFlags(
        [
            "-static-stdlib", "-lFoundationInternationalization", "-lFoundationEssentials", "-lCoreFoundation",
            "-l_FoundationICU", "-l_FoundationCShims", "-l_FoundationCollections",
        ],
        .when(platforms: [.linux], configuration: .release)),
]

/// Layers point down only; see ARCHITECTURE.md for the dependency direction.
let package = Package(
    name: "Parley",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "parley", targets: ["parley"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .systemLibrary(name: "CCurl", path: "Sources/CCurl"),
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        .systemLibrary(name: "CCmarkGFM", path: "Sources/CCmarkGFM"),

        .target(name: "ChatModel"),
        .target(name: "Wire", dependencies: ["ChatModel", "CCurl"]),
        .target(name: "Providers", dependencies: ["ChatModel", "Wire"]),
        .target(name: "Store", dependencies: ["ChatModel", "CSQLite"]),
        .target(name: "StreamTools", dependencies: ["ChatModel", "Wire"]),
        .target(name: "Sessions", dependencies: ["ChatModel", "Wire", "Providers", "Store", "StreamTools"]),
        .target(name: "Config", dependencies: ["ChatModel", "Providers", .product(name: "Yams", package: "Yams")]),
        .target(name: "TerminalUI", dependencies: ["ChatModel"]),
        .target(name: "CursesTerminal", dependencies: ["CNcursesw", "TerminalUI"]),
        .target(name: "Markdown", dependencies: ["CCmarkGFM", "TerminalUI", "ChatModel"]),
        .target(name: "Workbench", dependencies: ["TerminalUI", "ChatModel", "Markdown", "StreamTools"]),
        .target(name: "HTTPListener", dependencies: [
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        .target(name: "FixtureServer", dependencies: [
            "ChatModel", "HTTPListener",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ], resources: [.copy("Scenarios")]),
        .target(name: "Proxy", dependencies: [
            "Sessions", "Providers", "Wire", "Store", "ChatModel", "HTTPListener",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        .target(name: "WorkbenchApp", dependencies: [
            "Workbench", "CursesTerminal", "TerminalUI", "Sessions", "Providers", "Wire", "Store", "ChatModel", "StreamTools",
        ]),
        .executableTarget(name: "parley", dependencies: [
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            "WorkbenchApp", "Sessions", "Providers", "Wire", "Store", "ChatModel", "FixtureServer", "Config", "StreamTools",
            "Proxy",
        ], linkerSettings: staticSwiftRuntime),

        .executableTarget(name: "parley-bench", dependencies: [
            "Store", "ChatModel", "Wire", "Providers", "Workbench", "WorkbenchApp", "TerminalUI", "FixtureServer", "CSQLite",
            "StreamTools", "Sessions",
        ]),

        .target(name: "TestSupport", dependencies: ["FixtureServer", "Wire", "ChatModel"], path: "Tests/TestSupport"),
        .testTarget(name: "WireTests", dependencies: ["Wire", "Providers", "ChatModel", "FixtureServer", "TestSupport"]),
        .testTarget(name: "ProvidersTests", dependencies: ["Providers", "Wire", "TestSupport"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "TestSupport", "parley-bench"]),
        .testTarget(name: "SessionsTests", dependencies: ["Sessions", "Providers", "Store", "StreamTools", "TestSupport"]),
        .testTarget(name: "StreamToolsTests", dependencies: ["StreamTools", "ChatModel", "Wire", "TestSupport"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "TestSupport"]),
        .testTarget(name: "WorkbenchTests", dependencies: [
            "Workbench", "WorkbenchApp", "CursesTerminal", "TerminalUI", "Sessions", "Providers", "Wire", "ChatModel", "Store",
            "TestSupport", "Markdown", "StreamTools",
        ], exclude: ["Snapshots"]),
        .testTarget(name: "FixtureServerTests", dependencies: [
            "FixtureServer", "Wire", "TestSupport", "Providers", "Sessions", "ChatModel",
        ]),
        .testTarget(name: "ProxyTests", dependencies: [
            "Proxy", "Providers", "Store", "Wire", "ChatModel", "FixtureServer", "TestSupport",
        ]),
        .testTarget(name: "ConfigTests", dependencies: ["Config", "TestSupport"]),
        .testTarget(name: "CommandLineTests", dependencies: ["TestSupport", "FixtureServer", "Providers"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "CSQLite", "Store", "ChatModel"]),
    ]
)

/// The libFuzzer targets exist only for `make fuzz` (PARLEY_FUZZ=1, its own build folder, -sanitize=fuzzer), so
/// the normal build and `make test` never compile or link them; see DECISIONS.md.
if getenv("PARLEY_FUZZ") != nil {
    package.targets.append(.executableTarget(
        name: "parley-fuzz", dependencies: ["Wire", "Providers", "Store", "Sessions", "Config", "ChatModel"]))
}
