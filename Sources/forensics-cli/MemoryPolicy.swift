// forensics-cli/MemoryPolicy.swift - the C allocator's settings for a long streaming run.

#if os(Linux) && canImport(Glibc)
/// glibc's `mallopt(3)` (declared in `<malloc.h>`, which the Glibc module does not export).
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
/// `M_MMAP_THRESHOLD` of `<malloc.h>`.
private let glibcMmapThreshold: Int32 = -3
#endif

/// Settings of glibc's allocator that keep the resident memory of a run close to what it
/// holds (issue #5: a dump of 200 000 actors must stay under 300 MiB).
///
/// Blocks of 1 MiB and more (the tables and arrays that grow by doubling: symbols, actor
/// index, actor list, unions at the end of a run) are mapped and unmapped on their own. By
/// default glibc raises that threshold each time such a block is freed (up to 32 MiB), and
/// from then on the next, larger copies come from the heap, where the freed ones leave holes
/// that the heap never returns: on a 15-million-id, 200 000-actor dump that cost about 7 MB
/// of peak RSS. Chunk buffers and event batches (a few hundred kilobytes, recycled by the
/// allocator at a high rate) stay below the threshold, so no time goes to mapping them (a
/// 128 KiB threshold saved 4 MB more but cost 0.9 s of system time per gigabyte of logs).
/// No effect with other C libraries.
enum MemoryPolicy {
  static func apply() {
    #if os(Linux) && canImport(Glibc)
    _ = glibcMallopt(glibcMmapThreshold, 1 << 20)
    #endif
  }
}
