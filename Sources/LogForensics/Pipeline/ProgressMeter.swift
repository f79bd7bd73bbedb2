// Pipeline/ProgressMeter.swift - bytes read of total, lines/s and ETA on a terminal.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Prints progress to standard error (only when asked, typically when stderr is a TTY).
/// Updated from the consuming thread; redraws at most four times a second.
public final class ProgressMeter {
  private let totalBytes: UInt64?
  private var bytes: UInt64 = 0
  private var lines: UInt64 = 0
  private let start: Double
  private var lastDraw: Double = 0
  private var drawn = false

  public init(totalBytes: UInt64?) {
    self.totalBytes = totalBytes
    start = ProgressMeter.now()
  }

  func add(bytes b: UInt64, lines l: UInt64) {
    bytes += b
    lines += l
    let t = ProgressMeter.now()
    if t - lastDraw >= 0.25 {
      lastDraw = t
      draw(t)
    }
  }

  func add(lines l: UInt64) {
    lines += l
  }

  private func draw(_ t: Double) {
    let elapsed = max(t - start, 0.001)
    let mb = Double(bytes) / 1_048_576
    var text = "  read \(fmt(mb)) MiB"
    if let total = totalBytes, total > 0 {
      let frac = min(Double(bytes) / Double(total), 1)
      text += " of \(fmt(Double(total) / 1_048_576)) MiB (\(Int(frac * 100))%)"
      if frac > 0.01 {
        let eta = elapsed / frac - elapsed
        text += ", ETA \(Int(eta.rounded())) s"
      }
    }
    text += ", \(Int(Double(lines) / elapsed)) lines/s   "
    writeStderr("\r" + text)
    drawn = true
  }

  /// Clears the progress line.
  public func finish() {
    if drawn { writeStderr("\r\u{1B}[K") }
  }

  private func fmt(_ v: Double) -> String {
    let r = (v * 10).rounded() / 10
    return String(r)
  }

  private func writeStderr(_ s: String) {
    var text = s
    text.withUTF8 { buf in _ = write(STDERR_FILENO, buf.baseAddress, buf.count) }
  }

  static func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
  }
}
