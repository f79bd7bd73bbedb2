// forensics-cli/InterruptHandler.swift - SIGINT/SIGTERM: stop reading, write nothing, say what was read.

import Dispatch
import Foundation
import LogForensics

/// Turns SIGINT and SIGTERM into a stop request for the run (``RunControl``).
///
/// The pipeline checks the request between chunks and the command then writes no output
/// and exits with 128 + the signal number (130 for SIGINT, 143 for SIGTERM). If the run
/// has not ended one second after the signal (a read blocked on a silent pipe, or the
/// analysis of a large state), the handler itself reports what had been read, removes the
/// temporary files of outputs being written and exits. A second signal exits at once.
final class InterruptHandler: @unchecked Sendable {
  let control = RunControl()
  private var sources: [DispatchSourceSignal] = []
  private let queue = DispatchQueue(label: "forensics.signals")
  private var received = 0

  /// Seconds the run gets to stop on its own after a signal.
  static let grace: Double = 1.0

  /// Installs the handlers (the signals' default actions are ignored from now on).
  static func install() -> InterruptHandler {
    let h = InterruptHandler()
    for sig in [SIGINT, SIGTERM] {
      signal(sig, SIG_IGN)
      let s = DispatchSource.makeSignalSource(signal: sig, queue: h.queue)
      s.setEventHandler { [h] in h.handle(sig) }
      s.resume()
      h.sources.append(s)
    }
    OutputFile.abortOnStop(h.control)
    return h
  }

  /// The exit status for a stop request, if there was one.
  var exitStatus: Int32? { control.stopSignal.map { 128 + $0 } }

  /// What the run had read when it stopped, for standard error.
  static func message(signal: Int32, lines: Int64, bytes: UInt64, inputs: Int, of total: Int, extra: String = "") -> String {
    let name = signal == SIGTERM ? "SIGTERM" : signal == SIGINT ? "SIGINT" : "signal \(signal)"
    let mib = (Double(bytes) / 1_048_576 * 10).rounded() / 10
    return "forensics: interrupted by \(name) after reading \(lines) lines (\(mib) MiB of log text) from \(total > 0 ? "\(inputs) of \(total)" : "\(inputs)") inputs\(extra); no report written.\n"
  }

  private func handle(_ sig: Int32) {
    received += 1
    control.requestStop(signal: sig)
    if received > 1 { exitNow(sig, why: ", second signal") }
    queue.asyncAfter(deadline: .now() + InterruptHandler.grace) { [self] in
      exitNow(sig, why: ", the run did not stop within \(InterruptHandler.grace) s")
    }
  }

  private func exitNow(_ sig: Int32, why: String) {
    OutputFile.removeTemporaries()
    let p = control.progress
    let text = InterruptHandler.message(signal: sig, lines: p.lines, bytes: p.decodedBytes, inputs: p.inputs, of: 0, extra: why)
    text.utf8CString.withUnsafeBufferPointer { b in _ = write(STDERR_FILENO, b.baseAddress, b.count - 1) }
    _exit(128 + sig)
  }
}
