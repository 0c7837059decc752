// swift-tools-version:6.0
// The kbm package: a libedit shell for the BAMF Kursbeginnmeldung workflow.
import PackageDescription

/// The release that scripts/kbm, install and bench build: see kbm's linker settings.
let staticPIE = Context.environment["KBM_STATIC_PIE"] == "1"

let package = Package(
    name: "kbm",
    products: [
        .executable(name: "kbm", targets: ["kbm"]),
        .executable(name: "kbm-bamf", targets: ["kbm-bamf"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        // The served BAMF only (kbm-bamf): server, client, password hashing.
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // Named for what kbm-bamf uses of them directly (they come with Hummingbird anyway): its thread pool for
        // scrypt, the HTTP parts a request deadline watches, TLS, and the logger it gives Hummingbird.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
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
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // The layers, bottom to top: each target sees only the ones below it, so an import in the wrong direction
        // does not build. They are one line, not a tree: an import between two layers that stand side by side
        // builds whenever the other happens to be built first (SwiftPM puts every module in one directory), while
        // an import upwards always fails, as a missing module or as a cycle. Persistence stands above Domain so
        // that the interpreter cannot reach the store. KBMCore is the top (the shell) and re-exports the others for
        // Sources/kbm and the tests.
        .target(
            name: "KBMModel",
            dependencies: [.product(name: "OrderedCollections", package: "swift-collections")]
        ),
        .target(name: "KBMLanguage", dependencies: ["KBMModel"]),
        .target(name: "KBMDomain", dependencies: ["KBMModel", "KBMLanguage"]),
        .target(name: "KBMPersistence", dependencies: ["KBMModel", "KBMLanguage", "KBMDomain", "CSQLite"]),
        .target(name: "KBMRender", dependencies: ["KBMModel", "KBMLanguage", "KBMDomain", "KBMPersistence"]),
        .target(
            name: "KBMCore",
            dependencies: ["KBMModel", "KBMLanguage", "KBMDomain", "KBMPersistence", "KBMRender"]
        ),
        // The served BAMF, above the shell: the SOAP contract (both ends of the wire, no network) and the service.
        .target(name: "KBMSoap", dependencies: ["KBMCore", "CLibXML2"]),
        .target(
            name: "KBMService",
            dependencies: [
                "KBMCore",
                "KBMSoap",
                "CSQLite",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "kbm-bamf",
            dependencies: [
                "KBMService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                // `kbm-bamf last` (the load run of scripts/bench) and `kbm-bamf senden` (the shell's client; kbm itself
                // links no network).
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            // Linked like kbm (see there), plus what libxml2 brings along statically: ICU, zlib, liblzma.
            linkerSettings: staticPIE ? [
                .unsafeFlags(["-static-executable", "-use-ld=lld", "-Xclang-linker", "-static-pie",
                              "-Xlinker", "--pack-dyn-relocs=relr"]),
                .linkedLibrary("_FoundationCShims"),
                .linkedLibrary("_FoundationCollections"),
                .linkedLibrary("swiftSynchronization"),
                .linkedLibrary("icuuc"),
                .linkedLibrary("icudata"),
                .linkedLibrary("z"),
                .linkedLibrary("lzma"),
            ] : []
        ),
        .executableTarget(
            name: "kbm",
            dependencies: [
                "KBMCore",
                "CEditLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // Start-up: the release that scripts/kbm, install and bench build is linked statically as a whole, so
            // kbm starts without the dynamic linker: no libraries to find, map and relocate (libstdc++ for the Swift
            // runtime alone costs 0.8 ms), no symbols to bind. It is a static PIE, placed at a random address like
            // any library, so an address that leaks tells nothing; its relative relocations are packed (RELR) so
            // that placing it costs little. Debian 12's glibc crashes at the start of a static PIE that has a run
            // path, and SwiftPM adds one unless told not to; so the static PIE is built only on request
            // (KBM_STATIC_PIE=1 with --disable-local-rpath, as the scripts do), and every other build, debug or
            // release, is an ordinary dynamic PIE that runs wherever it is built. A static link has to name what
            // the shared libraries would have brought along: libedit's libtinfo, libbsd and libmd (pkg-config
            // --static), and FoundationEssentials' own libraries. Written with write() instead of through a
            // mapping, the fresh binary sits in the page cache in large folios: fewer page faults at start.
            linkerSettings: staticPIE ? [
                .unsafeFlags(["-static-executable", "-use-ld=lld", "-Xclang-linker", "-static-pie",
                              "-Xlinker", "--pack-dyn-relocs=relr", "-Xlinker", "--no-mmap-output-file"]),
                .linkedLibrary("tinfo"),
                .linkedLibrary("bsd"),
                .linkedLibrary("md"),
                .linkedLibrary("_FoundationCShims"),
                .linkedLibrary("_FoundationCollections"),
                .linkedLibrary("swiftSynchronization"),
            ] : [
                .unsafeFlags(["-Xlinker", "--no-mmap-output-file"]),
            ]
        ),
        .testTarget(
            name: "KBMCoreTests",
            dependencies: ["KBMCore"]
        ),
        .testTarget(
            name: "KBMServiceTests",
            dependencies: [
                "KBMSoap",
                "KBMService",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "KBMProcessTests",
            dependencies: ["KBMCore"],
            exclude: ["Transcripts"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
