// Model/SortedSearch.swift - the binary search of sorted id arrays, without a branch per step.

import CPrefetch

extension UnsafeBufferPointer where Element: FixedWidthInteger {
  /// The first index of `range` whose element is not less than `value` (`range.upperBound`
  /// when there is none); the elements of `range` must be sorted in increasing order.
  ///
  /// Each step halves the range with a conditional move, not a jump: the ids a track or a set
  /// is searched for arrive in no order, so the jump of the usual `lo = mid + 1 / hi = mid`
  /// loop was mispredicted about every other step (`perf annotate`: more than half of the
  /// packed success ids' insert sat on that jump). The number of steps depends only on the
  /// range's length.
  @inline(__always)
  func lowerBound(of value: Element, in range: Range<Int>) -> Int {
    var base = range.lowerBound
    var n = range.count
    guard n > 0 else { return base }
    // 32- and 16-bit ids (all the hot callers) are searched in C, where the select can be
    // marked unpredictable (`__builtin_unpredictable`): written in Swift, LLVM's x86 back end
    // turned it back into a jump (`objdump` of the packed success ids' search).
    if Element.self == UInt32.self {
      return withMemoryRebound(to: UInt32.self) {
        lf_lower_bound_u32($0.baseAddress, base, n, UInt32(truncatingIfNeeded: value))
      }
    }
    if Element.self == UInt16.self {
      return withMemoryRebound(to: UInt16.self) {
        lf_lower_bound_u16($0.baseAddress, base, n, UInt16(truncatingIfNeeded: value))
      }
    }
    let p = baseAddress.unsafelyUnwrapped
    // The answer is in base...base + n; each step keeps the half that holds it.
    while n > 1 {
      let half = n >> 1
      // A select of two values; LLVM may still make it a jump (hence the C path above).
      base = p[base &+ half] < value ? base &+ half : base
      n &-= half
    }
    return p[base] < value ? base &+ 1 : base
  }

  /// ``lowerBound(of:in:)`` over the whole buffer.
  @inline(__always)
  func lowerBound(of value: Element) -> Int { lowerBound(of: value, in: 0..<count) }
}

extension Array where Element: FixedWidthInteger {
  /// ``UnsafeBufferPointer/lowerBound(of:in:)`` on the array's elements.
  @inline(__always)
  func lowerBound(of value: Element, in range: Range<Int>) -> Int {
    precondition(range.lowerBound >= 0 && range.upperBound <= count, "search range out of bounds")
    return withUnsafeBufferPointer { $0.lowerBound(of: value, in: range) }
  }

  /// ``UnsafeBufferPointer/lowerBound(of:in:)`` over the whole array.
  @inline(__always)
  func lowerBound(of value: Element) -> Int { withUnsafeBufferPointer { $0.lowerBound(of: value) } }
}
