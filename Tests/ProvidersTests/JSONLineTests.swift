import ChatModel
import XCTest

/// The one JSON writer's layouts: `--jsonl` lines keep insertion order; request bodies, listings and
/// recordings sort keys; documents are indented as Foundation's `.prettyPrinted` indents them.
final class JSONLineTests: XCTestCase {
    private var sample: JSONLine {
        var inner = JSONLine()
        inner.set("z", .array([.int(1), .string("a/b")]))
        inner.set("empty", .array([]))
        inner.set("none", .object(JSONLine()))
        var line = JSONLine()
        line.set("type", "x")
        line.set("b", .shortest(2.0))
        line.set("a", .object(inner))
        line.set("c", .shortest(0.875))
        return line
    }

    func testLineKeepsInsertionOrder() {
        XCTAssertEqual(sample.text, #"{"type":"x","b":2,"a":{"z":[1,"a/b"],"empty":[],"none":{}},"c":0.875}"#)
    }

    func testSortedLayoutSortsEveryObject() {
        XCTAssertEqual(sample.text(.sorted), #"{"a":{"empty":[],"none":{},"z":[1,"a/b"]},"b":2,"c":0.875,"type":"x"}"#)
    }

    func testDocumentLayoutIndentsLikeFoundation() {
        XCTAssertEqual(sample.text(.document), """
            {
              "a" : {
                "empty" : [

                ],
                "none" : {

                },
                "z" : [
                  1,
                  "a/b"
                ]
              },
              "b" : 2,
              "c" : 0.875,
              "type" : "x"
            }
            """)
    }

    func testShortestNumbersDropAWholeFraction() {
        XCTAssertEqual(JSONLine.text(.array([.shortest(1_700_000_000), .shortest(-1.5), .shortest(1e-7), .shortest(.nan)])), "[1700000000,-1.5,1e-07,null]")
        XCTAssertEqual(JSONLine.text(.array([.double(2)])), "[2.0]", "--jsonl keeps Swift's own text")
    }

    /// `--jsonl` writes delta events straight into its output; the lines are the events' `jsonLine` text.
    func testEventLinesWrittenInPlaceAreTheirJSONLines() {
        let texts = [
            "", "word ", "q\"b\\s/", "line\nbreak\r\t", "\u{0}\u{1B}[2J\u{7F}\u{9B}", "caf\u{E9} \u{202E}evil\u{2066}",
            "😀 e\u{301}", String(repeating: "long ", count: 100),
        ]
        var events: [StreamEvent] = texts.flatMap { [.text($0), .reasoning($0), .replaced($0)] }
        events += [
            .finished(reason: "stop"), .keepAlive, .usage(Usage(promptTokens: 1, completionTokens: 2, totalTokens: 3)),
            .failed(ProviderError(kind: .stream, message: "boom \"x\"")),
        ]
        var out = "before\n"
        var expected = "before\n"
        for event in events {
            event.appendJSONLine(to: &out)
            expected += event.jsonLine.text + "\n"
        }
        XCTAssertEqual(out, expected)
    }
}

final class JSONLinePiecesTests: XCTestCase {
    /// Written in pieces, any value joins to exactly its one-line text, wherever the cuts fall (inside
    /// multi-byte characters, escapes and long strings), and no piece much exceeds the piece size.
    func testPiecesJoinToTheWholeText() {
        let long = String(repeating: "grüße \"quoted\"\n\u{1F600}\u{202E}tab\there ", count: 400)
        var object = JSONLine()
        object.set("type", .string("text"))
        object.set("text", .string(long))
        object.set("n", .int(7))
        let values: [JSONLine.Value] = [
            .array([.object(object), .string("short"), .array([])]),
            .string(long),
            .object(object),
            .array([]),
        ]
        for value in values {
            for pieceSize in [1, 7, 64, 1_000, 100_000] {
                var pieces: [String] = []
                JSONLine.write(value, pieceSize: pieceSize) { pieces.append($0) }
                XCTAssertEqual(pieces.joined(), JSONLine.text(value), "piece size \(pieceSize)")
                if pieceSize >= 1_000 {
                    XCTAssertTrue(pieces.allSatisfy { $0.utf8.count <= pieceSize * 6 + 64 }, "piece size \(pieceSize)")
                }
            }
        }
    }
}
