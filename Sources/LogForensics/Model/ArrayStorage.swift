// Model/ArrayStorage.swift - where a Swift array keeps its count and elements, for cache hints.

/// The heap buffer of a Swift array, read without retaining it: for prefetch hints only.
///
/// An array value is one reference to a buffer object whose header holds the count at
/// ``countOffset`` and whose elements start at ``elementsOffset`` (the layout of the standard
/// library's contiguous array storage on 64-bit platforms; `ArrayStorageTests` checks it).
/// Reading the reference as bytes costs no retain, where any use of the array value (even
/// `withUnsafeBufferPointer`) retains and releases the buffer: two atomic writes to a line
/// that is usually not in the cache, which is what a prefetch is meant to avoid.
///
/// Only addresses to prefetch are derived from these: a wrong guess costs a useless fetch,
/// never a wrong result (a prefetch does not fault). An empty array points to the shared
/// empty buffer, whose count is 0.
enum ArrayStorage {
  /// Offset of the element count in the buffer.
  static let countOffset = 2 * MemoryLayout<Int>.size
  /// Offset of the first element in the buffer.
  static let elementsOffset = 4 * MemoryLayout<Int>.size

  /// The address of `array`'s buffer (`inout` only to read its bytes in place: nothing is
  /// written).
  @inline(__always)
  static func buffer<Element>(of array: inout [Element]) -> UnsafeRawPointer {
    withUnsafeBytes(of: &array) { $0.load(as: UnsafeRawPointer.self) }
  }

  /// The address of element `i` of `array` (not checked against the count).
  @inline(__always)
  static func element<Element>(_ i: Int, of array: inout [Element]) -> UnsafeRawPointer {
    buffer(of: &array) + elementsOffset + i &* MemoryLayout<Element>.stride
  }

  /// The address where the next appended element of `array` goes (reads the count from the
  /// buffer's header, which should be in the cache already).
  @inline(__always)
  static func end<Element>(of array: inout [Element]) -> UnsafeRawPointer {
    let b = buffer(of: &array)
    return b + elementsOffset + b.load(fromByteOffset: countOffset, as: Int.self) &* MemoryLayout<Element>.stride
  }
}
