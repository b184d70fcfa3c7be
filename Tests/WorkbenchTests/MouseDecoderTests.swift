import CNcursesw
@testable import CursesTerminal
import TerminalUI
import XCTest

/// What curses reports for the mouse becomes a click or a wheel notch; other buttons and releases are dropped.
final class MouseDecoderTests: XCTestCase {
    func testPressesClicksAndTheWheelAreKept() {
        XCTAssertEqual(MouseDecoder.event(column: 5, row: 2, buttons: parley_button1_pressed()), MouseEvent(.press, column: 5, row: 2))
        XCTAssertEqual(MouseDecoder.event(column: 5, row: 2, buttons: parley_button1_clicked()), MouseEvent(.press, column: 5, row: 2))
        XCTAssertEqual(MouseDecoder.event(column: 0, row: 0, buttons: parley_button4_pressed()), MouseEvent(.wheelUp, column: 0, row: 0))
        XCTAssertEqual(MouseDecoder.event(column: 9, row: 3, buttons: parley_button5_pressed()), MouseEvent(.wheelDown, column: 9, row: 3))
    }

    func testOtherButtonsReleasesAndCellsOffTheScreenAreDropped() {
        XCTAssertNil(MouseDecoder.event(column: 5, row: 2, buttons: 0))
        XCTAssertNil(MouseDecoder.event(column: 5, row: 2, buttons: parley_button1_released()))
        XCTAssertNil(MouseDecoder.event(column: 5, row: 2, buttons: parley_button3_pressed()))
        XCTAssertNil(MouseDecoder.event(column: -1, row: 2, buttons: parley_button1_pressed()))
    }
}
