import ChatModel
import Workbench
import XCTest

/// What another process writes to the store (a turn through `parley proxy`) reaches the open workbench.
final class StoreChangesReducerTests: XCTestCase {
    private func conversation(_ id: String, _ title: String, updated: Double) -> Conversation {
        Conversation(
            id: id, title: title, provider: "dify", createdAt: .init(timeIntervalSince1970: 0),
            updatedAt: .init(timeIntervalSince1970: updated))
    }

    func testConversationsAnotherProcessStartedJoinTheTopOfTheList() {
        var state = AppState(endpoint: "e", stored: [conversation("s1", "Old", updated: 1)])
        let effects = reduce(&state, .event(.storeChanged([
            conversation("p1", "Through the proxy", updated: 5), conversation("s1", "Old, renamed", updated: 1),
        ])))
        XCTAssertEqual(effects, [], "nothing on screen changed, so nothing is read")
        XCTAssertEqual(state.conversations.map(\.conversation.id), ["p1", "c1", "s1"])
        XCTAssertEqual(state.conversations[2].conversation.title, "Old, renamed")
        XCTAssertFalse(state.conversations[0].isLoaded, "its messages are read when it is selected")
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
            reduce(&state, .event(.storeChanged([conversation("p1", "Proxied", updated: 1)]))), [.loadConversation(id: "p1")],
            "a streaming reply is read again at every change of the file")

        let done = Message(id: "a", role: .assistant, text: "Thinking done", status: .complete)
        _ = reduce(&state, .event(.conversationLoaded(id: "p1", messages: [Message(id: "u", role: .user, text: "hi"), done], logs: [:])))
        XCTAssertEqual(reduce(&state, .event(.storeChanged([conversation("p1", "Proxied", updated: 1)]))), [])
        XCTAssertEqual(
            reduce(&state, .event(.storeChanged([conversation("p1", "Proxied", updated: 9)]))), [.loadConversation(id: "p1")],
            "a new turn in it (its time moved) is read")
    }

    func testAChangedConversationOffScreenIsReadWhenNextSelected() {
        var state = AppState(endpoint: "e", stored: [conversation("p1", "Proxied", updated: 1)])
        _ = reduce(&state, .event(.conversationLoaded(id: "p1", messages: [Message(id: "u", role: .user, text: "hi")], logs: [:])))
        XCTAssertEqual(reduce(&state, .event(.storeChanged([conversation("p1", "Proxied", updated: 2)]))), [])
        _ = reduce(&state, .intent(.focus(.conversations)))
        XCTAssertEqual(reduce(&state, .intent(.moveSelection(1))), [.loadConversation(id: "p1")])
    }
}
