// swift-tools-version:6.0
// Fuzz/Package.swift - libFuzzer harness for LogForensics, kept out of the root package so its
// build and tests are unaffected. Build and run with `scripts/fuzz.sh` (see docs/robustness.md).
import Foundation
import PackageDescription

// A path dependency's identity is its directory name (`main`, `wt-fuzz`, a user's checkout…).
let root = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent()
let rootIdentity = root.lastPathComponent.lowercased()

let package = Package(
  name: "LogForensicsFuzz",
  dependencies: [
    .package(path: "..")
  ],
  targets: [
    // Declares libFuzzer's `LLVMFuzzerRunDriver` for Swift.
    .target(name: "CFuzzerDriver"),
    // One executable for every target; `FUZZ_TARGET` picks it (see `FuzzEntryPoints.all`).
    // Must be built with `-Xswiftc -sanitize=fuzzer,address`, which links libFuzzer in.
    .executableTarget(
      name: "LogForensicsFuzz",
      dependencies: ["CFuzzerDriver", .product(name: "LogForensics", package: rootIdentity)]
    ),
  ]
)
