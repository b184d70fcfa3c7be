import Providers
import XCTest

@testable import Sessions

/// `parley app` on a Dify 0.13 server, whose `/info` has no `mode`: nothing empty is printed for it.
final class DifyAppReportTests: XCTestCase {
    func testAnInfoWithoutModePrintsNoEmptyParenthesesOrField() throws {
        let info = try DifyApp.info(status: 200, body: Array(#"{"name": "Helper", "description": "", "tags": []}"#.utf8))
        let parameters = try DifyApp.parameters(status: 200, body: Array(#"{"opening_statement": "", "user_input_form": []}"#.utf8))
        let report = DifyAppReport(info: info, parameters: parameters, toolIcons: [:])
        XCTAssertEqual(report.text.split(separator: "\n").first, "Helper")
        XCTAssertFalse(report.text.contains("()"), report.text)
        XCTAssertFalse(report.json.contains(#""mode""#), report.json)
    }
}
