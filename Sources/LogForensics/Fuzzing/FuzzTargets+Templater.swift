// Fuzzing/FuzzTargets+Templater.swift - fuzz target for the endpoint templater.

extension FuzzEntryPoints {
  /// `templater`: the first line holds `--patient-endpoint` patterns separated by spaces, each
  /// other line one request target (`path?query`). Every target is templated twice, by a
  /// templater with the patterns and by the zero-config one; a second call must give the same
  /// result (the word cache must not change answers).
  static func fuzzTemplater(_ data: UnsafeRawBufferPointer) {
    var lines = naiveLines(data, limit: maxLines + 1)
    guard !lines.isEmpty else { return }
    let patterns = lines.removeFirst().split(separator: .space).map { String(decoding: $0, as: UTF8.self) }
    let templaters = [EndpointTemplater(patientEndpoints: patterns), EndpointTemplater()]
    for line in lines {
      let q = line.firstIndex(of: .question)
      let path = String(decoding: line[..<(q ?? line.count)], as: UTF8.self)
      let query = q.map { String(decoding: line[($0 + 1)...], as: UTF8.self) }
      for templater in templaters {
        let first = templater.template(path: path, query: query)
        precondition(!first.template.isEmpty, "empty template for \(path)")
        precondition(first.recordID == nil || first.recordShape != nil, "record id without shape")
        let again = templater.template(path: path, query: query)
        precondition(again == first, "templating \(path) twice differs")
      }
    }
  }
}
