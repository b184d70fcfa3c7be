import CNcursesw
import TerminalUI

/// Turns what `getmouse` reports into a `MouseEvent`: a left-button press or click, or a wheel notch.
///
/// Curses reports the wheel as presses of buttons 4 and 5; other buttons and releases are not acted on.
enum MouseDecoder {
    static func event(column: Int32, row: Int32, buttons: mmask_t) -> MouseEvent? {
        let action: MouseEvent.Action
        if buttons & parley_button4_pressed() != 0 {
            action = .wheelUp
        } else if buttons & parley_button5_pressed() != 0 {
            action = .wheelDown
        } else if buttons & (parley_button1_pressed() | parley_button1_clicked()) != 0 {
            action = .press
        } else {
            return nil
        }
        guard column >= 0, row >= 0 else { return nil }
        return MouseEvent(action, column: Int(column), row: Int(row))
    }
}
