// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "refgraph",
    products: [
        .executable(name: "refgraph", targets: ["refgraph"]),
        .library(name: "HeapGraph", targets: ["HeapGraph"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CPython",
            pkgConfig: "python3-embed",
            providers: [.apt(["libpython3-dev"])]
        ),
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]
        ),
        .target(name: "HeapGraph"),
        .target(name: "ResourceLookup"),
        .target(name: "Reports", dependencies: ["HeapGraph"]),
        .target(
            name: "PythonAgent",
            dependencies: ["HeapGraph", "CPython", "ResourceLookup"],
            resources: [.copy("Resources/refgraph_agent.py")]
        ),
        .target(
            name: "ProcessAttach",
            dependencies: ["HeapGraph", "HeapReader", "ResourceLookup"],
            resources: [
                .copy("Resources/attach_gdb.py"), .copy("Resources/loader.py"), .copy("Resources/bootstrap.py"),
            ]
        ),
        .target(name: "CProcessTrace"),
        .target(name: "HeapReader", dependencies: ["HeapGraph", "CProcessTrace"]),
        .executableTarget(name: "heap-reader-probe", dependencies: ["HeapReader", "HeapGraph"]),
        .target(
            name: "RefgraphTemplates",
            dependencies: ["ResourceLookup"],
            path: "Templates",
            resources: [.copy("dot"), .copy("html")]
        ),
        .target(
            name: "GraphRender",
            dependencies: [
                "HeapGraph", "Reports", "CGraphviz", "RefgraphTemplates",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .executableTarget(
            name: "refgraph",
            dependencies: [
                "HeapGraph", "Reports", "PythonAgent", "GraphRender", "ProcessAttach", "HeapReader",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "refgraph-bench", dependencies: ["HeapGraph", "GraphRender"]),
        .target(name: "TestSupport", dependencies: ["HeapGraph"], path: "Tests/TestSupport"),
        .testTarget(name: "HeapGraphTests", dependencies: ["HeapGraph", "Reports", "TestSupport"]),
        .testTarget(
            name: "PythonAgentTests",
            dependencies: ["PythonAgent", "HeapGraph", "TestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "GraphRenderTests",
            dependencies: ["GraphRender", "Reports", "HeapGraph", "TestSupport"],
            exclude: ["Goldens"]
        ),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "HeapGraph", "TestSupport"]),
        .testTarget(
            name: "StandaloneAgentTests",
            dependencies: ["refgraph", "HeapGraph", "TestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "AttachTests",
            dependencies: [
                "ProcessAttach", "HeapReader", "ResourceLookup", "HeapGraph", "Reports", "TestSupport", "refgraph",
                "heap-reader-probe",
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "HeapReaderTests",
            dependencies: ["HeapReader", "HeapGraph", "TestSupport", "heap-reader-probe", "refgraph"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "RefgraphCLITests",
            dependencies: ["refgraph", "HeapGraph", "TestSupport"],
            exclude: ["Fixtures", "Goldens"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
