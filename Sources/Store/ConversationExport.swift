import ChatModel
import Foundation

/// The JSON export of one conversation: every row the store holds for it, nested.
///
/// It is the stored rows themselves (not the domain types), so nothing is lost or reinterpreted: prices stay
/// decimal strings, dates are seconds since 1970, bytes are base64. Each row is written under its field
/// names, then keys become snake case and numbers take Foundation's spelling, so the document reads as
/// `JSONEncoder` wrote it in earlier versions.
struct ConversationExport {
    struct MessageEntry {
        var message: MessageRow
        var runs: [RunEntry]
    }

    struct RunEntry {
        var run: RunRow
        var records: [RawRecordRow]
    }

    var format = "parley.conversation"
    var schemaVersion: Int
    var conversation: ConversationRow
    var messages: [MessageEntry]

    /// The document, indented with sorted keys.
    var text: String {
        var document = JSONLine()
        document.set("format", format)
        document.set("schemaVersion", schemaVersion)
        document.set("conversation", .object(conversation.json))
        document.set("messages", .array(messages.map { entry in
            var message = JSONLine()
            message.set("message", .object(entry.message.json))
            message.set("runs", .array(entry.runs.map { run in
                var item = JSONLine()
                item.set("run", .object(run.run.json))
                item.set("records", .array(run.records.map { .object($0.json) }))
                return .object(item)
            }))
            return .object(message)
        }))
        return document.mapped(keys: Self.snakeCase, doubles: JSONLine.Value.shortest).text(.document)
    }

    /// `conversationID` → `conversation_id`, `keepAlives` → `keep_alives`, as `.convertToSnakeCase` spells
    /// keys: a word starts at an upper-case letter after a lower-case one, or at the last capital of an
    /// acronym that a lower-case letter follows.
    static func snakeCase(_ key: String) -> String {
        let characters = Array(key)
        var out = ""
        for (i, c) in characters.enumerated() {
            if c.isUppercase, i > 0 {
                let afterLower = !characters[i - 1].isUppercase && characters[i - 1] != "_"
                let endsAcronym = characters[i - 1].isUppercase && i + 1 < characters.count && characters[i + 1].isLowercase
                if afterLower || endsAcronym { out += "_" }
            }
            out += c.lowercased()
        }
        return out
    }
}

extension ConversationRow {
    var json: JSONLine {
        var r = JSONLine()
        r.set("id", id)
        r.set("title", title)
        r.set("provider", provider)
        r.setIfPresent("profile", profile)
        r.setIfPresent("remoteID", remoteID)
        r.set("createdAt", .double(createdAt))
        r.set("updatedAt", .double(updatedAt))
        r.set("archived", .bool(archived))
        r.set("pinned", .bool(pinned))
        return r
    }
}

extension MessageRow {
    var json: JSONLine {
        var r = JSONLine()
        r.set("id", id)
        r.set("conversationID", conversationID)
        r.set("position", position)
        r.set("role", role)
        r.set("text", text)
        r.set("reasoning", reasoning)
        r.set("status", status)
        r.setIfPresent("finishReason", finishReason)
        r.setIfPresent("remoteID", remoteID)
        r.set("createdAt", .double(createdAt))
        r.setIfPresent("errorKind", errorKind)
        r.setIfPresent("errorStatus", errorStatus)
        r.setIfPresent("errorCode", errorCode)
        r.setIfPresent("errorMessage", errorMessage)
        r.setIfPresent("promptTokens", promptTokens)
        r.setIfPresent("completionTokens", completionTokens)
        r.setIfPresent("totalTokens", totalTokens)
        r.setIfPresent("totalPrice", totalPrice)
        r.setIfPresent("currency", currency)
        r.setIfPresent("latency", latency.map(JSONLine.Value.double))
        r.set("steps", .array(steps.map { .object($0.json) }))
        r.set("citations", .array(citations.map { .object($0.json) }))
        r.set("files", .array(files.map { .object($0.json) }))
        return r
    }
}

extension RunRow {
    var json: JSONLine {
        var r = JSONLine()
        r.set("id", id)
        r.set("messageID", messageID)
        r.set("startedAt", .double(startedAt))
        r.set("method", method)
        r.set("url", url)
        r.set("requestHeaders", RecordMapping.headersJSON(requestHeaders))
        r.set("requestBody", requestBody.base64EncodedString())
        r.setIfPresent("responseStatus", responseStatus)
        r.setIfPresent("responseHeaders", responseHeaders.map(RecordMapping.headersJSON))
        for (key, value) in [("responseAt", responseAt), ("ttfb", ttfb), ("ttft", ttft), ("duration", duration)] {
            r.setIfPresent(key, value.map(JSONLine.Value.double))
        }
        r.set("bytes", bytes)
        r.set("recordCount", recordCount)
        r.set("eventCount", eventCount)
        r.set("keepAlives", keepAlives)
        r.set("textDeltas", textDeltas)
        r.set("largestGap", .double(largestGap))
        r.set("largestSilence", .double(largestSilence))
        r.set("stalls", stalls)
        r.setIfPresent("completionTokens", completionTokens)
        return r
    }
}

extension RawRecordRow {
    var json: JSONLine {
        var r = JSONLine()
        r.set("seq", seq)
        r.set("kind", kind)
        r.set("offset", offset)
        r.set("receivedAt", .double(receivedAt))
        r.setIfPresent("eventName", eventName)
        r.set("bytes", Data(bytes).base64EncodedString())
        r.set("events", .array(events.map { .object($0.json) }))
        return r
    }
}

extension SQLiteStore {
    /// The conversation as pretty-printed JSON with its messages, runs and raw records.
    public func exportJSON(conversation id: String) throws -> String {
        try locked { db -> ConversationExport in
            guard let conversation = try ConversationQueries.row(id: id, db) else {
                throw StoreError(kind: .notFound, message: "There is no conversation with id \(id).")
            }
            let messages = try MessageQueries.messages(inConversation: id, db).map { message in
                let runs = try RunQueries.runs(forMessage: message.id, db).map {
                    ConversationExport.RunEntry(run: $0, records: try RunQueries.records(runID: $0.id, db))
                }
                return ConversationExport.MessageEntry(message: message, runs: runs)
            }
            return ConversationExport(schemaVersion: Migrations.current, conversation: conversation, messages: messages)
        }.text
    }
}
