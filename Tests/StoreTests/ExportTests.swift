import ChatModel
import Foundation
import XCTest

@testable import Store

final class ExportTests: StoreTestCase {
    private func seeded() throws -> SQLiteStore {
        let store = try openStore()
        var c = conversation("c1", title: "Reisepläne 旅行")
        c.remoteID = "conv-9"
        try store.save(c)
        try store.save(Message(id: "u1", role: .user, text: "Plan a trip", createdAt: Self.t0), in: "c1")
        try store.save(richReply(id: "r1"), in: "c1")
        var metrics = RunMetrics()
        let record = RawRecord(kind: .event, offset: 0, receivedAt: 0.4, bytes: Array("data: {\"x\":1}\n\n".utf8), eventName: "message", events: [.text("Grüße")])
        metrics.note(record)
        metrics.finish(at: 1.0)
        try store.save(
            StoredRun(
                id: "run1", messageID: "r1", startedAt: Self.t0,
                request: RunRequest(method: "POST", url: "http://127.0.0.1/v1/chat-messages", headers: [HTTPHeader("Authorization", "Bearer app-secret")], body: Array("{}".utf8)),
                response: ResponseHead(status: 200, headers: [], receivedAt: 0.2), metrics: metrics, records: [record]))
        return store
    }

    func testMarkdownIsReadableAndCarriesEveryPart() throws {
        let md = try seeded().exportMarkdown(conversation: "c1")
        XCTAssertTrue(md.hasPrefix("# Reisepläne 旅行\n"))
        for expected in [
            "Provider: dify, profile work, remote id `conv-9`", "## User", "Plan a trip", "## Assistant", "· failed",
            "Grüße aus Zürich — 東京 🎉 `code`", "> Thinking about naïve façades…", "1. tool_call **search_web** (completed)",
            #"{"q":"天気"}"#, "2. agent_thought **plan** (failed)", "1. Handbook.pdf — kb-main (score 0.875) <https://example.invalid/h>",
            "   > Section 3 says…", "- image: cat.png <https://example.invalid/cat.png>",
            "**Usage**: 12 prompt, 34 completion, 46 total tokens, 0.0000495 USD, latency 1.25 s",
            "first token 0.400 s", "**Error**: Stream error (invalid_param): Ärger",
        ] {
            XCTAssertTrue(md.contains(expected), "missing \(expected) in\n\(md)")
        }
        XCTAssertFalse(md.contains("app-secret"))
    }

    func testJSONHoldsEverythingStored() throws {
        let json = try seeded().exportJSON(conversation: "c1")
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        XCTAssertEqual(root["format"] as? String, "parley.conversation")
        XCTAssertEqual((root["conversation"] as? [String: Any])?["title"] as? String, "Reisepläne 旅行")
        let messages = try XCTUnwrap(root["messages"] as? [[String: Any]])
        XCTAssertEqual(messages.count, 2)
        let reply = try XCTUnwrap(messages[1]["message"] as? [String: Any])
        XCTAssertEqual(reply["total_price"] as? String, "0.0000495")
        XCTAssertEqual((reply["steps"] as? [Any])?.count, 2)
        XCTAssertEqual((reply["citations"] as? [Any])?.count, 2)
        XCTAssertEqual((reply["files"] as? [Any])?.count, 1)
        let run = try XCTUnwrap((messages[1]["runs"] as? [[String: Any]])?.first)
        let records = try XCTUnwrap(run["records"] as? [[String: Any]])
        XCTAssertEqual(records.first?["bytes"] as? String, Data("data: {\"x\":1}\n\n".utf8).base64EncodedString())
        XCTAssertEqual(((records.first?["events"] as? [[String: Any]])?.first)?["text"] as? String, "Grüße")
        XCTAssertFalse(json.contains("app-secret"))
        XCTAssertThrowsError(try seeded().exportJSON(conversation: "nope"))
    }

    func testJSONIsAnIndentedDocumentWithSnakeCaseKeys() throws {
        let store = try openStore()
        try store.save(conversation("c1", title: "Trip/plan"))
        var reply = Message(id: "r1", role: .assistant, text: "Ferry", createdAt: Self.t0.addingTimeInterval(2))
        reply.usage = Usage(totalTokens: 3, latency: 2)
        try store.save(reply, in: "c1")
        try store.save(StoredRun(id: "run1", messageID: "r1", startedAt: Self.t0, request: RunRequest(method: "GET", url: "u")))
        XCTAssertEqual(try store.exportJSON(conversation: "c1"), """
            {
              "conversation" : {
                "archived" : false,
                "created_at" : 1700000000,
                "id" : "c1",
                "pinned" : false,
                "profile" : "work",
                "provider" : "dify",
                "title" : "Trip/plan",
                "updated_at" : 1700000002
              },
              "format" : "parley.conversation",
              "messages" : [
                {
                  "message" : {
                    "citations" : [

                    ],
                    "conversation_id" : "c1",
                    "created_at" : 1700000002,
                    "files" : [

                    ],
                    "id" : "r1",
                    "latency" : 2,
                    "position" : 0,
                    "reasoning" : "",
                    "role" : "assistant",
                    "status" : "complete",
                    "steps" : [

                    ],
                    "text" : "Ferry",
                    "total_tokens" : 3
                  },
                  "runs" : [
                    {
                      "records" : [

                      ],
                      "run" : {
                        "bytes" : 0,
                        "event_count" : 0,
                        "id" : "run1",
                        "keep_alives" : 0,
                        "largest_gap" : 0,
                        "largest_silence" : 0,
                        "message_id" : "r1",
                        "method" : "GET",
                        "record_count" : 0,
                        "request_body" : "",
                        "request_headers" : [

                        ],
                        "stalls" : 0,
                        "started_at" : 1700000000,
                        "text_deltas" : 0,
                        "url" : "u"
                      }
                    }
                  ]
                }
              ],
              "schema_version" : \(Migrations.current)
            }
            """)
    }
}
