import TerminalUI
import TestSupport
import XCTest

/// Theme files: the shipped ones load, and a bad line says where and why.
final class ThemeTests: XCTestCase {
    func testShippedThemesParseAndDefaultMatchesTheBuiltIn() throws {
        let folder = Fixtures.packageRoot.appendingPathComponent("themes")
        let standard = try String(contentsOf: folder.appendingPathComponent("default.theme"), encoding: .utf8)
        XCTAssertEqual(try Theme.parse(standard, name: "default"), Theme.standard)
        let light = try Theme.parse(String(contentsOf: folder.appendingPathComponent("light.theme"), encoding: .utf8), name: "light")
        XCTAssertNotEqual(light.style("selection"), Theme.standard.style("selection"))
        for role in Theme.roles { XCTAssertNotNil(light.styles[role], "light.theme sets \(role)") }
    }

    func testStylesAreReadWithAttributesAndParentFallback() throws {
        let theme = try Theme.parse("border = bright-black default -\nerror = red color236 bold underline\n", name: "t")
        XCTAssertEqual(theme.style("error"), Style(foreground: .red, background: .indexed(236), attributes: [.bold, .underline]))
        XCTAssertEqual(theme.style("border.focused"), theme.style("border"), "a sub-role falls back to its parent")
        XCTAssertEqual(theme.style("title"), .plain)
    }

    func testBadLinesAreReportedWithLineAndReason() {
        let cases: [(String, Int, String)] = [
            ("# ok\nborder red", 2, "expected `role = foreground background attributes`"),
            ("bordr = red default", 1, "unknown role `bordr`"),
            ("\nborder = crimson default", 2, "unknown colour `crimson`"),
            ("border = red", 1, "needs a foreground and a background colour"),
            ("border = red default blink", 1, "unknown attribute `blink`"),
        ]
        for (text, line, reason) in cases {
            XCTAssertThrowsError(try Theme.parse(text, name: "bad")) { error in
                let themeError = error as? ThemeError
                XCTAssertEqual(themeError?.line, line, text)
                XCTAssertEqual(themeError?.reason, reason, text)
            }
        }
    }
}
