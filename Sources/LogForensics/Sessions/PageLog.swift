// Sessions/PageLog.swift - the successful pages an actor fetched from one list endpoint.

/// One list/search page fetched by an actor.
struct PageFetch: Sendable, Equatable {
  /// Offset of the page's first record, or -1 for a page addressed by a cursor only.
  var offset: Int32
  var pageSize: Int32
  var bytes: Int64
}

/// The successful pages of one actor on one list endpoint, each distinct page kept once.
///
/// A page at the same offset with the same page size lists the same records, so it is kept
/// once with the largest answer seen (the most records it can have listed): polling page 1
/// all day costs one entry, and the memory grows with the distinct pages, not with the
/// requests. Cursor pages (no offset) follow each other and are all kept, in order. At most
/// ``limit`` pages are kept; counts and byte totals cover every page.
final class PageLog {
  /// Distinct offset pages and every cursor page, in order of first sight.
  private(set) var pages: [PageFetch] = []
  /// Position in ``pages`` of each (offset, page size).
  private var positions: [UInt64: Int32] = [:]
  /// Successful pages, repeats included.
  private(set) var count = 0
  /// Bytes of all successful pages (saturates: sizes come from the logs).
  private(set) var bytes: Int64 = 0
  private(set) var maxPageSize = 0
  private(set) var distinctOffsets = RoaringBitmap()
  /// Successful pages addressed by a cursor only (no offset).
  private(set) var cursorPages = 0
  /// Most pages kept.
  static let limit = 1_000_000

  /// Notes one successful page.
  func add(offset: Int?, cursor: Bool, pageSize: Int, bytes b: Int64) {
    count += 1
    let (sum, overflow) = bytes.addingReportingOverflow(max(0, b))
    bytes = overflow ? Int64.max : sum
    maxPageSize = max(maxPageSize, pageSize)
    if offset == nil && cursor {
      cursorPages += 1
      keep(PageFetch(offset: -1, pageSize: Int32(clamping: pageSize), bytes: b))
      return
    }
    let o = offset ?? 0
    distinctOffsets.insert(UInt32(clamping: o))
    keep(PageFetch(offset: Int32(clamping: o), pageSize: Int32(clamping: pageSize), bytes: b))
  }

  /// Keeps `p` unless the same offset page is kept already (then only its largest answer).
  private func keep(_ p: PageFetch) {
    if p.offset >= 0 {
      let k = UInt64(UInt32(bitPattern: p.offset)) << 32 | UInt64(UInt32(bitPattern: p.pageSize))
      if let i = positions[k] {
        if p.bytes > pages[Int(i)].bytes { pages[Int(i)].bytes = p.bytes }
        return
      }
      guard pages.count < PageLog.limit else { return }
      positions[k] = Int32(pages.count)
    } else if pages.count >= PageLog.limit {
      return
    }
    pages.append(p)
  }

  /// Adds every page of `o` (the pages of a finding's several tracks).
  func absorb(_ o: PageLog) {
    count += o.count
    let (sum, overflow) = bytes.addingReportingOverflow(o.bytes)
    bytes = overflow ? Int64.max : sum
    maxPageSize = max(maxPageSize, o.maxPageSize)
    distinctOffsets.formUnion(o.distinctOffsets)
    cursorPages += o.cursorPages
    for p in o.pages { keep(p) }
  }
}
