import TestSupport
/// Random OpenAI-style chunks, mostly well formed and often hostile, from a seed, so a failure can be replayed.
///
/// It writes what servers send and what they should not: members in any order, unknown members nested deep,
/// repeated keys, keys and values spelled with escapes, surrogate pairs and lone surrogates, raw invalid
/// UTF-8 and control bytes, numbers standing for strings and strings for numbers, values of the wrong type,
/// odd spacing, a byte order mark, trailing commas; then, now and then, cuts or corrupts the bytes.
struct ChunkGenerator {
    var random: SeededRandom

    init(seed: UInt64) {
        random = SeededRandom(state: seed)
    }

    /// One event's data.
    mutating func chunk() -> [UInt8] {
        var bytes: [UInt8] = []
        if chance(0.03) { bytes += [0xEF, 0xBB, 0xBF] }
        switch Int.random(in: 0..<40, using: &random) {
        case 0: bytes += Array("[DONE]".utf8)
        case 1: bytes += Array(scalar().utf8)
        case 2: bytes += Array("[DONE] \n".utf8)
        default: bytes += object(topLevelMembers())
        }
        return corrupted(bytes)
    }

    /// One Dify event's data: mostly text events, some of every other kind, as hostile as the chunks.
    mutating func difyEvent() -> [UInt8] {
        if chance(0.03) { return corrupted(Array(pick(["[DONE]", "ping", "{}"]).utf8)) }
        var members: [([UInt8], [UInt8])] = []
        if !chance(0.05) {
            let name = pick(["message", "message", "agent_message", "agent_message", "message_file", "agent_thought",
                             "message_replace", "message_end", "text_chunk", "node_started", "error", "ping", "tts"])
            members.append((key("event"), chance(0.05) ? Array("null".utf8) : string(name)))
        }
        if !chance(0.1) { members.append((key("answer"), textValue())) }
        if chance(0.05) { members.append((key("answer"), textValue())) }
        if chance(0.03) { members.append((key("event"), string(pick(["message", "agent_thought"])))) }
        members.append((key("conversation_id"), oneOf([string("c0ffee00-0000-4000-8000-000000000001"), string(""), Array("null".utf8), Array("5".utf8)])))
        if chance(0.8) { members.append((key("message_id"), string("c0ffee00-0000-4000-8000-000000000002"))) }
        if chance(0.5) { members.append((key("task_id"), string("t"))) }
        if chance(0.2) { members.append((key(pick(["created_at", "id", "data", "metadata", "url"])), anyValue(depth: 3))) }
        return corrupted(object(shuffledMaybe(members)))
    }

    private mutating func topLevelMembers() -> [([UInt8], [UInt8])] {
        var members: [([UInt8], [UInt8])] = [
            (key("id"), string("chatcmpl-\(Int.random(in: 0..<1000, using: &random))")),
            (key("object"), string("chat.completion.chunk")),
            (key("created"), Array("1700000000".utf8)),
            (key("model"), string("m")),
        ]
        members.append((key("choices"), choices()))
        if chance(0.1) { members.append((key("choices"), choices())) }
        if chance(0.15) { members.append((key("usage"), usage())) }
        if chance(0.05) { members.append((key("error"), oneOf([Array("null".utf8), object([(key("message"), string("boom"))]), string("bad")]))) }
        if chance(0.3) { members.append((key(pick(["system_fingerprint", "x_extra", "logprobs", "obfuscation"])), anyValue(depth: 3))) }
        if chance(0.1) { members.append((key("session_id"), oneOf([string("s-1"), Array("7".utf8), Array("null".utf8), string("")]))) }
        if chance(0.04) {
            let info = object([(key("text"), text()), (key("metadata"), object([(key("document_id"), string("d1"))]))])
            members.append((key("index_context_info"), oneOf([array([info]), Array("[]".utf8), Array("null".utf8)])))
        }
        return shuffledMaybe(members)
    }

    private mutating func choices() -> [UInt8] {
        switch Int.random(in: 0..<20, using: &random) {
        case 0: return Array("null".utf8)
        case 1: return string("choices")
        case 2: return Array("[]".utf8)
        default:
            var items: [[UInt8]] = []
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                items.append(chance(0.1) ? scalarBytes() : object(choiceMembers()))
            }
            return array(items)
        }
    }

    private mutating func choiceMembers() -> [([UInt8], [UInt8])] {
        var members: [([UInt8], [UInt8])] = []
        if !chance(0.1) {
            let index = pick(["0", "0", "0", "1", "2", "-0", "0.5", "1e0", "0e5", "\"0\"", "\"1\"", "null", "true", "\"x\"", "1e400", "12", "3 ", "1234567890123456789", "2E1"])
            members.append((key("index"), Array(index.utf8)))
        }
        if !chance(0.1) { members.append((key("delta"), chance(0.08) ? scalarBytes() : object(deltaMembers()))) }
        if chance(0.05) { members.append((key("delta"), object(deltaMembers()))) }
        let reason = pick(["null", "null", "null", "\"stop\"", "\"\"", "\"length\"", "\"tool_calls\"", "7", "[]", "{}"])
        members.append((key("finish_reason"), Array(reason.utf8)))
        if chance(0.2) { members.append((key("logprobs"), anyValue(depth: 2))) }
        return shuffledMaybe(members)
    }

    private mutating func deltaMembers() -> [([UInt8], [UInt8])] {
        var members: [([UInt8], [UInt8])] = []
        if chance(0.2) { members.append((key("role"), string("assistant"))) }
        if chance(0.8) { members.append((key("content"), textValue())) }
        if chance(0.1) { members.append((key("content"), textValue())) }
        if chance(0.15) { members.append((key("reasoning_content"), textValue())) }
        if chance(0.15) { members.append((key("reasoning"), textValue())) }
        if chance(0.08) { members.append((key("refusal"), textValue())) }
        if chance(0.12) { members.append((key("tool_calls"), toolCalls())) }
        if chance(0.06) { members.append((key("function_call"), function())) }
        if chance(0.1) { members.append((key("extra"), anyValue(depth: 4))) }
        return shuffledMaybe(members)
    }

    private mutating func toolCalls() -> [UInt8] {
        if chance(0.1) { return oneOf([Array("null".utf8), Array("[]".utf8), string("calls")]) }
        var items: [[UInt8]] = []
        for _ in 0..<Int.random(in: 1...2, using: &random) {
            var members: [([UInt8], [UInt8])] = [(key("index"), Array(pick(["0", "1", "\"1\""]).utf8))]
            if chance(0.5) { members.append((key("id"), string("call_\(Int.random(in: 0..<99, using: &random))"))) }
            if chance(0.3) { members.append((key("type"), string("function"))) }
            members.append((key("function"), function()))
            items.append(chance(0.1) ? Array("7".utf8) : object(shuffledMaybe(members)))
        }
        return array(items)
    }

    private mutating func function() -> [UInt8] {
        var members: [([UInt8], [UInt8])] = []
        if chance(0.5) { members.append((key("name"), string(pick(["get_weather", "search", ""])))) }
        members.append((key("arguments"), textValue()))
        return object(shuffledMaybe(members))
    }

    private mutating func usage() -> [UInt8] {
        if chance(0.1) { return Array("null".utf8) }
        return object(shuffledMaybe([
            (key("prompt_tokens"), Array(pick(["8", "\"8\"", "8.0", "null"]).utf8)),
            (key("completion_tokens"), Array(pick(["14", "1e1", "-1"]).utf8)),
            (key("total_tokens"), Array(pick(["22", "\"22\"", "true"]).utf8)),
        ]))
    }

    /// A value where text is expected: usually a string, sometimes something else.
    private mutating func textValue() -> [UInt8] {
        switch Int.random(in: 0..<20, using: &random) {
        case 0: return Array("null".utf8)
        case 1: return Array(pick(["42", "-1.5e3", "0"]).utf8)
        case 2: return anyValue(depth: 2)
        case 3: return Array("\"\"".utf8)
        default: return text()
        }
    }

    /// A string literal built from plain, escaped and broken pieces.
    private mutating func text() -> [UInt8] {
        var bytes: [UInt8] = [0x22]
        for _ in 0..<Int.random(in: 1...6, using: &random) {
            switch Int.random(in: 0..<200, using: &random) {
            case 0: bytes += Array(#"\n"#.utf8)
            case 1: bytes += Array(#"\""#.utf8)
            case 2: bytes += Array(#"\\"#.utf8)
            case 3: bytes += Array(#"\u00e9"#.utf8)
            case 4: bytes += Array(#"\ud83d\ude00"#.utf8)
            case 5: bytes += Array(#"\ud83d"#.utf8)
            case 6: bytes += Array(#"\ude00x"#.utf8)
            case 7: bytes += Array("Tórshavn ✓ 😀".utf8)
            case 8: bytes += [0xFF]
            case 9: bytes += [0xC3]
            case 10: bytes += [0xED, 0xA0, 0x80]
            case 11: bytes += [0x01]
            case 12: bytes += Array(#"\t\/\b\f\r"#.utf8)
            case 13: bytes += Array(#"\u0000\u001B["#.utf8)
            case 14: bytes += Array(#"\x"#.utf8)
            case 15: bytes += Array(String(repeating: "long words ", count: 3).utf8)
            case 16: bytes += Array("e\u{301} 日本".utf8)
            default: bytes += Array(pick(["Hello", " world", "w1 ", ".", " ", "a", "δ"]).utf8)
            }
        }
        bytes.append(0x22)
        return bytes
    }

    /// A key as written: usually plain, sometimes with escapes that spell the same name.
    private mutating func key(_ name: String) -> [UInt8] {
        guard chance(0.04), let first = name.unicodeScalars.first else { return string(name) }
        let hex = String(first.value, radix: 16)
        let escaped = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex + String(name.unicodeScalars.dropFirst())
        return Array("\"\(escaped)\"".utf8)
    }

    private mutating func string(_ text: String) -> [UInt8] { Array("\"\(text)\"".utf8) }

    private mutating func scalar() -> String {
        chance(0.02) ? pick(["nul", "01", "1.", "tru"]) : pick(["null", "true", "false", "0", "\"text\"", "-2.5"])
    }

    private mutating func scalarBytes() -> [UInt8] { Array(scalar().utf8) }

    /// Any JSON value, nested up to `depth`.
    private mutating func anyValue(depth: Int) -> [UInt8] {
        guard depth > 0, chance(0.6) else { return chance(0.5) ? text() : scalarBytes() }
        if chance(0.5) {
            var items: [[UInt8]] = []
            for _ in 0..<Int.random(in: 0...3, using: &random) { items.append(anyValue(depth: depth - 1)) }
            return array(items)
        }
        var members: [([UInt8], [UInt8])] = []
        for _ in 0..<Int.random(in: 0...3, using: &random) {
            members.append((key(pick(["content", "a", "choices", "delta", "é"])), anyValue(depth: depth - 1)))
        }
        return object(members)
    }

    private mutating func object(_ members: [([UInt8], [UInt8])]) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(ascii: "{")] + space()
        for (i, member) in members.enumerated() {
            if i > 0 { bytes += [UInt8(ascii: ",")] + space() }
            bytes += member.0 + space() + [UInt8(ascii: ":")] + space() + member.1 + space()
        }
        if !members.isEmpty, chance(0.03) { bytes.append(UInt8(ascii: ",")) }
        return bytes + [UInt8(ascii: "}")]
    }

    private mutating func array(_ items: [[UInt8]]) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        for (i, item) in items.enumerated() {
            if i > 0 { bytes += [UInt8(ascii: ",")] + space() }
            bytes += item
        }
        if !items.isEmpty, chance(0.03) { bytes.append(UInt8(ascii: ",")) }
        return bytes + [UInt8(ascii: "]")]
    }

    /// Usually nothing, sometimes JSON space, rarely a form feed (not JSON space).
    private mutating func space() -> [UInt8] {
        if chance(0.002) { return [0x0C] }
        guard chance(0.1) else { return [] }
        return [pick([0x20, 0x0A, 0x0D, 0x09])]
    }

    /// Now and then the bytes cut short, one byte changed, or a byte put in.
    private mutating func corrupted(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        guard !bytes.isEmpty else { return bytes }
        switch Int.random(in: 0..<30, using: &random) {
        case 0: bytes.removeLast(Int.random(in: 1...bytes.count, using: &random))
        case 1: bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
        case 2: bytes.insert(pick([0x22, 0x5C, 0x2C, 0x7D, 0x5D, 0xFF, 0x00]), at: Int.random(in: 0...bytes.count, using: &random))
        default: break
        }
        return bytes
    }

    private mutating func shuffledMaybe<T>(_ items: [T]) -> [T] {
        chance(0.3) ? items.shuffled(using: &random) : items
    }

    private mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &random) < p }

    private mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }

    private mutating func oneOf(_ items: [[UInt8]]) -> [UInt8] { pick(items) }
}
