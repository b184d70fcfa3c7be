import ChatModel
import Foundation
import Providers
import Wire

/// A provider for controller tests: the request body is the turn as JSON, and each SSE data line is a
/// command (`text:…`, `opened:ID`, `usage:N`, `finish`, `fail:…`).
struct ScriptedProvider: ChatProvider {
    let kind = "scripted"
    let credentials = CredentialFields.none

    func makeRequest(for turn: TurnRequest) throws -> HTTPRequest {
        var body = JSONLine()
        body.set("messages", .array(turn.messages.map { .object(JSONLine(["role": $0.role.rawValue, "content": $0.content])) }))
        body.setIfPresent("remote", turn.remoteConversationID)
        return HTTPRequest(method: "POST", url: "http://127.0.0.1:9/chat", body: encodeJSONBody(body))
    }

    func makeDecoder() -> any StreamDecoder { Decoder() }

    struct Decoder: StreamDecoder {
        func decode(_ event: SSEEvent) -> [StreamEvent] {
            let (command, argument) = event.data.split(separator: ":", maxSplits: 1).map(String.init).pair
            switch command {
            case "text": return [.text(argument)]
            case "opened": return [.opened(conversationID: argument, messageID: nil)]
            case "usage": return [.usage(Usage(promptTokens: 1, completionTokens: Int(argument), totalTokens: nil))]
            case "finish": return [.finished(reason: "stop")]
            case "fail": return [.failed(ProviderError(kind: .stream, message: argument))]
            default: return []
            }
        }

        func decodeDocument(status: Int, contentType: String?, body: [UInt8]) -> [StreamEvent] {
            [.failed(ErrorDocument.providerError(status: status, body: body))]
        }

        func finish() -> [StreamEvent] {
            [.failed(ProviderError(kind: .interrupted, message: "ended early"))]
        }
    }
}

extension Array where Element == String {
    fileprivate var pair: (String, String) { (first ?? "", count > 1 ? self[1] : "") }
}

/// Builds an SSE body from command lines.
func sse(_ commands: String...) -> String {
    commands.map { "data: \($0)\n\n" }.joined()
}

/// A clock that moves a tenth of a second each time it is read.
final class SteppingClock: @unchecked Sendable {
    private let lock = NSLock()
    private var time = 0.0

    func read() -> Double {
        lock.withLock {
            time += 0.1
            return time
        }
    }
}
