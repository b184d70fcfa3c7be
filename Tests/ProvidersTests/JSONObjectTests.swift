import ChatModel
import Providers
import Wire
import XCTest

/// The lenient reading adapters rely on: nulls and unexpected types read as absent, numbers as strings.
final class JSONObjectTests: XCTestCase {
    private let json = JSONObject(text: #"""
        {"s": "text", "n": 42, "f": 1.5, "ns": "17", "fs": "2.25", "null": null, "t": true, "one": 1,
         "o": {"k": "v"}, "a": [{"x": 1}, "skip", 3, {"x": 2}], "price": "0.0012", "exact": 0.1,
         "input": {"q": "é", "b": [1, 2], "a": null}, "loc": ["body", "messages", 0]}
        """#)!

    func testNullsAndMissingKeysReadAsAbsent() {
        XCTAssertFalse(json.has("null"))
        XCTAssertFalse(json.has("missing"))
        XCTAssertTrue(json.has("s"))
        XCTAssertNil(json.string("null"))
        XCTAssertNil(json.int("null"))
        XCTAssertNil(json.object("null"))
        XCTAssertNil(json.text("null"))
    }

    func testNumbersAndStringsCrossOver() {
        XCTAssertEqual(json.string("n"), "42")
        XCTAssertEqual(json.string("f"), "1.5")
        XCTAssertEqual(json.int("ns"), 17)
        XCTAssertEqual(json.int("f"), 1)
        XCTAssertEqual(json.double("fs"), 2.25)
        XCTAssertEqual(json.double("n"), 42)
        XCTAssertEqual(json.decimal("price"), Decimal(string: "0.0012"))
        XCTAssertEqual(json.decimal("exact"), Decimal(string: "0.1"), "a number's text is kept exact")
    }

    func testUnexpectedTypesReadAsAbsent() {
        XCTAssertNil(json.string("o"))
        XCTAssertNil(json.string("t"), "a boolean is not a string")
        XCTAssertNil(json.int("s"))
        XCTAssertNil(json.int("t"))
        XCTAssertNil(json.double("a"))
        XCTAssertNil(json.object("s"))
        XCTAssertNil(json.object("a"))
        XCTAssertEqual(json.objects("o").count, 0)
        XCTAssertNil(json.bool("s"))
        XCTAssertNil(json.bool("n"))
    }

    func testBooleans() {
        XCTAssertEqual(json.bool("t"), true)
        XCTAssertEqual(json.bool("one"), true, "0 and 1 read as booleans, as Foundation bridged them")
    }

    func testArraysKeepOnlyTheExpectedItems() {
        XCTAssertEqual(json.objects("a").map { $0.int("x") }, [1, 2])
        XCTAssertEqual(json.strings("a"), ["skip"])
        XCTAssertEqual(json.values("loc"), [.string("body"), .string("messages"), .number("0")])
    }

    func testTextReencodesWithSortedKeys() {
        XCTAssertEqual(json.text("s"), "text")
        XCTAssertEqual(json.text("n"), "42")
        XCTAssertEqual(json.text("input"), #"{"a":null,"b":[1,2],"q":"é"}"#)
    }

    /// An event's bytes are read directly; bytes that are not UTF-8 read as the event's text reads.
    func testEventsReadFromTheirBytesOrElseTheirText() {
        let valid = SSEEvent(data: #"{"k": "é"}"#)
        XCTAssertEqual(JSONObject(event: valid)?.string("k"), "é")
        let invalid = SSEEvent(dataBytes: ArraySlice(Array(#"{"k": "a"#.utf8) + [0xFF] + Array(#"b"}"#.utf8)))
        XCTAssertEqual(JSONObject(event: invalid)?.string("k"), "a\u{FFFD}b")
        XCTAssertNil(JSONObject(event: SSEEvent(data: "[DONE]")))
    }

    /// A decoder that reads two members gets only those, and exactly when reading the whole event would
    /// succeed: a broken or invalid-UTF-8 member it skips still decides, as it does for the whole object.
    func testKeepingSomeMembersReadsLikeTheWholeEvent() {
        let chunk = #"{"id":"c-1","object":"chat.completion.chunk","created":17,"n":-1.5e3,"ok":true,"x":null,"#
            + #""nested":{"a":[1,"é"]},"choices":[{"delta":{"content":"hi"}}],"usage":{"total_tokens":3}}"#
        let kept = JSONObject(event: SSEEvent(data: chunk), keeping: ["choices", "usage"])
        XCTAssertEqual(kept?.keys, ["choices", "usage"])
        XCTAssertEqual(kept?.object("usage")?.int("total_tokens"), 3)
        XCTAssertEqual(kept?.objects("choices").first?.object("delta")?.string("content"), "hi")
        for broken in [#"{"id":"a\q","choices":[]}"#, #"{"created":01,"choices":[]}"#, #"{"id":"a","choices":[]"#,
                       #"{"n":1e999,"choices":[]}"#, #"{"id":tru,"choices":[]}"#] {
            XCTAssertNil(JSONObject(event: SSEEvent(data: broken)), broken)
            XCTAssertNil(JSONObject(event: SSEEvent(data: broken), keeping: ["choices"]), broken)
        }
        let invalid = SSEEvent(dataBytes: ArraySlice(Array(#"{"id": "a"#.utf8) + [0xFF] + Array(#"b","usage":{}}"#.utf8)))
        XCTAssertEqual(JSONObject(event: invalid, keeping: ["usage"])?.keys, ["usage"], "invalid UTF-8 reads as U+FFFD, as the text")
        XCTAssertNil(JSONObject(event: SSEEvent(data: "[DONE]"), keeping: ["choices"]))
    }

    func testOnlyObjectsParse() {
        XCTAssertNil(JSONObject(text: "[1]"))
        XCTAssertNil(JSONObject(text: "\"s\""))
        XCTAssertNil(JSONObject(bytes: Array("{\"a\":".utf8)))
        XCTAssertEqual(JSONObject(text: #"{"b":1,"a":2,"b":3}"#)?.keys, ["b", "a"])
        XCTAssertEqual(JSONObject(text: #"{"b":1,"a":2,"b":3}"#)?.int("b"), 3)
    }
}
