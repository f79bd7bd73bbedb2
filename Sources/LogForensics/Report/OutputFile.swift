// Report/OutputFile.swift - atomic output writing (temporary file, fsync, rename) shared by every writer.

import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes outputs so that a reader never sees a truncated one.
///
/// A regular-file output is written to a temporary file in the same directory
/// (`.NAME.tmp-PID-RANDOM`), flushed with `fsync`, and renamed over `path` only when every
/// byte was written. A write error (disk full, read-only directory, quota) removes the
/// temporary file and throws ``LogForensicsError/outputFailed(path:reason:)``: the previous
/// content of `path`, if any, is left untouched. Temporary files being written are
/// registered so that a signal handler can remove them (``removeTemporaries()``), and a
/// stop request (``abortOnStop(_:)``) cancels a write before its rename.
///
/// An output that exists and is not a regular file (`/dev/stdout`, a FIFO, a terminal) is
/// written in place: renaming over it would replace the device.
public enum OutputFile {
  /// Writes `data` to `path`; `-` writes to standard output.
  public static func write(_ data: Data, to path: String) throws {
    try write(to: path) { emit in try emit(data) }
  }

  /// Writes the pieces `produce` hands to its argument, in order, to `path` (`-` for standard
  /// output), with the same atomicity as ``write(_:to:)``: the pieces go to the temporary file
  /// as they come (in writes of at least 1 MiB), so the whole output is never held in memory.
  public static func write(to path: String, _ produce: ((Data) throws -> Void) throws -> Void) throws {
    if path == "-" {
      try writeBuffered(produce, fd: STDOUT_FILENO, path: path)
      return
    }
    var st = stat()
    if stat(path, &st) == 0 && (st.st_mode & S_IFMT) != S_IFREG && (st.st_mode & S_IFMT) != S_IFDIR {
      let fd = open(path, O_WRONLY | O_CLOEXEC)
      guard fd >= 0 else { throw failure(path, "cannot open: \(errorText())") }
      defer { close(fd) }
      try writeBuffered(produce, fd: fd, path: path)
      return
    }
    let url = URL(fileURLWithPath: path)
    let dir = url.deletingLastPathComponent().path
    let temporary = dir + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
    guard fd >= 0 else { throw failure(path, "cannot create a temporary file in \(dir): \(errorText())") }
    registry.add(temporary)
    defer { registry.remove(temporary) }
    do {
      try writeBuffered(produce, fd: fd, path: path)
      if fsync(fd) != 0 && errno != EINVAL && errno != EROFS { throw failure(path, "fsync failed: \(errorText())") }
    } catch {
      close(fd)
      unlink(temporary)
      throw error
    }
    if close(fd) != 0 {
      let reason = errorText()
      unlink(temporary)
      throw failure(path, "close failed: \(reason)")
    }
    if registry.stopRequested {
      unlink(temporary)
      throw failure(path, "interrupted before the output was complete; nothing written")
    }
    if rename(temporary, path) != 0 {
      let reason = errorText()
      unlink(temporary)
      throw failure(path, "cannot rename the temporary file into place: \(reason)")
    }
  }

  /// Makes later writes give up (before their rename) once `control` asks to stop.
  public static func abortOnStop(_ control: RunControl?) { registry.setControl(control) }

  /// Removes the temporary files of writes in progress (for a signal handler that is about
  /// to exit the process). Returns how many were removed.
  @discardableResult
  public static func removeTemporaries() -> Int {
    let paths = registry.all
    for p in paths { unlink(p) }
    return paths.count
  }

  /// Runs `produce`, gathering its pieces into writes of at least 1 MiB.
  private static func writeBuffered(_ produce: ((Data) throws -> Void) throws -> Void, fd: Int32, path: String) throws {
    var buffer = Data()
    var written = 0
    try produce { piece in
      buffer.append(piece)
      if buffer.count >= 1 << 20 {
        try writeAll(buffer, fd: fd, path: path, before: written)
        written += buffer.count
        buffer.removeAll(keepingCapacity: true)
      }
    }
    try writeAll(buffer, fd: fd, path: path, before: written)
  }

  private static func writeAll(_ data: Data, fd: Int32, path: String, before: Int) throws {
    try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
      var done = 0
      while done < raw.count {
        let n = posixWrite(fd, raw.baseAddress! + done, raw.count - done)
        if n < 0 {
          if errno == EINTR { continue }
          throw failure(path, "write failed after \(before + done) bytes: \(errorText())")
        }
        done += n
      }
    }
  }

  private static func failure(_ path: String, _ reason: String) -> LogForensicsError {
    .outputFailed(path: path, reason: reason)
  }

  private static func errorText() -> String { String(cString: strerror(errno)) }

  private static let registry = TemporaryRegistry()
}

/// `write(2)`, under a name the enum's own `write` does not shadow.
private func posixWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { write(fd, p, n) }

/// The temporary files being written, and the stop request that cancels writes.
private final class TemporaryRegistry: @unchecked Sendable {
  private let lock = NSLock()
  private var paths: Set<String> = []
  private var control: RunControl?

  func add(_ p: String) {
    lock.lock()
    paths.insert(p)
    lock.unlock()
  }

  func remove(_ p: String) {
    lock.lock()
    paths.remove(p)
    lock.unlock()
  }

  var all: [String] {
    lock.lock()
    defer { lock.unlock() }
    return Array(paths)
  }

  func setControl(_ c: RunControl?) {
    lock.lock()
    control = c
    lock.unlock()
  }

  var stopRequested: Bool {
    lock.lock()
    let c = control
    lock.unlock()
    return c?.stopRequested ?? false
  }
}
