// Input/InputDiscovery.swift - command-line paths → the sorted list of files to read.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Expands the paths given on the command line into the files to read.
///
/// Rules:
/// - `-` stands for standard input and is kept as is (once).
/// - A directory is walked recursively. Entries are visited in byte order of their names,
///   so the result is the same on every run. Names starting with `.` inside a directory are
///   skipped (hidden files, editor swap files); a hidden path given explicitly is read.
/// - Inside directories only regular files are taken; FIFOs, sockets and devices are reported
///   as `.notAFile`. A path given explicitly may also be a FIFO, so process substitution
///   (`<(zcat old.gz)`) works.
/// - Symbolic links are followed. A link back to a directory being walked (a loop) is reported
///   as `.notAFile`; a directory reached twice by other links is walked once.
/// - The same file (same device and inode, e.g. given twice or hard-linked) is listed once,
///   at its first occurrence.
/// - A path that does not exist or cannot be read is reported as `.cannotOpen`.
///
/// Explicit arguments keep their command-line order; directory contents are sorted.
public enum InputDiscovery {
  private struct FileID: Hashable {
    var device: UInt64
    var inode: UInt64
  }

  private struct Walk {
    var files: [String] = []
    var errors: [(path: String, error: InputError)] = []
    var seenFiles = Set<FileID>()
    var seenDirectories = Set<FileID>()
    var sawStdin = false
  }

  /// - Parameter paths: files, directories and `-`, as given by the user.
  /// - Returns: the files to read (in order) and the paths that were skipped, with why.
  public static func expand(_ paths: [String]) -> (files: [String], errors: [(path: String, error: InputError)]) {
    var walk = Walk()
    for path in paths {
      if path == "-" {
        if !walk.sawStdin { walk.files.append("-") }
        walk.sawStdin = true
        continue
      }
      visit(path, explicit: true, ancestors: [], &walk)
    }
    return (walk.files, walk.errors)
  }

  private static func visit(_ path: String, explicit: Bool, ancestors: Set<FileID>, _ walk: inout Walk) {
    var st = stat()
    guard stat(path, &st) == 0 else {
      let reason = errno == ELOOP ? "too many levels of symbolic links" : lastError()
      walk.errors.append((path, .cannotOpen(path: path, reason: reason)))
      return
    }
    let id = FileID(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
    let type = st.st_mode & S_IFMT
    switch type {
    case S_IFREG:
      if walk.seenFiles.insert(id).inserted { walk.files.append(path) }
    case S_IFIFO where explicit:
      if walk.seenFiles.insert(id).inserted { walk.files.append(path) }
    case S_IFDIR:
      if ancestors.contains(id) {
        walk.errors.append(
          (path, .notAFile(path: path, reason: "symbolic link loop (directory already being read)")))
        return
      }
      guard walk.seenDirectories.insert(id).inserted else { return }
      walkDirectory(path, ancestors: ancestors.union([id]), &walk)
    default:
      walk.errors.append((path, .notAFile(path: path, reason: describe(type))))
    }
  }

  private static func walkDirectory(_ path: String, ancestors: Set<FileID>, _ walk: inout Walk) {
    guard let dir = opendir(path) else {
      walk.errors.append((path, .cannotOpen(path: path, reason: lastError())))
      return
    }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafePointer(to: &entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
      }
      // Skips ".", ".." and hidden entries.
      if name.utf8.first == UInt8(ascii: ".") { continue }
      names.append(name)
    }
    closedir(dir)
    names.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    let prefix = path.utf8.last == UInt8(ascii: "/") ? path : path + "/"
    for name in names {
      visit(prefix + name, explicit: false, ancestors: ancestors, &walk)
    }
  }

  private static func lastError() -> String { String(cString: strerror(errno)) }

  private static func describe(_ type: mode_t) -> String {
    switch type {
    case S_IFIFO: return "is a named pipe (FIFO) inside a directory"
    case S_IFSOCK: return "is a socket"
    case S_IFCHR: return "is a character device"
    case S_IFBLK: return "is a block device"
    default: return "is not a regular file"
    }
  }
}
