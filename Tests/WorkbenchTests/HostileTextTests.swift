import ChatModel
import TerminalUI
import Workbench
import XCTest

/// Server text on the workbench screen: escapes, C1 controls and bidi overrides are drawn as visible symbols in
/// the transcript and the status bar, never as cells holding controls the terminal would act on.
final class HostileTextTests: XCTestCase {
    func testControlsInAReplyAndANoticeAreDrawnVisibly() {
        var state = Scenes.empty()
        let id = Scenes.sending("hi", into: &state)
        let pieces = ["title\u{1B}]0;pwned\u{07} ", "csi\u{9B}2J ", "file.\u{202E}txt.exe ", "iso\u{2066}x\u{2069}"]
        _ = reduce(&state, .event(.runRecords(runID: id, Scenes.textRecords(pieces))))
        state.notice = "Could not load \u{1B}[2Jthis"
        let screen = Screen.render(state, size: state.size).text
        for visible in ["title␛]0;pwned␇", "csi⟨9B⟩2J", "file.⟨202E⟩txt.exe", "iso⟨2066⟩x⟨2069⟩", "Could not load ␛[2Jthis"] {
            XCTAssertTrue(screen.contains(visible), "\(visible) on screen:\n\(screen)")
        }
        XCTAssertFalse(screen.unicodeScalars.contains { ControlSanitizer.isControl($0) && $0 != "\n" }, screen)
    }
}
