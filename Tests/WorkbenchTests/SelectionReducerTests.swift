import ChatModel
import TerminalUI
import Workbench
import XCTest

/// Message selection and the inspector's actions on the selected reply, through `reduce` alone.
final class SelectionReducerTests: XCTestCase {
    func testBracketsMoveTheSelectionAndTheInspectorFollows() {
        var state = AgentScenes.twoTurns()
        _ = reduce(&state, .intent(.focus(.transcript)))
        let newest = state.current.messages[3].id
        XCTAssertEqual(state.inspectedReply?.id, newest, "nothing chosen: the newest reply")
        _ = reduce(&state, .key(.character("[")))
        XCTAssertEqual(state.transcript.selection, state.current.messages[2].id)
        XCTAssertEqual(state.inspectedReply?.id, newest, "a prompt shows the reply to it")
        _ = reduce(&state, .key(.character("[")))
        XCTAssertEqual(state.inspectedReply?.id, state.current.messages[1].id)
        XCTAssertEqual(state.inspectedLog?.recordCount, 6)
        _ = reduce(&state, .key(.character("[")))
        _ = reduce(&state, .key(.character("[")))
        XCTAssertEqual(state.transcript.selection, state.current.messages[0].id, "stops at the first message")
        for _ in 0..<5 { _ = reduce(&state, .key(.character("]"))) }
        XCTAssertNil(state.transcript.selection, "past the newest it follows again")
        XCTAssertEqual(state.inspectedReply?.id, newest)
    }

    func testBracketsTypeInTheComposer() {
        var state = AgentScenes.twoTurns()
        _ = reduce(&state, .intent(.focus(.composer)))
        _ = reduce(&state, .key(.character("[")))
        XCTAssertNil(state.transcript.selection)
        XCTAssertEqual(state.composer.field.text, "[")
    }

    func testAnotherReplyStartsTheInspectorAfresh() {
        var state = AgentScenes.twoTurns()
        _ = reduce(&state, .intent(.focus(.inspector)))
        _ = reduce(&state, .key(.character("4")))
        _ = reduce(&state, .key(.up))
        _ = reduce(&state, .key(.enter))
        XCTAssertTrue(state.inspector.rawExpanded)
        _ = reduce(&state, .key(.character("[")))
        _ = reduce(&state, .key(.character("[")))
        XCTAssertFalse(state.inspector.rawExpanded)
        XCTAssertNil(state.inspector.rawSelection)
        XCTAssertEqual(state.selectedRecordIndex, 5, "the newest record of the earlier reply")
    }

    func testEnterUnfoldsTheSelectedRepliesStepsAndReasoning() {
        var state = AgentScenes.twoTurns()
        _ = reduce(&state, .intent(.focus(.transcript)))
        _ = reduce(&state, .key(.enter))
        XCTAssertEqual(state.notice, "This reply has no reasoning or steps to unfold.")
        _ = reduce(&state, .key(.character("[")))
        _ = reduce(&state, .key(.character("[")))
        let reply = state.current.messages[1].id
        _ = reduce(&state, .key(.enter))
        XCTAssertEqual(state.transcript.unfolded, [reply])
        _ = reduce(&state, .key(.enter))
        XCTAssertEqual(state.transcript.unfolded, [])
    }

    func testRawFilterMatchesTypeAndTextAndFollowsNewRecords() {
        var state = Scenes.empty()
        let id = Scenes.sending("Hello", into: &state)
        _ = reduce(&state, .event(.runRecords(runID: id, Scenes.textRecords(["alpha ", "beta ", "alphabet"]))))
        _ = reduce(&state, .intent(.focus(.inspector)))
        _ = reduce(&state, .key(.character("4")))
        _ = reduce(&state, .key(.character("/")))
        XCTAssertTrue(state.isTyping, "keys type the filter")
        for character in "ALPHA" { _ = reduce(&state, .key(.character(character))) }
        XCTAssertEqual(state.inspector.rawFilter.matches, [0, 2], "case does not matter")
        _ = reduce(&state, .key(.enter))
        XCTAssertEqual(state.selectedRecordIndex, 2)
        _ = reduce(&state, .key(.up))
        XCTAssertEqual(state.selectedRecordIndex, 0, "↑ moves among the matches")
        _ = reduce(&state, .event(.runRecords(runID: id, Scenes.textRecords(["more alpha"], start: 0.5, offset: 300))))
        XCTAssertEqual(state.inspector.rawFilter.matches, [0, 2, 3], "records that arrive are checked once")
        _ = reduce(&state, .key(.character("/")))
        _ = reduce(&state, .key(.tab))
        XCTAssertFalse(state.inspector.isFilteringRaw, "leaving the pane stops typing the filter")
        XCTAssertTrue(state.inspector.rawFilter.isActive, "and keeps it")
        _ = reduce(&state, .key(.backTab))
        _ = reduce(&state, .key(.character("/")))
        _ = reduce(&state, .key(.escape))
        XCTAssertFalse(state.inspector.rawFilter.isActive, "Esc clears the filter")
        XCTAssertEqual(state.selectedRecordIndex, 0)
    }

    func testYCopiesTheSelectedRecordsExactBytes() {
        var state = AgentScenes.twoTurns()
        _ = reduce(&state, .intent(.focus(.inspector)))
        _ = reduce(&state, .key(.character("4")))
        _ = reduce(&state, .key(.up))
        let effects = reduce(&state, .key(.character("y")))
        let expected = state.inspectedRecord(at: 1)!.bytes
        XCTAssertEqual(effects, [.copy(expected)])
        XCTAssertEqual(state.notice, "Copied record #2 (\(expected.count) bytes) to the clipboard.")
    }

    func testCurlCopyPutsTheKeyInAnEnvironmentVariable() throws {
        var state = AgentScenes.twoTurns()
        state.conversations[state.currentIndex].conversation.provider = "dify"
        _ = reduce(&state, .intent(.focus(.inspector)))
        _ = reduce(&state, .key(.character("[")))
        _ = reduce(&state, .key(.character("[")))
        _ = reduce(&state, .key(.character("5")))
        XCTAssertEqual(Keymap.resolve(.character("c"), in: state), .unavailable("No stored request for this reply."))
        _ = reduce(&state, .event(.requestLoaded(runID: AgentScenes.runOne, AgentScenes.request)))
        let effects = reduce(&state, .key(.character("c")))
        guard case .copy(let bytes)? = effects.first else { return XCTFail("no copy: \(effects)") }
        let command = String(decoding: bytes, as: UTF8.self)
        XCTAssertTrue(command.hasPrefix("curl -N -X POST 'https://dify.example.com/v1/chat-messages' \\\n  -H "), command)
        XCTAssertTrue(command.contains(#"-H 'Authorization: Bearer '"$DIFY_KEY""#), command)
        XCTAssertFalse(command.contains("[redacted]"), command)
        XCTAssertTrue(command.contains(#"--data-binary '{"inputs":{},"query":"What time is it in Paris?""#), command)
    }

    func testRequestOfALiveRunIsReadAgainWhenItEnds() {
        var state = Scenes.empty()
        let id = Scenes.sending("Hello", into: &state)
        _ = reduce(&state, .intent(.focus(.inspector)))
        XCTAssertEqual(reduce(&state, .key(.character("5"))), [.loadRequest(runID: id)])
        _ = reduce(&state, .event(.requestLoaded(runID: id, InspectedRequest(runID: id, method: "POST", url: "http://x/"))))
        let effects = reduce(&state, .event(.runEnded(runID: id)))
        XCTAssertEqual(effects, [.loadRequest(runID: id)], "the response head is read once the run is over")
    }

    func testCurlQuotingSurvivesQuotesAndNeverHoldsTheMarker() {
        let request = InspectedRequest(
            runID: "r", method: "POST", url: "https://x.example/v1/chat?api_key=[redacted]",
            headers: [HTTPHeader("X-Api-Key", "[redacted]")], body: Array(#"{"q":"it's"}"#.utf8))
        let command = request.curlCommand(keyVariable: "X_KEY")
        XCTAssertEqual(command, """
            curl -N -X POST 'https://x.example/v1/chat?api_key='"$X_KEY" \\
              -H 'X-Api-Key: '"$X_KEY" \\
              --data-binary '{"q":"it'\\''s"}'
            """)
    }
}
