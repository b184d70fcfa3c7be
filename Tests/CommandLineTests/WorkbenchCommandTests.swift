import TestSupport
import XCTest

/// `parley` without a subcommand, when there is no terminal to draw on.
final class WorkbenchCommandTests: XCTestCase {
    func testWithoutATerminalItSaysWhatToUseInstead() throws {
        let result = try ParleyBinary.run([])
        XCTAssertEqual(result.exitCode, 64)
        XCTAssertTrue(result.standardError.contains("The workbench needs a terminal"), result.standardError)
        XCTAssertTrue(result.standardError.contains("parley send"), result.standardError)
    }
}
