// forensics-cli/OutputGuard.swift - refuses an output path that is (or links to) one of the inputs.

import LogForensics

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Evidence is never overwritten: an output that names an input file — the same string, a
/// different spelling (`./a.log`), a symbolic or hard link, or a file inside an input
/// directory — is refused before anything is read.
enum OutputGuard {
  private struct FileID: Hashable {
    var device: UInt64
    var inode: UInt64
  }

  /// The first `(option, path)` whose path is an input, if any.
  static func conflict(outputs: [(String, String?)], inputs: [String]) -> (String, String)? {
    let named = outputs.compactMap { o in o.1.map { (o.0, $0) } }.filter { $0.1 != "-" }
    guard !named.isEmpty else { return nil }
    for (name, path) in named where inputs.contains(path) { return (name, path) }
    // Only outputs that already exist can be an input file.
    let existing = named.compactMap { o in id(of: o.1).map { (o.0, o.1, $0) } }
    guard !existing.isEmpty else { return nil }
    let inputIDs = Set(InputDiscovery.expand(inputs).files.filter { $0 != "-" }.compactMap(id(of:)))
    for (name, path, fid) in existing where inputIDs.contains(fid) { return (name, path) }
    return nil
  }

  private static func id(of path: String) -> FileID? {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }
    return FileID(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
  }
}
