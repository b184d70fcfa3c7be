import ChatModel
import TerminalUI
import Workbench
import XCTest

/// Files a reply carries (Dify `message_file`, Helix images) show under it in the transcript.
final class AttachmentTests: XCTestCase {
    func testAFileEventShowsAsAnAttachmentLine() {
        var state = Scenes.empty()
        let turn = Scenes.sending("Draw a lighthouse", into: &state)
        let file = Attachment(id: "f1", type: "image", url: "https://files.example/lighthouse.png", belongsTo: "assistant")
        _ = reduce(&state, .event(.runRecords(runID: turn, [
            RawRecord(kind: .event, offset: 0, receivedAt: 0.1, bytes: [], events: [.file(file), .text("Here it is.")]),
        ])))
        let grid = Screen.render(state, size: state.size)
        let lines = (0..<grid.size.rows).map { grid.line($0) }
        XCTAssertTrue(lines.contains { $0.contains("📎 image · https://files.example/lighthouse.png") }, lines.joined(separator: "\n"))
    }
}
