// Report/JSONReportWriter.swift - deterministic JSON encoding and atomic writing of reports.

import Foundation

/// Encodes reports deterministically (sorted keys, fixed formatting) and writes them
/// atomically (temporary file in the same directory, then rename), so an interrupted run
/// never leaves a half-written report behind.
///
/// The long arrays (inputs, findings, sessions, timeline) are encoded one element at a time
/// and spliced into the encoding of the rest of the report: the bytes are exactly those of
/// Foundation's `JSONEncoder` on the whole report (a test compares them), but memory holds
/// one block of elements at a time instead of the whole document's tree (a breach-scale
/// report lists hundreds of thousands of sessions). Sessions write their own bytes
/// (``JSONBytesEncodable``) instead of going through `JSONEncoder`'s value tree.
public enum JSONReportWriter {
  static func makeEncoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return encoder
  }

  /// The encoded report, ending with a newline.
  public static func encode(_ report: Report, threads: Int = 1) throws -> Data {
    var out = Data()
    try encode(report, threads: threads) { out.append($0) }
    return out
  }

  /// Elements of a long array encoded per block, when two threads share the work.
  static let parallelBlock = 256

  /// Hands the encoded report (ending with a newline) to `emit` in pieces, in order.
  ///
  /// With `threads` > 1, a long array's elements are encoded a block at a time on two
  /// threads, and the blocks handed over in order: the bytes are the same (each element's
  /// encoding depends on that element only).
  public static func encode(_ report: Report, threads: Int = 1, to emit: (Data) throws -> Void) throws {
    try encode(report, threads: threads, block: parallelBlock, to: emit)
  }

  /// ``encode(_:threads:to:)`` with blocks of `block` elements (tests use small ones).
  static func encode(_ report: Report, threads: Int, block: Int, to emit: (Data) throws -> Void) throws {
    let encoder = makeEncoder()
    var skeleton = report
    skeleton.inputs = []
    skeleton.findings = []
    skeleton.sessions = []
    skeleton.timeline = []
    let text = try encoder.encode(skeleton)
    // Each long array is a top-level key (two spaces of indentation, the only keys at that
    // depth) whose empty value Foundation prints as "[", an empty line, "  ]".
    typealias Writer = ((Data) throws -> Void) throws -> Void
    var arrays: [(marker: Data, write: Writer)] = []
    func splice<C: RandomAccessCollection>(_ key: String, _ elements: C) where C.Element: Encodable, C.Index == Int {
      guard !elements.isEmpty else { return }
      arrays.append((Data("\n  \"\(key)\" : [\n\n  ]".utf8), { out in
        if threads > 1 && elements.count >= 2 * block {
          try encodeInBlocks(elements, block: block, out)
        } else {
          for start in stride(from: 0, to: elements.count, by: block) {
            try out(encodeBlock(elements, start..<min(start + block, elements.count), encoder))
          }
        }
      }))
    }
    splice("inputs", report.inputs)
    splice("findings", report.findings)
    splice("sessions", report.sessions)
    splice("timeline", report.timeline)
    var located: [(range: Range<Data.Index>, write: Writer)] = []
    for a in arrays {
      guard let r = text.range(of: a.marker) else {
        throw EncodingError.invalidValue(report, .init(codingPath: [], debugDescription: "report layout changed: no empty array for a long key"))
      }
      located.append((r, a.write))
    }
    located.sort { $0.range.lowerBound < $1.range.lowerBound }
    var at = text.startIndex
    for l in located {
      // Up to and including "[\n" (the marker's first two lines), then the elements, then "\n  ]".
      let open = text.index(l.range.upperBound, offsetBy: -4)  // keep "[\n", drop "\n  ]"
      try emit(text.subdata(in: at..<open))
      try l.write(emit)
      try emit(Data("\n  ]".utf8))
      at = l.range.upperBound
    }
    var tail = text.subdata(in: at..<text.endIndex)
    tail.append(0x0A)
    try emit(tail)
  }

  /// Encodes `elements` in blocks of `b`, two at a time: the second on another thread while
  /// this one encodes the first; hands them to `emit` in order.
  private static func encodeInBlocks<C: RandomAccessCollection>(_ elements: C, block b: Int, _ emit: (Data) throws -> Void) throws
  where C.Element: Encodable, C.Index == Int {
    let n = elements.count
    let here = makeEncoder()
    for start in stride(from: 0, to: n, by: 2 * b) {
      let second = min(start + b, n)..<min(start + 2 * b, n)
      let job = second.isEmpty ? nil : BackgroundJob { Result { try encodeBlock(elements, second, makeEncoder()) } }
      try emit(encodeBlock(elements, start..<min(start + b, n), here))
      if let job { try emit(job.result().get()) }
    }
  }

  /// The elements at offsets `range` of a long array, each at depth 2 after ",\n" (but for
  /// the array's first).
  static func encodeBlock<C: RandomAccessCollection>(_ elements: C, _ range: Range<Int>, _ encoder: JSONEncoder) throws -> Data
  where C.Element: Encodable, C.Index == Int {
    var out = JSONBytes(capacity: 1024 * range.count)
    for i in range {
      if i > 0 {
        out.byte(0x2C)
        out.byte(0x0A)
      }
      try appendElement(elements[elements.startIndex + i], encoder, to: &out)
    }
    return Data(out.bytes)
  }

  /// An element of a long array at depth 2: written by the element itself when it can
  /// (``JSONBytesEncodable``), else encoded by `encoder` and re-indented.
  static func appendElement<T: Encodable>(_ element: T, _ encoder: JSONEncoder, to out: inout JSONBytes) throws {
    if let own = element as? any JSONBytesEncodable {
      let mark = out.bytes.count
      do {
        out.indent(2)
        try own.writeJSON(to: &out, depth: 2)
        return
      } catch is JSONBytes.NonFiniteNumber {
        out.bytes.removeSubrange(mark...)  // JSONEncoder's own error follows
      }
    }
    out.bytes.append(contentsOf: indented(try encoder.encode(element), first: true))
  }

  /// An element's own encoding nested at depth 2 ("    "), after ",\n" unless `first`;
  /// empty lines stay empty, as Foundation prints them.
  static func indented(_ data: Data, first: Bool) -> Data {
    var out: [UInt8] = []
    out.reserveCapacity(data.count + data.count / 4 + 8)
    if !first { out.append(contentsOf: [0x2C, 0x0A]) }
    data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
      var lineStart = 0
      while lineStart < raw.count {
        var end = lineStart
        while end < raw.count && raw[end] != 0x0A { end += 1 }
        if end > lineStart { out.append(contentsOf: [0x20, 0x20, 0x20, 0x20]) }
        out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[lineStart..<min(end + 1, raw.count)]))
        lineStart = end + 1
      }
    }
    return Data(out)
  }

  /// Decodes a report written by ``encode(_:)``.
  public static func decode(_ data: Data) throws -> Report {
    try JSONDecoder().decode(Report.self, from: data)
  }

  /// Writes `report` to `path` (`-` for standard output), piece by piece.
  public static func write(_ report: Report, to path: String, threads: Int = 1) throws {
    try OutputFile.write(to: path) { emit in try encode(report, threads: threads, to: emit) }
  }
}
