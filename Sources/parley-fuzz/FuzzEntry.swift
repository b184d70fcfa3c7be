import Foundation

/// The target this process fuzzes, chosen once from `PARLEY_FUZZ_TARGET` (see `FuzzTarget`).
let selectedTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["PARLEY_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let known = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("parley-fuzz: set PARLEY_FUZZ_TARGET to one of: \(known) (got \"\(name)\")\n".utf8))
        exit(2)
    }
    return target
}()

/// libFuzzer's entry point: one input to the selected target. A crash, a trap or an ASan report is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
    selectedTarget.run(bytes)
    return 0
}
