// Input/InflateBackendReportTests.swift - zlib and ISA-L give byte-identical JSON reports on real gzip files.

import Foundation
import Testing

@testable import LogForensics

@Suite struct InflateBackendReportTests {
  /// Every file under `directory` whose first two bytes are the gzip magic, sorted.
  static func gzipFiles(under directory: String) -> [String] {
    guard let walker = FileManager.default.enumerator(atPath: directory) else { return [] }
    var found: [String] = []
    for case let relative as String in walker {
      let path = "\(directory)/\(relative)"
      guard let handle = FileHandle(forReadingAtPath: path) else { continue }
      let magic = try? handle.read(upToCount: 2)
      try? handle.close()
      if magic == Data([0x1F, 0x8B]) { found.append(path) }
    }
    return found.sorted()
  }

  static func reportJSON(_ paths: [String], backend: InflateBackend, analyse: Bool = true) throws -> Data {
    var config = AnalysisConfiguration(paths: paths)
    config.runAnalysis = analyse
    config.pipeline.readOptions.inflateBackend = backend
    return try JSONReportWriter.encode(Analyzer.run(config).report)
  }

  static let sampleLogs = Golden.repoRoot.appendingPathComponent("SampleLogs").path

  @Test(.enabled(if: InflateBackend.isalAvailable, "built without the ISAL trait"))
  func sampleLogsReportIsIdentical() throws {
    let zlib = try Self.reportJSON([Self.sampleLogs], backend: .zlib)
    let isal = try Self.reportJSON([Self.sampleLogs], backend: .isal)
    #expect(zlib == isal)
    #expect(!Self.gzipFiles(under: Self.sampleLogs).isEmpty)
  }

  static let realWorldGzipFiles = realWorldCorpusPath().map { gzipFiles(under: $0) } ?? []

  @Test(.enabled(if: realWorldCorpusPath() != nil, "shared/realworld is not available"))
  func theCorpusHasGzipFiles() {
    #expect(Self.realWorldGzipFiles.count >= 10)
  }

  /// One case per file (they run in parallel). Reading only: the analysis is a function of
  /// the decoded lines, and SampleLogs above runs it.
  @Test(
    .enabled(if: InflateBackend.isalAvailable, "built without the ISAL trait"),
    arguments: realWorldGzipFiles)
  func realWorldGzipFileGivesTheSameReport(path: String) throws {
    let zlib = try Self.reportJSON([path], backend: .zlib, analyse: false)
    let isal = try Self.reportJSON([path], backend: .isal, analyse: false)
    #expect(zlib == isal)
    if zlib != isal {
      let a = try JSONReportWriter.decode(zlib).inputs.first
      let b = try JSONReportWriter.decode(isal).inputs.first
      Issue.record("zlib \(String(describing: a?.errors)) \(a?.decodedBytes ?? 0) vs isal \(String(describing: b?.errors)) \(b?.decodedBytes ?? 0)")
    }
  }
}
