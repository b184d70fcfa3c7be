import ChatModel
import Foundation
import Synchronization
import NIOCore
import NIOHTTP1

/// Sends one scenario as an HTTP response on a connection, event by event, with its pauses and faults.
///
/// Each write is awaited, so bytes are in the kernel before the next pause starts and before a reset.
struct ScenarioPlayer {
    /// How playing ended: the response is complete, or the connection is gone.
    enum Outcome {
        case completed
        case closed
    }

    let scenario: Scenario
    /// The last user message, substituted JSON-escaped for `{{prompt}}` in data and bodies.
    let prompt: String
    /// The request body as JSON; its top-level string field NAME is substituted for `{{body.NAME}}`.
    let requestBody: JSONValue?
    let channel: any Channel
    /// Fresh ids for `{{id.NAME}}`, one per name, the same everywhere in this response.
    let ids = ResponseIDs()

    func play() async throws -> Outcome {
        var head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: scenario.status))
        for header in scenario.headers { head.headers.add(name: header.name, value: header.value) }
        try await write(.head(head))
        var drip: (bytes: Int, every: Int)?
        for event in scenario.events {
            if event.delayMilliseconds > 0 { try await pause(event.delayMilliseconds) }
            switch event.action {
            case .stall(let milliseconds?):
                try await pause(milliseconds)
            case .stall(nil):
                try await channel.closeFuture.get()
                return .closed
            case .reset:
                try await resetConnection()
                return .closed
            case .drip(let bytes, let every):
                drip = (bytes, every)
            case .bytes(let bytes):
                try await send(bytes, drip: drip)
            default:
                try await send(Array(render(event.action).utf8), drip: drip)
            }
        }
        try await write(.end(nil))
        return .completed
    }

    /// The text an event puts on the wire.
    func render(_ action: ScenarioEvent.Action) -> String {
        switch action {
        case .data(let name?, let text): return "event: \(name)\ndata: \(substitute(text))\n\n"
        case .data(nil, let text): return "data: \(substitute(text))\n\n"
        case .comment(let text): return ": \(text)\n\n"
        case .raw(let text): return text
        case .body(let text): return substitute(text)
        case .malformed(let text):
            let full = substitute(text)
            return "data: \(full.prefix(full.count / 2))\n\n"
        case .bytes(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .stall, .reset, .drip: return ""
        }
    }

    /// Replaces `{{prompt}}`, `{{body.NAME}}` and `{{id.NAME}}`; `{{a|b}}` takes the first that is not empty.
    /// Unknown placeholders are left as they are.
    private func substitute(_ text: String) -> String {
        var rest = text[...]
        var out = ""
        while let start = rest.range(of: "{{"), let end = rest.range(of: "}}", range: start.upperBound..<rest.endIndex) {
            let alternatives = rest[start.upperBound..<end.lowerBound].split(separator: "|").map(value(of:))
            out += rest[..<start.lowerBound]
            guard alternatives.allSatisfy({ $0 != nil }) else {
                out += "{{"
                rest = rest[start.upperBound...]
                continue
            }
            out += JSONValue.escape(alternatives.compactMap { $0 }.first { !$0.isEmpty } ?? "")
            rest = rest[end.upperBound...]
        }
        return out + rest
    }

    /// The text of one placeholder name, or `nil` when the name is not a placeholder.
    private func value(of name: Substring) -> String? {
        if name == "prompt" { return prompt }
        if name.hasPrefix("body.") { return requestBody?[String(name.dropFirst(5))]?.stringValue ?? "" }
        if name.hasPrefix("id.") { return ids.id(for: String(name.dropFirst(3))) }
        return nil
    }

    private func send(_ bytes: [UInt8], drip: (bytes: Int, every: Int)?) async throws {
        guard let drip else { return try await writeBytes(bytes[...]) }
        var start = 0
        while start < bytes.count {
            if start > 0 { try await pause(drip.every) }
            let end = min(bytes.count, start + drip.bytes)
            try await writeBytes(bytes[start..<end])
            start = end
        }
    }

    private func writeBytes(_ bytes: ArraySlice<UInt8>) async throws {
        guard !bytes.isEmpty else { return }
        try await write(.body(.byteBuffer(ByteBuffer(bytes: bytes))))
    }

    private func write(_ part: HTTPServerResponsePart) async throws {
        try await channel.writeAndFlush(part).get()
    }

    private func pause(_ milliseconds: Int) async throws {
        try await Task.sleep(for: .milliseconds(milliseconds))
    }

    /// Closes with SO_LINGER 0, so the peer sees a TCP RST instead of an orderly end.
    private func resetConnection() async throws {
        if let provider = channel as? any SocketOptionProvider {
            try? await provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
        }
        try? await channel.close().get()
    }
}

/// The ids one response hands out, created on first use.
final class ResponseIDs: Sendable {
    private let ids = Mutex([String: String]())

    func id(for name: String) -> String {
        ids.withLock { ids in
            if let id = ids[name] { return id }
            let id = UUID().uuidString.lowercased()
            ids[name] = id
            return id
        }
    }
}
