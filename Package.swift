// swift-tools-version:6.1
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "segmentd",
    products: [
        .executable(name: "segmentd", targets: ["segmentd"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        // Prometheus exposition of the daemon's metrics (issue 16).
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        // The HTTP server (issue 16); swift-nio, swift-nio-extras and swift-http-types are Hummingbird's own, named for
        // their types.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.20.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
    ],
    targets: [
        // C shims: one tiny system-library target per C library.
        .systemLibrary(
            name: "CLapacke",
            pkgConfig: "lapacke",
            providers: [.apt(["liblapacke-dev"])]
        ),
        .systemLibrary(
            name: "CInotifyTools",
            providers: [.apt(["libinotifytools0-dev"])]
        ),
        // The system constants Swift's Glibc module leaves out (they need _GNU_SOURCE): O_DIRECT, F_SETLEASE; and
        // the CPU features the compiler targeted, as macros (build_target.h) for `segmentd version`.
        .target(name: "CSystemShim"),
        // Writes the git commit of the package directory into the segmentd executable before every build ("unknown"
        // outside a git checkout); nothing it generates is committed. In Sources/ (a top-level Plugins/ would clash
        // with plugins/ on a case-insensitive filesystem).
        .plugin(name: "BuildInfoPlugin", capability: .buildTool(), path: "Sources/BuildInfoPlugin"),
        // Support layer, the lowest Swift target: helpers every other target shares (timestamps, "did you mean"
        // suggestions, file SHA-256, JSON string escaping and number writing, the one TOML settings reader), in
        // `package` access. Depends on nothing of ours.
        .target(
            name: "SegmentSupport",
            dependencies: [
                "CSystemShim",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: strictSettings
        ),
        // Numeric core: feature pipeline, scaler, PCA, k-means, naming, model. No file I/O.
        .target(
            name: "SegmentCore",
            dependencies: [
                "CLapacke",
                "SegmentSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        // Streaming record I/O: CSV/JSONL readers and writers, rejects, the chunk pipeline and its one hook for an
        // ordered per-piece stage (`ScoredRowStage`). Knows nothing of plugins.
        .target(
            name: "SegmentIO",
            dependencies: [
                "SegmentCore",
                "SegmentSupport",
            ],
            swiftSettings: strictSettings
        ),
        // Plugin API: the protocol and value types an action plugin sees. No file I/O.
        .target(
            name: "SegmentPlugin",
            dependencies: ["SegmentSupport"],
            swiftSettings: strictSettings
        ),
        // Built-in action plugins, one folder each under plugins/ (code, sample.toml = defaults, README, testcases).
        .target(
            name: "CampaignPlugin",
            dependencies: ["SegmentPlugin"],
            path: "plugins/campaign",
            exclude: ["README.md", "testcases"],
            resources: [.embedInCode("sample.toml")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "PricingPlugin",
            dependencies: ["SegmentPlugin"],
            path: "plugins/pricing",
            exclude: ["README.md", "testcases"],
            resources: [.embedInCode("sample.toml")],
            swiftSettings: strictSettings
        ),
        // exec plugin: an external plugin in any language, a child process speaking JSON lines.
        .target(
            name: "ExecPlugin",
            dependencies: ["SegmentPlugin", "SegmentSupport"],
            path: "plugins/exec",
            exclude: ["README.md", "testcases", "examples"],
            resources: [.embedInCode("sample.toml")],
            swiftSettings: strictSettings
        ),
        // Built-in action plugin: remembers each customer's segment and reports moves between segments.
        .target(
            name: "MigrationPlugin",
            dependencies: [
                "SegmentPlugin", "SegmentSupport", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            path: "plugins/migration",
            exclude: ["README.md", "testcases"],
            resources: [.embedInCode("sample.toml")],
            swiftSettings: strictSettings
        ),
        // The one explicit list of built-in plugins.
        .target(
            name: "PluginRegistry",
            dependencies: ["SegmentPlugin", "CampaignPlugin", "PricingPlugin", "MigrationPlugin", "ExecPlugin"],
            swiftSettings: strictSettings
        ),
        // The scoring host: loads the model, pipeline and plugin set, and runs a file stream or an in-memory batch of
        // rows through scoring and the enabled plugins (sessions, on_error, artifacts, the content digest); also the
        // train/score/generate use cases and what operators read about plugins.
        .target(
            name: "ScoringHost",
            dependencies: [
                "SegmentCore",
                "SegmentIO",
                "SegmentPlugin",
                "SegmentSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                // The per-day monitoring windows (monitor.sqlite) and the reservoir of scored rows (reservoir.sqlite).
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        // The inbox daemon: a file-lifecycle engine that watches a directory and hands each complete file to a
        // FileProcessor, crash-safe. Depends on no domain module: the CLI plugs the scoring host in.
        .target(
            name: "SegmentDaemon",
            dependencies: [
                "CInotifyTools",
                "SegmentSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ],
            swiftSettings: strictSettings
        ),
        // segmentd's metrics, the Prometheus side: one catalog of every metric (name, type, HELP, labels, buckets),
        // the swift-metrics factory over a PrometheusCollectorRegistry that supplies the catalog's HELP, and the text
        // exposition for GET /metrics. Lower layers record through the swift-metrics facade only.
        .target(
            name: "SegmentMetrics",
            dependencies: [
                "SegmentSupport",
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strictSettings
        ),
        // The HTTP server (Hummingbird 2): health, model, status, metrics and OpenAPI routes, the scoring routes, the
        // server's rules (bearer token, limits, timeouts, problem+json errors) and `segmentd serve`'s state.
        .target(
            name: "SegmentHTTP",
            dependencies: [
                "ScoringHost",
                "SegmentCore",
                "SegmentDaemon",
                "SegmentIO",
                "SegmentSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            // The OpenAPI document served at /openapi.json; etc/openapi.json links to it.
            resources: [.embedInCode("openapi.json")],
            swiftSettings: strictSettings
        ),
        // Model export: the whole scoring pipeline as one ONNX graph (`segmentd export`), written with a small
        // protobuf wire-format encoder of the ONNX messages it needs (no swift-protobuf, no protoc plugin). No file
        // I/O: the CLI writes the bytes.
        .target(
            name: "SegmentExport",
            dependencies: ["SegmentCore", "SegmentSupport"],
            swiftSettings: strictSettings
        ),
        // Thin command-line front end.
        .executableTarget(
            name: "segmentd",
            dependencies: [
                "SegmentCore",
                "SegmentIO",
                "SegmentPlugin",
                "ScoringHost",
                "SegmentDaemon",
                "SegmentHTTP",
                "SegmentSupport",
                "SegmentMetrics",
                "SegmentExport",
                "PluginRegistry",
                // `report --compare` reads the migration monitor's flows from its history.
                "MigrationPlugin",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings,
            plugins: ["BuildInfoPlugin"]
        ),
        // The support layer's helpers, and the check that each of them is declared only once in the tree.
        .testTarget(
            name: "SegmentSupportTests",
            dependencies: ["SegmentSupport", "SegmentdTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SegmentCoreTests",
            dependencies: ["SegmentCore", "SegmentdTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SegmentIOTests",
            dependencies: ["SegmentIO", "SegmentCore", "SegmentSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SegmentDaemonTests",
            dependencies: [
                "SegmentDaemon",
                "SegmentSupport",
                "SegmentdTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        // The scoring host: plugins.d loading, the scoring stage, artifacts and manifests, with fake plugins; the
        // daemon's jobs through the CLI's adapter; the module graph.
        .testTarget(
            name: "PluginHostTests",
            dependencies: [
                "segmentd", "ScoringHost", "SegmentDaemon", "SegmentIO", "SegmentPlugin", "SegmentCore",
                "SegmentSupport", "MigrationPlugin", "PluginRegistry", "SegmentdTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ExecPluginTests",
            dependencies: ["ExecPlugin", "SegmentPlugin"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ReferenceTests",
            dependencies: ["ScoringHost", "SegmentIO", "SegmentCore"],
            swiftSettings: strictSettings
        ),
        // Runs every plugins/*/testcases/*/ case against its built-in plugin, plus settings unit tests.
        .testTarget(
            name: "PluginTests",
            dependencies: [
                "SegmentPlugin",
                "PluginRegistry",
                "CampaignPlugin",
                "PricingPlugin",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["README.md"],
            swiftSettings: strictSettings
        ),
        // ns/row of each built-in plugin over a 1,000,000-row batch: swift run -c release PluginBenchmark
        .executableTarget(
            name: "PluginBenchmark",
            dependencies: ["SegmentPlugin", "PluginRegistry"],
            path: "Benchmarks/PluginBenchmark",
            swiftSettings: strictSettings
        ),
        // Finds the segmentd binary the test run built; shared by the tests that run the real command.
        .target(
            name: "SegmentdTestSupport",
            path: "Tests/SegmentdTestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["segmentd", "SegmentdTestSupport"],
            swiftSettings: strictSettings
        ),
        // The real `segmentd run` on temporary directories: bursts, writers, kill -9, bad input, signals.
        .testTarget(
            name: "DaemonEndToEndTests",
            dependencies: ["segmentd", "SegmentdTestSupport"],
            swiftSettings: strictSettings
        ),
        // The real `segmentd serve` on loopback port 0, called with curl: endpoints, auth, limits, signals.
        .testTarget(
            name: "HTTPEndToEndTests",
            dependencies: ["segmentd", "SegmentdTestSupport"],
            swiftSettings: strictSettings
        ),
        // The HTTP service in process: graceful shutdown drains requests, request timeout, body limit, limiter.
        .testTarget(
            name: "HTTPServerTests",
            dependencies: [
                "SegmentHTTP", "SegmentDaemon", "ScoringHost", "CSystemShim",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ],
            swiftSettings: strictSettings
        ),
        // Release benchmark of the migration plugin: ns/row against an empty and a 5M-customer history.
        .executableTarget(
            name: "migration-bench",
            dependencies: ["MigrationPlugin", "SegmentPlugin"],
            path: "Benchmarks/migration-bench",
            swiftSettings: strictSettings
        ),
        // The metric catalog, the factory and the exposition (checked with promtool), the tallies the scoring loop
        // keeps and what the daemon and the host record.
        .testTarget(
            name: "SegmentMetricsTests",
            dependencies: [
                "SegmentMetrics", "SegmentDaemon", "ScoringHost", "SegmentIO", "SegmentCore", "SegmentSupport",
                "SegmentdTestSupport",
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ],
            swiftSettings: strictSettings
        ),
        // The ONNX export: the protobuf encoder, the file read back by the onnx package and its checker, and
        // onnxruntime scoring as `segmentd score` does (the real binary).
        .testTarget(
            name: "SegmentExportTests",
            dependencies: ["SegmentExport", "SegmentCore", "segmentd", "SegmentdTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "MigrationPluginTests",
            dependencies: ["MigrationPlugin", "SegmentPlugin"],
            swiftSettings: strictSettings
        ),
    ]
)
