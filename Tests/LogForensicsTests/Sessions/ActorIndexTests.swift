import Testing

@testable import LogForensics

@Suite struct ActorIndexTests {
  private func sym(_ n: UInt32) -> Symbol { Symbol(rawValue: n) }

  @Test func keysOfEachKindStayApart() {
    var index = ActorIndex()
    let keys: [ActorKey] = [
      .user(sym(5)), .credential(sym(5)), .client(ip: sym(5), userAgent: sym(0)), .client(ip: sym(0), userAgent: sym(5)),
      .client(ip: .none, userAgent: .none), .user(.none),
    ]
    for (i, k) in keys.enumerated() { index.set(k, i) }
    #expect(index.count == keys.count)
    for (i, k) in keys.enumerated() { #expect(index[k] == i) }
    #expect(index[.user(sym(6))] == nil)
    index.set(.user(sym(5)), 99)
    #expect(index[.user(sym(5))] == 99)
    #expect(index.count == keys.count)
  }

  /// Random inserts, overwrites and removals (with growth and backward-shift deletion over
  /// long probe runs) give the same answers as a dictionary.
  @Test func matchesADictionary() {
    var rng = SeededRNG(seed: 11)
    var index = ActorIndex()
    var expected: [ActorKey: Int] = [:]
    func randomKey() -> ActorKey {
      let a = UInt32(rng.next() % 3_000), b = UInt32(rng.next() % 4)
      switch rng.next() % 3 {
      case 0: return .user(sym(a))
      case 1: return .credential(sym(a))
      default: return .client(ip: sym(a), userAgent: sym(b))
      }
    }
    for step in 0..<60_000 {
      let k = randomKey()
      if rng.next() % 4 == 0 {
        index.remove(k)
        expected[k] = nil
      } else {
        index.set(k, step)
        expected[k] = step
      }
      if step % 997 == 0 {
        for (key, value) in expected { #expect(index[key] == value) }
      }
    }
    #expect(index.count == expected.count)
    for (key, value) in expected { #expect(index[key] == value) }
    for _ in 0..<2_000 {
      let k = randomKey()
      #expect(index[k] == expected[k])
    }
  }

  @Test func liveActorsComeOutInIncreasingOrder() {
    var live = PositionSet()
    for i in [700, 3, 64, 63, 0, 129, 4_096] { live.insert(i) }
    live.remove(63)
    live.remove(5_000)  // beyond the set: nothing
    #expect(live.sorted() == [0, 3, 64, 129, 700, 4_096])
    #expect(live.contains(64) && !live.contains(63))
    #expect(live.count == 6)
    live.insert(64)  // already there: counted once
    live.formUnion([1, 3, 5_000])
    #expect(live.count == 8 && live.sorted() == [0, 1, 3, 64, 129, 700, 4_096, 5_000])
  }
}
