// Pipeline/PipelineOptions.swift - how inputs are read and parsed.

/// Options for reading and parsing (everything before analysis).
public struct PipelineOptions: Sendable {
  /// Format for every input, or `.auto` to detect per input.
  public var format: LogFormat = .auto
  /// Lines longer than this many bytes are rejected and counted, never buffered further.
  public var maxLineLength: Int = 64 * 1024
  /// How far back in time a line may arrive within one stream and still be put in order.
  public var reorderWindowSeconds: Double = 10
  /// Field-level options (forwarded-for, user field).
  public var eventOptions = EventBuildingOptions()
  /// Worker threads: 1 reads, inflates, parses and analyses on the calling thread; 2 or more
  /// inflate each stream ahead on a background thread and read, parse and merge on a producer
  /// thread while the caller analyses. Output is identical either way.
  public var threads: Int = 2
  /// Block sizes for reading and inflating.
  public var readOptions = InputReadOptions()
  /// Checked between chunks: when it asks to stop, reading ends early (see ``RunControl``).
  public var control: RunControl? = nil

  public init() {}
}
