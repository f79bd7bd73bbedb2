// Pipeline/RunControl.swift - lets another thread stop a run between chunks and see how far it got.

import Foundation

/// A stop request and progress counters shared between the reading thread and, for
/// example, a signal handler.
///
/// The pipeline checks ``stopRequested`` before every chunk (64 KiB of stored bytes or
/// less), so a run stops within one chunk's work of the request; it then hands back the
/// statistics of what it had read and runs no analysis. Counters are updated once per
/// chunk, never per line.
public final class RunControl: @unchecked Sendable {
  private let lock = NSLock()
  private var signal: Int32 = 0
  private var linesSeen: Int64 = 0
  private var bytesSeen: UInt64 = 0
  private var inputsStarted = 0

  public init() {}

  /// Asks the run to stop; `signal` is what the caller reports (e.g. `SIGINT`), any non-zero value.
  public func requestStop(signal s: Int32) {
    lock.lock()
    if signal == 0 { signal = s }
    lock.unlock()
  }

  /// `true` once ``requestStop(signal:)`` was called.
  public var stopRequested: Bool {
    lock.lock()
    defer { lock.unlock() }
    return signal != 0
  }

  /// The signal given to ``requestStop(signal:)``, if any.
  public var stopSignal: Int32? {
    lock.lock()
    defer { lock.unlock() }
    return signal == 0 ? nil : signal
  }

  /// Lines, decoded bytes and inputs opened so far (all streams together).
  public var progress: (lines: Int64, decodedBytes: UInt64, inputs: Int) {
    lock.lock()
    defer { lock.unlock() }
    return (linesSeen, bytesSeen, inputsStarted)
  }

  func noteChunk(bytes: Int, lines: Int64) {
    lock.lock()
    bytesSeen &+= UInt64(bytes)
    linesSeen &+= lines
    lock.unlock()
  }

  func noteInputOpened() {
    lock.lock()
    inputsStarted += 1
    lock.unlock()
  }
}
