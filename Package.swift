// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "LogForensics",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "LogForensics", targets: ["LogForensics"]),
    .executable(name: "forensics", targets: ["forensics-cli"]),
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
    .target(
      name: "LogForensics",
      dependencies: [
        "CZlib",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Yams", package: "Yams"),
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
      dependencies: ["LogForensics"],
      exclude: ["Golden", "FuzzRegressions"]
    ),
    .testTarget(
      name: "ForensicsCLITests",
      dependencies: ["forensics-cli", "LogForensics"]
    ),
  ]
)
