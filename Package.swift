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
            // Start-up: a release is linked statically as a whole, so kbm starts without the dynamic linker: no
            // libraries to find, map and relocate (libstdc++ for the Swift runtime alone costs 0.8 ms), no symbols
            // to bind. It is a static PIE, placed at a random address like any library, so an address that leaks
            // tells nothing; its relative relocations are packed (RELR) so that placing it costs little. glibc's
            // static-PIE start refuses a run path, which SwiftPM adds unless told not to: a release is built with
            // `swift build -c release --static-swift-stdlib --disable-local-rpath` (scripts/kbm, install, bench).
            // A static link has to name what the shared libraries would have brought along: libedit's libtinfo,
            // libbsd and libmd (pkg-config --static), and, where the modules were not compiled for the static
            // standard library (a release without --static-swift-stdlib), FoundationEssentials' own libraries.
            // A debug build (the one the tests run) is an ordinary dynamic PIE. Written with write() instead of
            // through a mapping, the fresh binary sits in the page cache in large folios: fewer page faults at start.
            linkerSettings: [
                .unsafeFlags(["-static-executable", "-use-ld=lld", "-Xclang-linker", "-static-pie",
                              "-Xlinker", "--pack-dyn-relocs=relr", "-Xlinker", "--no-mmap-output-file"],
                             .when(configuration: .release)),
                .unsafeFlags(["-Xlinker", "--no-mmap-output-file"], .when(configuration: .debug)),
                .linkedLibrary("tinfo"),
                .linkedLibrary("bsd"),
                .linkedLibrary("md"),
                .linkedLibrary("_FoundationCShims", .when(configuration: .release)),
                .linkedLibrary("_FoundationCollections", .when(configuration: .release)),
                .linkedLibrary("swiftSynchronization", .when(configuration: .release)),
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
