// Evidence/EvidenceDocument.swift - the evidence report as language-resolved sections and blocks.

/// One piece of a section. Every string is plain text (renderers escape it).
public enum EvidenceBlock: Sendable, Equatable {
  /// A paragraph.
  case paragraph(String)
  /// A paragraph set apart (proposal, limitation, warning).
  case note(String)
  /// Label / value pairs.
  case facts([EvidenceFact])
  /// A table with a header row.
  case table(headers: [String], rows: [[String]])
  /// A bulleted list.
  case bullets([String])
  /// An inline SVG chart (HTML only; Markdown shows its title and caption).
  case chart(EvidenceChart)
}

/// A label and its value.
public struct EvidenceFact: Sendable, Equatable {
  public var label: String
  public var value: String
  public init(_ label: String, _ value: String) {
    self.label = label
    self.value = value
  }
}

/// A rendered chart: a title, SVG markup built only from numbers and escaped labels, a caption.
public struct EvidenceChart: Sendable, Equatable {
  public var title: String
  public var svg: String
  public var caption: String
}

/// A titled section (`id` is a stable anchor such as `timeline`).
public struct EvidenceSection: Sendable, Equatable {
  public var id: String
  public var title: String
  public var blocks: [EvidenceBlock]
}

/// The whole evidence report, ready to render as HTML or Markdown.
public struct EvidenceDocument: Sendable, Equatable {
  public var language: ReportLanguage
  public var title: String
  /// `PROJET` / `DRAFT`, or the final status label.
  public var status: String
  public var isDraft: Bool
  public var sections: [EvidenceSection]
  /// The value shown for any missing case-file field (highlighted in HTML).
  public var missingMarker: String
}
