import ChatModel
import Foundation
import TestSupport
import XCTest

/// The JSON reader: what it accepts and rejects, escapes, numbers, nesting, and agreement with Foundation.
final class JSONReaderTests: XCTestCase {
    private func parse(_ text: String) -> JSONValue? { JSONValue(parsing: Array(text.utf8)) }

    func testObjectsKeepKeyOrderAndARepeatedKeyReadsLast() throws {
        let value = try XCTUnwrap(parse(#" {"b": 1, "a": [true, false, null], "b": "two"} "#))
        XCTAssertEqual(value.objectMembers?.map(\.key), ["b", "a", "b"])
        XCTAssertEqual(value["b"], .string("two"))
        XCTAssertEqual(value["a"], .array([.bool(true), .bool(false), .null]))
        XCTAssertNil(value["missing"])
        XCTAssertNil(JSONValue.string("x")["a"], "a non-object has no keys")
    }

    func testEscapes() {
        XCTAssertEqual(parse(#""q\"b\\s\/b\bf\fn\nr\rt\t""#), .string("q\"b\\s/b\u{08}f\u{0C}n\nr\rt\t"))
        XCTAssertEqual(parse(#""caf\u00e9 \u00E9 \u2713 \u0000""#), .string("café é ✓ \u{0}"))
        XCTAssertEqual(parse(#"{"k\u0065y": "v"}"#)?["key"], .string("v"), "keys are unescaped too")
    }

    func testSurrogatePairsJoin() {
        XCTAssertEqual(parse(#""\ud83d\ude00 \uD83D\uDE00""#), .string("😀 😀"))
    }

    func testUnpairedSurrogatesAreInvalid() {
        for text in [#""\ud83d""#, #""\ude00""#, #""\ud83dx""#, #""\ud83d\u0041""#, #""\ud83d\n""#] {
            XCTAssertNil(parse(text), text)
        }
    }

    func testRawUTF8IsKeptAndInvalidUTF8IsRejected() {
        XCTAssertEqual(parse("\"Tórshavn ✓ 😀\""), .string("Tórshavn ✓ 😀"))
        XCTAssertNil(JSONValue(parsing: [0x22, 0xFF, 0x22]))
        XCTAssertNil(JSONValue(parsing: [0x22, 0xC3, 0x22]), "a truncated sequence")
        XCTAssertNil(JSONValue(parsing: [0x22, 0x5C, 0x6E, 0xED, 0xA0, 0x80, 0x22]), "an encoded surrogate after an escape")
    }

    /// Plain runs are scanned eight bytes at a time; a special byte must be seen at every position.
    func testSpecialBytesAtEveryPositionOfALongString() {
        for position in 0..<20 {
            let before = String(repeating: "a", count: position)
            let after = String(repeating: "z", count: 19 - position)
            XCTAssertEqual(parse("\"\(before)\\n\(after)\""), .string(before + "\n" + after), "escape at \(position)")
            XCTAssertEqual(parse("\"\(before)é\(after)\""), .string(before + "é" + after), "é at \(position)")
            XCTAssertEqual(parse("[\"\(before)\", \"\(after)\"]"), .array([.string(before), .string(after)]))
            XCTAssertNil(parse("\"\(before)\u{1}\(after)\""), "control character at \(position)")
            XCTAssertNil(JSONValue(parsing: Array("\"\(before)".utf8) + [0xFF] + Array("\(after)\"".utf8)), "0xFF at \(position)")
        }
    }

    /// What follows a string's closing quote in the same eight bytes belongs to the next token.
    func testBytesAfterAClosingQuoteDoNotCountForTheString() {
        for length in 0..<17 {
            let key = String(repeating: "k", count: length)
            XCTAssertEqual(parse("{\"\(key)\":\"é\"}")?[key], .string("é"), "key of \(length)")
        }
        XCTAssertNil(JSONValue(parsing: Array(#"["ab",""#.utf8) + [0xFF] + Array(#""]"#.utf8)))
        XCTAssertEqual(JSONValue(parsing: Array(#"["ab","é"]"#.utf8)), .array([.string("ab"), .string("é")]))
    }

    func testInvalidInputReturnsNil() {
        let invalid = [
            "", " ", "{", "}", "[1,", "[1 2]", "{\"a\"}", "{\"a\":}", "{a:1}", "{,}", "[,]", "[1,,2]", "tru", "nul",
            "True", "01", "-01", "1.", ".5", "+1", "-", "1e", "1e+", "0x10", "NaN", "1e400", "-1e400", "\"\t\"",
            "\"\\x\"", "\"\\u12G4\"", "\"abc", "1 2", "{} x", "[]]", "'a'",
        ]
        for text in invalid {
            XCTAssertNil(parse(text), text.debugDescription)
            XCTAssertThrowsError(try JSONReader.parse(text), text.debugDescription)
        }
    }

    func testFailureNamesTheByteOffset() {
        XCTAssertThrowsError(try JSONReader.parse("[1, x]")) { error in
            XCTAssertEqual((error as? JSONReader.Failure)?.offset, 4)
        }
    }

    func testFoundationLeniencyIsKept() {
        XCTAssertEqual(JSONValue(parsing: [0xEF, 0xBB, 0xBF] + Array("{}".utf8)), .object([]), "a leading BOM")
        XCTAssertEqual(parse("[1,]"), .array([.number("1")]), "a trailing comma")
        XCTAssertEqual(parse(#"{"a":1,}"#), .object([(key: "a", value: .number("1"))]))
    }

    func testNumbersKeepTheirText() {
        for text in ["0", "-0", "12", "-1.50", "1e3", "2.5E-3", "1E+2", "12345678901234567890123"] {
            XCTAssertEqual(parse(text), .number(text), text)
        }
        XCTAssertEqual(parse("1.9")?.intValue, 1, "a fraction is truncated")
        XCTAssertEqual(parse("-2e3")?.intValue, -2000)
        XCTAssertNil(parse("1e300")?.intValue, "out of Int range reads as absent")
        XCTAssertEqual(parse("0.0012")?.doubleValue, 0.0012)
        XCTAssertNil(parse("\"12\"")?.intValue, "typed accessors are strict")
    }

    func testNestingIsBounded() {
        let limit = JSONReader.maximumDepth
        XCTAssertNotNil(parse(String(repeating: "[", count: limit) + String(repeating: "]", count: limit)))
        XCTAssertNil(parse(String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)))
        XCTAssertNil(parse(String(repeating: "{\"a\":", count: limit + 1) + "1" + String(repeating: "}", count: limit + 1)))
        XCTAssertNil(parse(String(repeating: "[", count: 1_000_000)), "rejected without recursing a million deep")
    }

    /// Decoding runs on worker threads, whose stacks are smaller than the main thread's.
    func testNestingAtTheLimitFitsASmallThreadStack() {
        let limit = JSONReader.maximumDepth
        let text = String(repeating: "{\"a\":[", count: limit / 2) + String(repeating: "]}", count: limit / 2)
        let done = expectation(description: "parsed on a 512 KiB stack")
        let thread = Thread {
            XCTAssertNotNil(JSONValue(parsing: Array(text.utf8)))
            done.fulfill()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        wait(for: [done], timeout: 30)
    }

    func testCompactText() throws {
        let value = try XCTUnwrap(parse(#"{"b": [1.50, "x\"y\n"], "a": {"d": null, "c": true}, "b": 2}"#))
        XCTAssertEqual(value.compactText, #"{"b":[1.50,"x\"y\n"],"a":{"d":null,"c":true},"b":2}"#)
        XCTAssertEqual(value.sortedCompactText, #"{"a":{"c":true,"d":null},"b":2}"#)
    }

    /// Every JSON fixture and every event of every captured stream reads as `JSONSerialization` reads it
    /// (numbers to within rounding, where the reader is exact and Foundation is not).
    func testAgreesWithFoundationOnEveryFixture() throws {
        var documents: [[UInt8]] = []
        for folder in ["openai", "dify", "helix", "hummingbird", "pais", "sse"] {
            for file in try Fixtures.files(in: folder, extensions: ["json", "sse", "body"]) {
                let bytes = [UInt8](try Data(contentsOf: file))
                guard file.pathExtension != "json" else { documents.append(bytes); continue }
                for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline)
                where line.hasPrefix("data:") {
                    documents.append(Array(line.dropFirst(5).utf8))
                }
            }
        }
        XCTAssertGreaterThan(documents.count, 100)
        for bytes in documents {
            let foundation = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
            let ours = JSONValue(parsing: bytes)
            let text = String(decoding: bytes, as: UTF8.self)
            XCTAssertEqual(ours != nil, foundation != nil, text)
            if let ours, let foundation { XCTAssertTrue(Self.same(ours, foundation), text) }
        }
    }

    private static func same(_ value: JSONValue, _ other: Any) -> Bool {
        switch value {
        case .null: return other is NSNull
        case .bool(let flag): return (other as? Bool) == flag
        case .number(let text):
            // Foundation's number parsing can be off in the last bits (0.7682376249867957 reads as ...59).
            guard let theirs = (other as? NSNumber)?.doubleValue, let ours = Double(text) else { return false }
            return abs(theirs - ours) <= abs(ours) * 1e-15
        case .string(let text): return (other as? String) == text
        case .array(let items):
            guard let others = other as? [Any], others.count == items.count else { return false }
            return zip(items, others).allSatisfy { same($0, $1) }
        case .object(let members):
            guard let others = other as? [String: Any], Set(members.map(\.key)).count == others.count else { return false }
            return others.allSatisfy { key, item in value[key].map { same($0, item) } ?? false }
        }
    }
}
