import Foundation
import TerminalUI
import TestSupport
import XCTest

/// Compares a rendered grid's text with a committed file, `Tests/WorkbenchTests/Snapshots/<name>.txt`.
///
/// Set `PARLEY_RECORD_SNAPSHOTS=1` to write the files anew; a failure shows a line diff.
func assertSnapshot(_ grid: Grid, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    assertSnapshotFile(grid.text + "\n", named: "\(name).txt", file: file, line: line)
}

/// Compares a rendered grid's text and styles with `Snapshots/<name>.styles.txt`, for scenes whose colours
/// carry meaning (see `StyleSnapshot`).
func assertStyledSnapshot(
    _ grid: Grid, named name: String, theme: Theme = .standard, file: StaticString = #filePath, line: UInt = #line
) {
    assertSnapshotFile(StyleSnapshot(theme: theme).text(of: grid), named: "\(name).styles.txt", file: file, line: line)
}

/// Compares `actual` with the committed snapshot file `name`, or records it.
private func assertSnapshotFile(_ actual: String, named name: String, file: StaticString, line: UInt) {
    let url = Fixtures.packageRoot.appendingPathComponent("Tests/WorkbenchTests/Snapshots/\(name)")
    let record = ProcessInfo.processInfo.environment["PARLEY_RECORD_SNAPSHOTS"] == "1"
    guard !record, let expected = try? String(contentsOf: url, encoding: .utf8) else {
        do {
            try actual.write(to: url, atomically: true, encoding: .utf8)
        } catch {
            XCTFail("Could not write snapshot \(url.path): \(error)", file: file, line: line)
            return
        }
        if !record { XCTFail("Recorded a new snapshot \(name); check it and run again.", file: file, line: line) }
        return
    }
    guard expected != actual else { return }
    XCTFail("Snapshot \(name) differs (PARLEY_RECORD_SNAPSHOTS=1 re-records):\n" + lineDiff(expected, actual),
            file: file, line: line)
}

/// The lines that differ, as `-expected` / `+actual` pairs with their line numbers.
func lineDiff(_ expected: String, _ actual: String) -> String {
    let old = expected.components(separatedBy: "\n")
    let new = actual.components(separatedBy: "\n")
    var out: [String] = []
    for i in 0..<max(old.count, new.count) {
        let a = i < old.count ? old[i] : nil
        let b = i < new.count ? new[i] : nil
        guard a != b else { continue }
        if let a { out.append("\(i + 1) -|\(a)") }
        if let b { out.append("\(i + 1) +|\(b)") }
    }
    return out.joined(separator: "\n")
}
