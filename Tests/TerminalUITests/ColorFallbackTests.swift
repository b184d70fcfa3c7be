import TerminalUI
import TestSupport
import XCTest

/// Colours on terminals with fewer of them, and without colour at all (`NO_COLOR`), and the shipped
/// high-contrast theme.
final class ColorFallbackTests: XCTestCase {
    private func resolve(_ color: Color, _ available: Int, foreground: Bool = true) -> (Color, Attributes) {
        let resolved = ColorFallback.resolve(color, available: available, foreground: foreground)
        return (resolved.color, resolved.adding)
    }

    func testA256ColourTerminalDrawsEveryColourAsItIs() {
        for index in [0, 8, 14, 16, 208, 244, 255] as [UInt8] {
            XCTAssertEqual(resolve(.indexed(index), 256).0, .indexed(index))
        }
        XCTAssertEqual(resolve(.default, 8).0, .default)
    }

    func testSixteenColoursTakeTheNearestNamedColour() {
        XCTAssertEqual(resolve(.indexed(196), 16).0, .indexed(9), "pure red is bright red")
        XCTAssertEqual(resolve(.indexed(208), 16).0, .indexed(3), "orange is nearest yellow")
        XCTAssertEqual(resolve(.indexed(21), 16).0, .indexed(4), "pure blue")
        XCTAssertEqual(resolve(.indexed(244), 16).0, .indexed(8), "a middle grey is bright black")
        XCTAssertEqual(resolve(.indexed(234), 16).0, .indexed(0), "a near-black grey is black")
        XCTAssertEqual(resolve(.indexed(231), 16).0, .indexed(15), "white is bright white")
        XCTAssertEqual(resolve(.indexed(12), 16).0, .indexed(12), "the 16 stay as they are")
    }

    func testEightColoursDrawBrightForegroundsBoldAndGreyDim() {
        XCTAssertTrue(resolve(.indexed(14), 8) == (.indexed(6), .bold), "bright cyan is bold cyan")
        XCTAssertTrue(resolve(.indexed(14), 8, foreground: false) == (.indexed(6), []), "a background is not made bold")
        XCTAssertTrue(resolve(.indexed(8), 8) == (.default, .dim), "grey text is dim text, readable on any background")
        XCTAssertTrue(resolve(.indexed(196), 8) == (.indexed(1), .bold), "pure red is bold red")
        XCTAssertTrue(resolve(.indexed(3), 8) == (.indexed(3), []))
    }

    func testWithoutColoursKeepsAttributesAndShowsSelectionByReverse() throws {
        for name in ["default", "light", "high-contrast"] {
            let theme = try shipped(name).withoutColors()
            for role in Theme.roles {
                let style = theme.style(role)
                XCTAssertEqual(style.foreground, .default, "\(name) \(role)")
                XCTAssertEqual(style.background, .default, "\(name) \(role)")
            }
            for role in ["selection", "status", "tab.active", "marker"] {
                XCTAssertTrue(theme.style(role).attributes.contains(.reverse), "\(name): \(role) stands out without colour")
            }
            XCTAssertNotEqual(theme.style("selection"), theme.style("text"), name)
            XCTAssertTrue(theme.style("error").attributes.contains(.bold), name)
        }
        let standard = Theme.standard.withoutColors()
        XCTAssertEqual(standard.style("dim"), Style(attributes: .dim), "grey text recedes by dimming")
        XCTAssertEqual(standard.style("md.link"), Style(attributes: .underline))
    }

    func testNoColorIsAnyNonEmptyValue() {
        XCTAssertTrue(Theme.noColorRequested(["NO_COLOR": "1"]))
        XCTAssertTrue(Theme.noColorRequested(["NO_COLOR": "no"]))
        XCTAssertFalse(Theme.noColorRequested(["NO_COLOR": ""]))
        XCTAssertFalse(Theme.noColorRequested([:]))
    }

    func testHighContrastThemeSetsEveryRoleOnBlack() throws {
        let theme = try shipped("high-contrast")
        for role in Theme.roles {
            let style = try XCTUnwrap(theme.styles[role], "high-contrast.theme sets \(role)")
            XCTAssertNotEqual(style.foreground, .default, "\(role) names its foreground")
            XCTAssertNotEqual(style.background, .default, "\(role) names its background, whatever the terminal's")
            XCTAssertNotEqual(style.foreground, style.background, role)
            XCTAssertNotEqual(style.foreground, .indexed(8), "\(role): no grey text")
        }
        XCTAssertNotEqual(theme.style("selection"), theme.style("text"))
        XCTAssertNotEqual(theme.style("border.focused"), theme.style("border"))
    }

    private func shipped(_ name: String) throws -> Theme {
        let url = Fixtures.packageRoot.appendingPathComponent("themes/\(name).theme")
        return try Theme.parse(String(contentsOf: url, encoding: .utf8), name: name)
    }
}
