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
            // Start-up: linked statically as a whole, kbm starts without the dynamic linker: no libraries
            // to find, map and relocate (libstdc++ for the Swift runtime alone costs 0.8 ms), no symbols
            // to bind. A static link has to name what the shared libraries would have brought along:
            // libedit's libtinfo, libbsd and libmd (pkg-config --static), and, where the modules were not
            // compiled for the static standard library (any build without --static-swift-stdlib),
            // FoundationEssentials' own libraries. Written with write() instead of through a mapping, the
            // fresh binary sits in the page cache in large folios, so starting it takes fewer page faults.
            linkerSettings: [
                .unsafeFlags(["-static-executable", "-Xlinker", "--no-mmap-output-file"]),
                .linkedLibrary("tinfo"),
                .linkedLibrary("bsd"),
                .linkedLibrary("md"),
                .linkedLibrary("_FoundationCShims"),
                .linkedLibrary("_FoundationCollections"),
                .linkedLibrary("swiftSynchronization"),
            ]
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
