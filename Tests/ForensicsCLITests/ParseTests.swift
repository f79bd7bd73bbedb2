import Testing
@testable import forensics_cli

@Suite struct ParseTests {
  @Test func root() throws { _ = try Forensics.parseAsRoot([]) }
}
