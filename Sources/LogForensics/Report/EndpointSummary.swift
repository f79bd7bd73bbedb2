// Report/EndpointSummary.swift - per patient endpoint template: kind, requests, distinct ids.

/// One patient endpoint template seen in the logs.
public struct EndpointSummary: Codable, Sendable, Equatable {
  public var template: String
  /// `record` or `list`.
  public var kind: String
  public var requests: Int
  public var distinctIds: Int
  /// Response size separating misses from hits, when a two-cluster split was found.
  public var missSizeThreshold: Int?
}
