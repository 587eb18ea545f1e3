// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "termlint",
  products: [
    .executable(name: "termlint", targets: ["termlint"]),
    .library(name: "TermLint", targets: ["TermLint"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    // The only code that includes ICU headers: its public header uses plain C types so it
    // never clashes with Foundation's private ICU module.
    .target(
      name: "CICU",
      linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n")]
    ),
    // The system libxml2, its headers found through pkg-config (libxml-2.0, from
    // libxml2-dev). Only CXML2 uses it; Swift code never imports it.
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]
    ),
    // The only code that includes libxml2 headers: its public header uses plain C types so
    // it never clashes with the libxml2 that Foundation carries.
    .target(name: "CXML2", dependencies: ["CLibXML2"]),
    // The glossary model and its strict YAML loader: shared by the library and the build-time
    // tool that compiles the bundled dictionaries.
    .target(
      name: "GlossaryModel",
      dependencies: [.product(name: "Yams", package: "Yams")]
    ),
    .target(
      name: "TermLint",
      dependencies: ["CICU", "CXML2", "GlossaryModel", .product(name: "Yams", package: "Yams")],
      plugins: ["EmbedDictionaries"]
    ),
    // The language server (`termlint lsp`): JSON-RPC framing, documents, positions.
    .target(name: "TermLintLSP", dependencies: ["TermLint"]),
    .executableTarget(
      name: "termlint",
      dependencies: [
        "TermLint", "TermLintLSP",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // Build-time tool: loads dictionaries/**/*.yml and writes them, compiled, into Swift
    // source, so the binary carries them and start-up parses no YAML.
    .executableTarget(name: "termlint-embed", dependencies: ["GlossaryModel"]),
    .plugin(
      name: "EmbedDictionaries",
      capability: .buildTool(),
      dependencies: ["termlint-embed"]
    ),
    .testTarget(
      name: "TermLintTests",
      dependencies: ["TermLint", "TermLintLSP", "termlint"],
      resources: [.copy("Fixtures")]
    ),
  ]
)

// Fuzz targets (fuzz/run.sh): only in the package when TERMLINT_FUZZ=1, so a plain
// `swift build` or `swift test` neither builds nor resolves them.
if Context.environment["TERMLINT_FUZZ"] == "1" {
  package.targets.append(
    .executableTarget(
      name: "termlint-fuzz",
      dependencies: ["TermLint"],
      path: "fuzz/Sources/termlint-fuzz",
      // libFuzzer's main and runtime for this target only; the library is instrumented by
      // the flags fuzz/run.sh passes to every target (ASan and coverage).
      swiftSettings: [.unsafeFlags(["-sanitize=fuzzer,address"])],
      linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address"])]
    ))
}
