import Testing

@testable import LogForensics

@Suite struct SymbolTableTests {
  @Test func internsEqualBytesOnceAndKeepsStrings() {
    let t = SymbolTable()
    var ids: [Symbol] = []
    for i in 0..<5000 { ids.append(t.intern("value-\(i % 1500)")) }
    #expect(t.count == 1500)
    #expect(ids[0] == ids[1500])
    #expect(t.string(ids[7]) == "value-7")
    #expect(t.intern("") == .none)
    #expect(t.lookup("value-3") == ids[3])
    #expect(t.lookup("absent") == nil)
  }

  @Test func invalidUTF8IsShownAsHexEscapes() {
    let t = SymbolTable()
    let s = [UInt8]([0x41, 0xB0, 0xA1, 0x42, 0xE2, 0x82, 0xAC]).withUnsafeBytes { t.intern($0) }
    #expect(t.string(s) == "A\\xB0\\xA1B€")
  }
}
