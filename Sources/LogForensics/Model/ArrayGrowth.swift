// Model/ArrayGrowth.swift - growing long-lived arrays by a quarter instead of doubling.

extension Array {
  /// Makes room for `adding` more elements (one by default) when the array has less room
  /// than that, growing it by a quarter (at least `minimumStep` elements, to at least
  /// `minimumCapacity`, at most `limit`) where an append would double it.
  ///
  /// For arrays that live until the end of a run in hundreds of thousands of copies (sorted
  /// id sets, packed ids, hour and day lists): doubling leaves a third of their memory unused
  /// on average, a quarter a tenth. The extra copies are of small arrays.
  @inline(__always)
  mutating func growByAQuarterIfFull(adding: Int = 1, minimumCapacity: Int = 0, minimumStep: Int = 1, limit: Int = .max) {
    let n = count
    guard capacity - n < adding else { return }
    reserveCapacity(Swift.min(limit, Swift.max(minimumCapacity, n + Swift.max(minimumStep, n / 4))))
  }
}
