// Input/InputDiscoveryTests.swift - expanding files, directories and "-" into the files to read.

import Foundation
import Testing

@testable import LogForensics

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct InputDiscoveryTests {
  @Test func directoriesAreWalkedRecursivelyInSortedOrder() {
    let dir = TempDir()
    dir.write("b.log", "b\n")
    dir.write("a.log", "a\n")
    dir.write("sub/z.log.1", "z\n")
    dir.write("sub/deeper/y.log", "y\n")
    dir.write(".hidden.log", "h\n")
    dir.write(".git/config", "x\n")
    dir.write("B.log", "B\n")
    let (files, errors) = InputDiscovery.expand([dir.path])
    let p = dir.path
    #expect(files == ["\(p)/B.log", "\(p)/a.log", "\(p)/b.log", "\(p)/sub/deeper/y.log", "\(p)/sub/z.log.1"])
    #expect(errors.isEmpty)
  }

  @Test func explicitArgumentsKeepTheirOrderAndDuplicatesAreDropped() {
    let dir = TempDir()
    let b = dir.write("b.log", "b\n")
    let a = dir.write("a.log", "a\n")
    let hidden = dir.write(".explicit.log", "h\n")
    let (files, errors) = InputDiscovery.expand([b, "-", a, dir.path, "-", hidden])
    #expect(files == [b, "-", a, hidden])
    #expect(errors.isEmpty)
  }

  @Test func missingPathsAndSpecialFilesAreReported() {
    let dir = TempDir()
    let good = dir.write("ok.log", "x\n")
    mkfifo("\(dir.path)/pipe", 0o600)
    let (files, errors) = InputDiscovery.expand(["\(dir.path)/nope.log", dir.path])
    #expect(files == [good])
    #expect(errors.map(\.path) == ["\(dir.path)/nope.log", "\(dir.path)/pipe"])
    #expect(
      errors.map(\.error) == [
        .cannotOpen(path: "\(dir.path)/nope.log", reason: "No such file or directory"),
        .notAFile(path: "\(dir.path)/pipe", reason: "is a named pipe (FIFO) inside a directory"),
      ])
    // Given explicitly, a FIFO is accepted (process substitution).
    #expect(InputDiscovery.expand(["\(dir.path)/pipe"]).files == ["\(dir.path)/pipe"])
  }

  @Test func symlinkLoopsAreDetected() {
    let dir = TempDir()
    let log = dir.write("logs/app.log", "x\n")
    dir.symlink("logs/loop", to: dir.path + "/logs")  // points back to its parent
    dir.symlink("alias", to: dir.path + "/logs")  // second way into the same directory
    dir.symlink("self-link", to: dir.path + "/self-link")  // a link to itself
    let (files, errors) = InputDiscovery.expand([dir.path])
    #expect(files == ["\(dir.path)/alias/app.log"])  // "alias" sorts before "logs": walked once
    #expect(FileManager.default.contentsEqual(atPath: files[0], andPath: log))
    #expect(errors.map(\.path) == ["\(dir.path)/alias/loop", "\(dir.path)/self-link"])
    #expect(errors.map(\.error.kind) == ["not-a-file", "cannot-open"])
  }
}
