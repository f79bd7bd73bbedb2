import Testing

@testable import LogForensics

private func with<R>(_ s: [UInt8], _ f: (UnsafeRawBufferPointer) -> R) -> R { s.withUnsafeBytes(f) }

/// Builds one event from `line` (a request line), with strings or with target bytes.
private func event(_ line: [UInt8], asBytes: Bool, pool: RequestTargetPool = RequestTargetPool()) -> LogEvent {
  var options = EventBuildingOptions()
  options.targetAsBytes = asBytes
  var b = EventBuilder(symbols: SymbolTable(), redactor: CredentialRedactor(), options: options, targetPool: pool)
  b.reset(inputIndex: 0, lineNumber: 1)
  _ = with(line) { b.setRequestLine($0) }
  b.finish()
  return b.event
}

@Suite struct RequestTargetBytesTests {
  @Test func pathAndQueryAreKeptIndependently() {
    let t = RequestTargetBytes(capacity: 4)
    with(Array("/a/b".utf8)) { t.setPath($0) }
    #expect(t.query == nil)
    with(Array("x=1&y=2".utf8)) { t.setQuery($0) }
    with(Array("/longer/path/than/capacity".utf8)) { t.setPath($0) }  // a path set after the query
    #expect(Array(t.path) == Array("/longer/path/than/capacity".utf8))
    #expect(t.query.map { Array($0) } == Array("x=1&y=2".utf8))
    with([]) { t.setQuery($0) }
    #expect(t.hasQuery && t.query?.count == 0)
    t.clearQuery()
    #expect(t.query == nil)
    t.reset()
    #expect(t.path.count == 0 && t.query == nil)
  }

  @Test func poolReusesStorageButNotHugeOnes() {
    let pool = RequestTargetPool()
    let a = pool.take()
    pool.recycle(a)
    #expect(pool.freeCount == 1)
    let b = pool.take()
    #expect(b === a && pool.freeCount == 0)
    with([UInt8](repeating: 0x61, count: RequestTargetPool.largestKept + 1)) { b.setPath($0) }
    pool.recycle(b)
    #expect(pool.freeCount == 0)
  }

  /// The pool notes where each free entry is (to fetch the next ones ahead of a take): the
  /// notes must stay those of the free entries through takes, gives back and grown storage.
  @Test func poolNotesFollowFreeEntries() {
    let pool = RequestTargetPool()
    var held: [RequestTargetBytes] = []
    var mismatches = 0
    for round in 0..<6 {
      for _ in 0..<(40 + round * 7) { held.append(pool.take()) }
      if !pool.freeNotesMatch { mismatches += 1 }
      // Some grow their storage before they go back (a long path), one is too large to keep.
      for (i, t) in held.enumerated() where i % 5 == 0 {
        with([UInt8](repeating: 0x61, count: i % 10 == 0 ? 300 : RequestTargetPool.largestKept + 1)) { t.setPath($0) }
      }
      while let t = held.popLast() {
        pool.recycle(t)
        if !pool.freeNotesMatch { mismatches += 1 }
      }
    }
    #expect(mismatches == 0)
    #expect(pool.freeCount > 0)
  }

  /// The bytes are those of the strings the builder would have made: escapes of invalid UTF-8,
  /// redacted credentials, absolute URLs, no query or an empty one.
  @Test(arguments: [
    "GET /api/v1/patients/118000?fields=name HTTP/1.1", "GET /plain HTTP/1.1", "GET /p?token=s3cret&a=1 HTTP/1.1",
    "GET /caf\u{e9}?q=\u{e9}t\u{e9} HTTP/1.1", "GET https://example.com HTTP/1.1", "GET https://example.com/x?y=1 HTTP/1.1",
    "GET /x? HTTP/1.1", "GET /x?- HTTP/1.1", "GET /a b c HTTP/1.1", "- ", "GET /x?session=1&keyword=2 HTTP/1.1",
  ])
  func bytesEqualTheStrings(line: String) {
    for bytes in [Array(line.utf8), Array(line.utf8).map { $0 == 0xC3 ? 0xFF : $0 }] {
      let strings = event(bytes, asBytes: false)
      let pool = RequestTargetPool()
      let kept = event(bytes, asBytes: true, pool: pool)
      #expect(kept.path == "" && kept.query == nil)
      #expect(kept.credential == strings.credential && kept.flags == strings.flags)
      let path = kept.target.map { String(decoding: $0.path, as: UTF8.self) } ?? ""
      let query = kept.target?.query.map { String(decoding: $0, as: UTF8.self) }
      #expect(path == strings.path, "\(line)")
      #expect(query == strings.query, "\(line)")
    }
  }
}
