// swift-tools-version:6.1
import PackageDescription

let package = Package(
  name: "LogForensics",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "LogForensics", targets: ["LogForensics"]),
    .executable(name: "forensics", targets: ["forensics-cli"]),
  ],
  // ISAL: inflate gzip with Intel ISA-L (libisal-dev) instead of zlib; several times faster.
  // Off by default so a machine without libisal-dev builds with the README's commands.
  traits: [
    .trait(name: "ISAL", description: "Inflate gzip with Intel ISA-L (needs libisal-dev); zlib stays available.")
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
  ],
  targets: [
    // zlib through a tiny C shim (inflateInit2 is a macro and cannot be called from Swift).
    .target(
      name: "CZlib",
      linkerSettings: [.linkedLibrary("z")]
    ),
    // A cache prefetch hint (`__builtin_prefetch`) for the parser's symbol lookups.
    .target(name: "CPrefetch"),
    // Vector (SSE2) scans of a line's bytes for the parser: quoted fields end where the first
    // quote or backslash is.
    .target(name: "CByteScan"),
    // ISA-L's igzip, only linked when the ISAL trait is enabled.
    .systemLibrary(
      name: "CISAL",
      pkgConfig: "libisal",
      providers: [.apt(["libisal-dev"])]
    ),
    .target(
      name: "LogForensics",
      dependencies: [
        "CZlib",
        "CPrefetch",
        "CByteScan",
        .target(name: "CISAL", condition: .when(traits: ["ISAL"])),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Yams", package: "Yams"),
      ],
      swiftSettings: [
        // Runtime exclusivity checks cost ~6 % of the per-line work in release builds (measured
        // with callgrind); the compile-time checks stay on, and debug builds and tests keep them.
        .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))
      ]
    ),
    .executableTarget(
      name: "forensics-cli",
      dependencies: [
        "LogForensics",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(
      name: "LogForensicsTests",
      dependencies: ["LogForensics", "CByteScan"],
      exclude: ["Golden", "FuzzRegressions"]
    ),
    .testTarget(
      name: "ForensicsCLITests",
      dependencies: ["forensics-cli", "LogForensics"]
    ),
  ]
)
