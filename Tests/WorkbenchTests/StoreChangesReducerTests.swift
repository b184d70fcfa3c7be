import ChatModel
import TerminalUI
import Workbench
import XCTest

/// What another process writes to the store (a turn through `parley proxy`) reaches the open workbench.
final class StoreChangesReducerTests: XCTestCase {
    private func conversation(_ id: String, _ title: String, updated: Double) -> Conversation {
        Conversation(
            id: id, title: title, provider: "dify", createdAt: .init(timeIntervalSince1970: 0),
            updatedAt: .init(timeIntervalSince1970: updated))
    }

    func testConversationsAnotherProcessStartedJoinTheListWhenItIsReadAgain() {
        var state = AppState(endpoint: "e", stored: [conversation("s1", "Old", updated: 1)])
        let effects = reduce(&state, .event(.storeChanged([
            conversation("p1", "Through the proxy", updated: 5), conversation("s1", "Old, renamed", updated: 1),
        ])))
        XCTAssertEqual(effects, [.loadConversationPage(first: 0, limit: 200, excluding: [], generation: 1, counting: true)],
                       "nothing on screen changed, so only the list is read again")
        XCTAssertEqual(state.conversations[1].conversation.title, "Old, renamed", "an open conversation takes its new title")
        _ = reduce(&state, .event(.conversationPage(first: 0, rows: [
            ConversationSummary(conversation: conversation("p1", "Through the proxy", updated: 5), status: .streaming),
            ConversationSummary(conversation: conversation("s1", "Old, renamed", updated: 1)),
        ], total: 2, generation: 1)))
        XCTAssertTrue(Screen.render(state, size: state.size).text.contains("●Through the"), "it is listed, marked streaming")
        let same = [conversation("p1", "Through the proxy", updated: 5), conversation("s1", "Old, renamed", updated: 1)]
        XCTAssertEqual(reduce(&state, .event(.storeChanged(same))).count, 1, "while a listed reply streams, the list is read again")
        _ = reduce(&state, .event(.conversationPage(first: 0, rows: same.map { ConversationSummary(conversation: $0) }, total: 2, generation: 2)))
        XCTAssertEqual(reduce(&state, .event(.storeChanged(same))), [],
                       "a change that leaves the newest conversations as they were (this workbench's own writes) reads nothing")
        XCTAssertEqual(state.currentID, "c1", "the conversation being written in stays selected")
    }

    func testTheConversationOnScreenIsReadAgainWhileItsReplyStreamsElsewhere() {
        var state = AppState(endpoint: "e", stored: [conversation("p1", "Proxied", updated: 1)])
        _ = reduce(&state, .intent(.focus(.conversations)))
        XCTAssertEqual(reduce(&state, .intent(.moveSelection(1))), [.loadConversation(id: "p1")])
        let streaming = Message(id: "a", role: .assistant, text: "Thinking", status: .streaming)
        _ = reduce(&state, .event(.conversationLoaded(
            id: "p1", messages: [Message(id: "u", role: .user, text: "hi"), streaming], logs: [:])))
        XCTAssertEqual(
            reduce(&state, .event(.storeChanged([conversation("p1", "Proxied", updated: 1)]))).first, .loadConversation(id: "p1"),
            "a streaming reply is read again at every change of the file")

        let done = Message(id: "a", role: .assistant, text: "Thinking done", status: .complete)
        _ = reduce(&state, .event(.conversationLoaded(id: "p1", messages: [Message(id: "u", role: .user, text: "hi"), done], logs: [:])))
        XCTAssertFalse(reduce(&state, .event(.storeChanged([conversation("p1", "Proxied", updated: 1)]))).contains(.loadConversation(id: "p1")))
        XCTAssertEqual(
            reduce(&state, .event(.storeChanged([conversation("p1", "Proxied", updated: 9)]))).first, .loadConversation(id: "p1"),
            "a new turn in it (its time moved) is read")
    }

    func testAChangedConversationOffScreenIsReadWhenNextSelected() {
        var state = AppState(endpoint: "e", stored: [conversation("p1", "Proxied", updated: 1)])
        _ = reduce(&state, .event(.conversationLoaded(id: "p1", messages: [Message(id: "u", role: .user, text: "hi")], logs: [:])))
        XCTAssertFalse(reduce(&state, .event(.storeChanged([conversation("p1", "Proxied", updated: 2)]))).contains(.loadConversation(id: "p1")))
        _ = reduce(&state, .intent(.focus(.conversations)))
        XCTAssertEqual(reduce(&state, .intent(.moveSelection(1))), [.loadConversation(id: "p1")])
    }
}
