// Fuzzing/FuzzRegressionTests.swift - replays the inputs the fuzzers found; checks the harness's model.

import Foundation
import Testing
@testable import LogForensics

@Suite struct FuzzRegressionTests {
  /// `Tests/LogForensicsTests/FuzzRegressions`: one folder per target, one file per input.
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("FuzzRegressions")

  /// `target/file` of every stored input.
  static func storedInputs() -> [String] {
    let fm = FileManager.default
    let targets = (try? fm.contentsOfDirectory(atPath: folder.path)) ?? []
    return targets.sorted().flatMap { t in
      ((try? fm.contentsOfDirectory(atPath: folder.appendingPathComponent(t).path)) ?? [])
        .filter { !$0.hasPrefix(".") }.sorted().map { "\(t)/\($0)" }
    }
  }

  @Test func everyFolderNamesATarget() throws {
    let names = Set(FuzzEntryPoints.targetNames)
    let folders = Set(Self.storedInputs().map { String($0.split(separator: "/")[0]) })
    #expect(folders.isSubset(of: names), "unknown targets: \(folders.subtracting(names))")
  }

  /// Each input once crashed its target; the target's own checks trap if it regresses.
  @Test(arguments: storedInputs()) func replay(_ input: String) throws {
    let parts = input.split(separator: "/")
    let target = try #require(FuzzEntryPoints.target(named: String(parts[0])))
    let data = try Data(contentsOf: Self.folder.appendingPathComponent(input))
    data.withUnsafeBytes { target.run($0) }
    #expect(target.name == String(parts[0]))
  }

  @Test func everyPresetHasATarget() {
    for d in FormatCatalog.all {
      #expect(FuzzEntryPoints.target(named: "parse-" + d.name) != nil)
    }
    #expect(FuzzEntryPoints.target(named: "nope") == nil)
  }

  /// templater: `page × size` beyond `Int` trapped; the offset is now unknown instead.
  @Test func pageOffsetOverflowIsUnknown() {
    let r = EndpointTemplater().template(path: "/x", query: "page=4611686018427387904&size=4")
    #expect(r.template == "/x?page&size")
    #expect(r.page == PageRequest(pageSize: 4, offset: nil))
    let forced = EndpointTemplater(patientEndpoints: ["/api/patients/{id}"])
    let f = forced.template(path: "/api/patients/42", query: "page=4611686018427387904&per_page=2")
    #expect(f.recordID == "42")
    #expect(f.page == PageRequest(pageSize: 2, offset: nil))
    #expect(EndpointTemplater.pageOffset(page: 3, size: 20) == 60)
    #expect(EndpointTemplater.pageOffset(page: Int.max, size: 2) == nil)
  }

  /// The splitter target's model: terminators removed, one `\r` before `\n` only, a last
  /// line without terminator kept with its `\r`.
  @Test func naiveLinesModel() {
    let text: [UInt8] = Array("a\r\n\r\nb\r\r\nc\rd\ne\r".utf8)
    let lines = text.withUnsafeBytes { FuzzEntryPoints.naiveLines($0) }
    #expect(lines.map { String(decoding: $0, as: UTF8.self) } == ["a", "", "b\r", "c\rd", "e\r"])
    let two = text.withUnsafeBytes { FuzzEntryPoints.naiveLines($0, limit: 2) }
    #expect(two.count == 2)
    let ended = Array("x\n".utf8).withUnsafeBytes { FuzzEntryPoints.naiveLines($0) }
    #expect(ended == [Array("x".utf8)])
  }
}
