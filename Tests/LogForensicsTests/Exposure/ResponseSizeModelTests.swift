// Exposure/ResponseSizeModelTests.swift - size buckets and the hit/miss split.

import Testing

@testable import LogForensics

@Suite("Response sizes")
struct ResponseSizeModelTests {
  @Test func bucketsAreQuarterOctaves() {
    #expect(ResponseSizeModel.bucket(0) == 0)
    #expect(ResponseSizeModel.bucket(1024) == 40)
    #expect(ResponseSizeModel.bucket(1279) == 40)
    #expect(ResponseSizeModel.bucket(1280) == 41)
    #expect(ResponseSizeModel.lowerBound(ofBucket: 41) == 1280)
    for size: Int64 in [2, 3, 7, 100, 1000, 123_456] {
      let b = ResponseSizeModel.bucket(size)
      #expect(ResponseSizeModel.lowerBound(ofBucket: b) <= size)
      #expect(ResponseSizeModel.lowerBound(ofBucket: b + 1) > size)
    }
  }

  @Test func errorPayloadsAndRecordsSplit() {
    var m = ResponseSizeModel()
    for i in 0..<300 { m.add(size: Int64(180 + i % 30)) }
    for i in 0..<60 { m.add(size: Int64(1900 + i * 10)) }
    let cut = m.hitThresholdBucket()
    #expect(cut != nil)
    if let c = cut {
      let bound = ResponseSizeModel.lowerBound(ofBucket: c)
      #expect(bound > 210 && bound <= 1900)
      #expect(abs(m.meanHitSize(threshold: c) - 2195) < 1)
    }
  }

  @Test func unimodalSizesDoNotSplit() {
    var m = ResponseSizeModel()
    for i in 0..<500 { m.add(size: Int64(1200 + (i * 37) % 1400)) }
    #expect(m.hitThresholdBucket() == nil)
  }
}
