// LogForensicsFuzz/main.swift - libFuzzer driver; `FUZZ_TARGET` picks one of the library's targets.

import CFuzzerDriver
import LogForensics

#if canImport(Glibc)
  import Glibc
#endif

/// The target chosen by `FUZZ_TARGET` (`list` prints the names).
enum Harness {
  static let name = getenv("FUZZ_TARGET").map { String(cString: $0) } ?? ""
  static let target = FuzzEntryPoints.target(named: name)
}

if Harness.name == "list" {
  for n in FuzzEntryPoints.targetNames { print(n) }
  exit(0)
}
guard Harness.target != nil else {
  print("set FUZZ_TARGET to one of: \(FuzzEntryPoints.targetNames.joined(separator: " "))")
  exit(2)
}
/// libFuzzer's per-input callback (also the symbol its runtime expects to find).
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  Harness.target?.run(UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size))
  return 0
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzerTestOneInput))
