import ChatModel
import Foundation
import Sessions
import XCTest

@testable import Store

/// The `--json` output of `parley conversations list` and `search`, which scripts read: sorted snake-case
/// keys, absent values as `null`, one line.
final class ListingJSONTests: XCTestCase {
    func testConversationListIsOneSortedLine() {
        var conversation = Conversation(
            id: "0123456789ab", title: "Trip/plan \"A\"", provider: "dify", profile: nil,
            createdAt: Date(timeIntervalSince1970: 1_700_000_000))
        conversation.remoteID = "conv-9"
        conversation.pinned = true
        let listing = ConversationListing(conversations: [conversation], messageCounts: ["0123456789ab": 2])
        XCTAssertEqual(
            listing.json,
            #"[{"archived":false,"created_at":"2023-11-14T22:13:20Z","id":"0123456789ab","messages":2,"pinned":true,"#
                + #""profile":null,"provider":"dify","remote_id":"conv-9","short_id":"01234567","title":"Trip/plan \"A\"","#
                + #""updated_at":"2023-11-14T22:13:20Z"}]"# + "\n")
    }

    func testSearchHitsCarryMatchesAndWholeScoresWithoutFraction() {
        let text = "ferries leave daily"
        let match = text.range(of: "leave")!
        let hits = [
            SearchHit(conversationID: "c1", title: "Trip", messageID: "m1", snippet: Snippet(text: text, matches: [match]), score: -1.25),
            SearchHit(conversationID: "c2", title: "", messageID: nil, snippet: Snippet(text: "", matches: []), score: 0),
        ]
        XCTAssertEqual(
            SearchListing(hits: hits).json,
            #"[{"conversation_id":"c1","matches":[{"length":5,"offset":8,"text":"leave"}],"message_id":"m1","score":-1.25,"#
                + #""short_id":"c1","snippet":"ferries leave daily","title":"Trip"},"#
                + #"{"conversation_id":"c2","matches":[],"message_id":null,"score":0,"short_id":"c2","snippet":"","title":""}]"#
                + "\n")
    }
}
