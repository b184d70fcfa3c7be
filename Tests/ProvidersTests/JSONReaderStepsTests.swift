import ChatModel
import Foundation
import TestSupport
import XCTest

/// Stepping through a document accepts exactly what `parse` accepts, and every value read on the way is the
/// value `parse` builds.
final class JSONReaderStepsTests: XCTestCase {
    /// A document rebuilt step by step: objects and arrays entered, their members and items read one by one.
    private static func stepped(_ bytes: [UInt8]) -> JSONValue? {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(stepping: buffer)
            guard let value = walk(&reader, depth: 0), reader.finish() else { return nil }
            return value
        }
    }

    /// Enters containers down to a depth, then reads (or, every other level, skips and reads again) the rest.
    private static func walk(_ reader: inout JSONReader, depth: Int) -> JSONValue? {
        switch reader.nextKind() {
        case .object? where depth < 3:
            guard reader.enterObject() else { return nil }
            var members: [(key: String, value: JSONValue)] = []
            var count = 0
            while let key = reader.nextKey(&count) {
                guard let value = walk(&reader, depth: depth + 1) else { return nil }
                members.append((name(key), value))
            }
            return reader.hasFailed ? nil : .object(members)
        case .array? where depth < 3:
            guard reader.enterArray() else { return nil }
            var items: [JSONValue] = []
            var count = 0
            while reader.nextItem(&count) {
                guard let item = walk(&reader, depth: depth + 1) else { return nil }
                items.append(item)
            }
            return reader.hasFailed ? nil : .array(items)
        default:
            return reader.readValue()
        }
    }

    /// The key's text, found among the names the generator writes (keys are compared, not read out).
    private static func name(_ key: JSONReader.Key) -> String {
        let names: [StaticString] = [
            "id", "object", "created", "model", "choices", "usage", "error", "index", "delta", "finish_reason",
            "logprobs", "role", "content", "reasoning_content", "reasoning", "refusal", "tool_calls", "function_call",
            "extra", "type", "function", "name", "arguments", "prompt_tokens", "completion_tokens", "total_tokens",
            "message", "system_fingerprint", "x_extra", "obfuscation", "a", "é", "b", "",
        ]
        return names.first { key.is($0) }.map { $0.description } ?? "?"
    }

    func testSteppingAgreesWithParseOnGeneratedDocuments() {
        var accepted = 0
        for seed in UInt64(0)..<4000 {
            var generator = ChunkGenerator(seed: seed &+ 1_000_003)
            let bytes = generator.chunk()
            let parsed = JSONValue(parsing: bytes)
            let stepped = Self.stepped(bytes)
            XCTAssertEqual(stepped != nil, parsed != nil, String(decoding: bytes, as: UTF8.self).debugDescription)
            if let parsed, let stepped {
                accepted += 1
                XCTAssertEqual(stepped, Self.named(parsed), String(decoding: bytes, as: UTF8.self).debugDescription)
            }
        }
        XCTAssertGreaterThan(accepted, 2000)
    }

    func testSteppingRejectsWhatParseRejects() {
        let invalid = [
            "", " ", "{", "}", "[1,", "[1 2]", "{\"a\"}", "{\"a\":}", "{a:1}", "{,}", "[,]", "[1,,2]", "{\"a\":1,,}",
            "{\"a\":1 \"b\":2}", "{\"a\":[1,]]}", "{} x", "[]]", "\"\\ud83d\"", "{\"a\":\"\u{1}\"}",
        ]
        for text in invalid {
            XCTAssertNil(Self.stepped(Array(text.utf8)), text.debugDescription)
        }
        XCTAssertNil(Self.stepped([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D]), "invalid UTF-8 in a key")
        let deep = String(repeating: "[", count: JSONReader.maximumDepth + 1) + String(repeating: "]", count: JSONReader.maximumDepth + 1)
        XCTAssertNil(Self.stepped(Array(deep.utf8)), "nested too deep, counted across stepped and read levels")
        XCTAssertEqual(Self.stepped([0xEF, 0xBB, 0xBF] + Array("{\"a\":[1,],}".utf8)), .object([(key: "a", value: .array([.number("1")]))]))
    }

    func testKeysCompareAsText() {
        let bytes = Array(#"{"\u0063ontent":1,"caf\u00e9":2,"conten":3,"contents":4,"":5}"#.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(stepping: buffer)
            XCTAssertTrue(reader.enterObject())
            var count = 0
            var seen: [Bool] = []
            while let key = reader.nextKey(&count) {
                seen.append(key.is("content"))
                XCTAssertTrue(reader.skip())
            }
            XCTAssertEqual(seen, [true, false, false, false, false])
            XCTAssertTrue(reader.finish())
        }
    }

    /// A plain integer read without its text is the number `readValue()` gives; anything else is left, unread,
    /// for `readValue()` (which then accepts or rejects it as before).
    func testPlainIntegersReadAsTheirValue() {
        let values = [
            "0", "7", "42", "123456789012345678", "1234567890123456789", "01", "00", "-1", "-0", "1.5", "1e3", "2E1",
            "0.", "\"3\"", "null", "true", "[1]", " 5 ", "9x",
        ]
        for value in values {
            let document = Array("[\(value)]".utf8)
            document.withUnsafeBufferPointer { buffer in
                var plain = JSONReader(stepping: buffer)
                var whole = JSONReader(stepping: buffer)
                var count = 0
                XCTAssertTrue(plain.enterArray() && plain.nextItem(&count))
                count = 0
                XCTAssertTrue(whole.enterArray() && whole.nextItem(&count))
                let read = whole.readValue()
                if let integer = plain.readPlainInteger() {
                    guard case .number(let text)? = read else { return XCTFail("\(value) read as \(integer), not a number") }
                    XCTAssertEqual(JSONValue.integer(text), integer, value)
                } else {
                    XCTAssertEqual(plain.readValue(), read, value)
                }
                count = 1
                XCTAssertEqual(plain.nextItem(&count), whole.nextItem(&count), value)
                XCTAssertEqual(plain.finish(), whole.finish(), value)
            }
        }
    }

    /// A string or `null` read on its own is the value `readValue()` gives; anything else is left, unread, for
    /// `readValue()`; an invalid string fails the reader as `readValue()` does.
    func testStringsAndNullsReadAsTheirValue() {
        let values = [
            "\"\"", "\"w1 \"", " \"caf\\u00e9\" ", "\"tab\\there\"", "\"\u{1}\"", "\"unterminated", "\"\\ud83d\"", "null", " null ",
            "nul", "nullx", "true", "7", "[\"a\"]", "{}",
        ]
        for value in values {
            let document = Array("[\(value)]".utf8)
            document.withUnsafeBufferPointer { buffer in
                var step = JSONReader(stepping: buffer)
                var whole = JSONReader(stepping: buffer)
                var count = 0
                XCTAssertTrue(step.enterArray() && step.nextItem(&count))
                count = 0
                XCTAssertTrue(whole.enterArray() && whole.nextItem(&count))
                let read = whole.readValue()
                if let text = step.readString() {
                    XCTAssertEqual(read, .string(text), value)
                } else if step.hasFailed {
                    XCTAssertNil(read, value)
                    return
                } else if step.readNull() {
                    XCTAssertEqual(read, .null, value)
                } else {
                    XCTAssertEqual(step.readValue(), read, value)
                }
                count = 1
                XCTAssertEqual(step.nextItem(&count), whole.nextItem(&count), value)
                XCTAssertEqual(step.finish(), whole.finish(), value)
            }
        }
    }

    /// `parse`'s value with every key replaced as `name` reads it, to compare with a stepped rebuild.
    private static func named(_ value: JSONValue, depth: Int = 0) -> JSONValue {
        switch value {
        case .object(let members) where depth < 3:
            return .object(members.map { (key: known($0.key), value: named($0.value, depth: depth + 1)) })
        case .array(let items) where depth < 3:
            return .array(items.map { named($0, depth: depth + 1) })
        default:
            return value
        }
    }

    private static func known(_ key: String) -> String {
        let names = [
            "id", "object", "created", "model", "choices", "usage", "error", "index", "delta", "finish_reason",
            "logprobs", "role", "content", "reasoning_content", "reasoning", "refusal", "tool_calls", "function_call",
            "extra", "type", "function", "name", "arguments", "prompt_tokens", "completion_tokens", "total_tokens",
            "message", "system_fingerprint", "x_extra", "obfuscation", "a", "é", "b", "",
        ]
        return names.contains(key) ? key : "?"
    }
}
