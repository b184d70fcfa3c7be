import Foundation
import TestSupport
import XCTest

/// `parley --version` matches CHANGELOG.md: the newest version heading once one is released, and a `-dev`
/// version ahead of every released one while the newest section is "Unreleased".
final class VersionTests: XCTestCase {
    private func headings() throws -> [String] {
        let changelog = try String(
            contentsOf: Fixtures.packageRoot.appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
        return changelog.split(separator: "\n").filter { $0.hasPrefix("## ") }.map { String($0.dropFirst(3)) }
    }

    /// `1.2.3` from a heading such as `[1.2.3] - 2026-12-01` or `1.2.3 - 2026-12-01`.
    private func version(in heading: String) -> String? {
        let word = heading.split(separator: " ").first.map(String.init)?.trimmingCharacters(in: CharacterSet(charactersIn: "[]v"))
        guard let word, word.split(separator: ".").count == 3, word.first?.isNumber == true else { return nil }
        return word
    }

    private func parts(_ version: String) -> [Int] {
        version.split(separator: "-")[0].split(separator: ".").map { Int($0) ?? 0 }
    }

    func testTheVersionMatchesTheNewestChangelogHeading() throws {
        let result = try ParleyBinary.run(["--version"])
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        let printed = result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        let all = try headings()
        let released = all.compactMap(version(in:))
        if all.first == "Unreleased" {
            XCTAssertTrue(printed.hasSuffix("-dev"), "while CHANGELOG's newest section is Unreleased, the version is a -dev one: \(printed)")
            if let newest = released.first {
                XCTAssertTrue(parts(printed).lexicographicallyPrecedes(parts(newest)) == false && parts(printed) != parts(newest),
                    "\(printed) must be ahead of the released \(newest)")
            }
        } else {
            XCTAssertEqual(printed, try XCTUnwrap(released.first, "CHANGELOG.md has no version heading"))
        }
    }
}
