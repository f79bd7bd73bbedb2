// Evidence/OutputManifest.swift - SHA-256 of every output of a run, in sha256sum format.

import Crypto
import Foundation

/// The outputs written by one run and their SHA-256, checkable with `sha256sum -c`.
public struct OutputManifest: Sendable, Equatable {
  public private(set) var entries: [(path: String, sha256: String)] = []

  public init() {}

  public static func == (a: OutputManifest, b: OutputManifest) -> Bool {
    a.entries.map(\.path) == b.entries.map(\.path) && a.entries.map(\.sha256) == b.entries.map(\.sha256)
  }

  /// SHA-256 of `data` in lower-case hex.
  public static func sha256(_ data: Data) -> String {
    SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
  }

  /// Writes `data` to `path` (atomically) and records its hash. `-` (stdout) is not recorded.
  public mutating func write(_ data: Data, to path: String) throws {
    try OutputFile.write(data, to: path)
    if path != "-" { entries.append((path, OutputManifest.sha256(data))) }
  }

  /// Records an output written elsewhere.
  public mutating func record(_ path: String, data: Data) {
    if path != "-" { entries.append((path, OutputManifest.sha256(data))) }
  }

  /// `<sha256>  <path>` lines, in writing order, after a comment header.
  public var text: String {
    var s = "# LogForensics \(LogForensicsVersion.string) output manifest (sha256sum -c compatible)\n"
    for e in entries { s += "\(e.sha256)  \(e.path)\n" }
    return s
  }
}
