// Model/ArrayStorageTests.swift - the array layout that the analysis' cache hints assume.

import Testing

@testable import LogForensics

@Suite struct ArrayStorageTests {
  private struct Wide: Equatable {
    var a: UInt64
    var b: UInt8
  }

  /// The count and the elements are where ``ArrayStorage`` looks for them, for elements of
  /// several sizes and for arrays that grew (a new buffer) or were emptied.
  @Test func countAndElementsAreWhereTheHintsLook() {
    func check<E>(_ array: inout [E]) {
      let buffer = ArrayStorage.buffer(of: &array)
      #expect(buffer.load(fromByteOffset: ArrayStorage.countOffset, as: Int.self) == array.count)
      array.withUnsafeBufferPointer { b in
        if let base = b.baseAddress {
          #expect(ArrayStorage.element(0, of: &array) == UnsafeRawPointer(base))
          #expect(ArrayStorage.element(b.count - 1, of: &array) == UnsafeRawPointer(base + (b.count - 1)))
        }
        #expect(ArrayStorage.end(of: &array) == ArrayStorage.buffer(of: &array) + ArrayStorage.elementsOffset + b.count * MemoryLayout<E>.stride)
      }
    }
    var bytes: [UInt8] = [1, 2, 3]
    check(&bytes)
    bytes.append(contentsOf: 0..<200)
    check(&bytes)
    var ids: [UInt32] = Array(0..<1000)
    check(&ids)
    var wide = [Wide(a: 1, b: 2), Wide(a: 3, b: 4)]
    check(&wide)
    wide.removeAll()
    check(&wide)
    var empty: [UInt64] = []
    check(&empty)
    #expect(ArrayStorage.buffer(of: &empty).load(fromByteOffset: ArrayStorage.countOffset, as: Int.self) == 0)
  }
}
