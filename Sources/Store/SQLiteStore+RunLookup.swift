import ChatModel
import Foundation

/// A stored run with the reply it produced and the conversation it belongs to.
public struct StoredRunContext: Sendable, Equatable {
    public var run: StoredRun
    public var reply: Message
    public var conversation: Conversation

    public init(run: StoredRun, reply: Message, conversation: Conversation) {
        self.run = run
        self.reply = reply
        self.conversation = conversation
    }
}

/// Finding stored runs by what a user types: a conversation, message or run id, or the first characters of one.
extension SQLiteStore {
    /// What an id named: a conversation (all its replies' runs), a message (its runs), or one run.
    public enum RunSelection: String, Sendable {
        case conversation, message, run
    }

    /// The runs `text` names, oldest first: a conversation's every run, a message's runs, or one run. Ids are
    /// tried in that order; a prefix that names several of one kind throws `invalidInput`, one that names
    /// nothing throws `notFound`.
    public func storedRuns(matching text: String) throws -> (selection: RunSelection, runs: [StoredRunContext]) {
        var conversationID: String?
        do {
            conversationID = try resolveConversationID(text)
        } catch let error as StoreError where error.kind == .notFound {
            conversationID = nil
        }
        if let conversationID, let (conversation, messages) = try transcript(id: conversationID) {
            let found = try messages.filter { $0.role == .assistant }.flatMap { reply in
                try self.runs(forMessage: reply.id).map { StoredRunContext(run: $0, reply: reply, conversation: conversation) }
            }
            return (.conversation, found)
        }
        if let messageID = try findMessageID(text), let context = try messageContext(messageID) {
            let found = try self.runs(forMessage: messageID).map {
                StoredRunContext(run: $0, reply: context.message, conversation: context.conversation)
            }
            return (.message, found)
        }
        if let runID = try resolveRunID(text), let run = try run(id: runID), let context = try messageContext(run.messageID) {
            return (.run, [StoredRunContext(run: run, reply: context.message, conversation: context.conversation)])
        }
        throw StoreError(
            kind: .notFound,
            message: "No conversation, message or run has an id starting with \(text). `parley conversations list` shows them.")
    }

    /// The full id of the one run whose id is `text` or starts with it; `nil` when none does.
    public func resolveRunID(_ text: String) throws -> String? {
        try locked { db in
            let select = try db.prepare("SELECT id FROM runs WHERE id >= ? AND id < ? ORDER BY id LIMIT 2")
            try select.bind(.text(text), .text(text + "\u{10FFFF}"))
            var ids: [String] = []
            while try select.step() { ids.append(select.text(0)) }
            if ids.contains(text) { return text }
            if ids.count > 1 {
                throw StoreError(kind: .invalidInput, message: "Several runs start with \(text); give more of the id.")
            }
            return ids.first
        }
    }

    private func messageContext(_ messageID: String) throws -> (message: Message, conversation: Conversation)? {
        let conversationID: String? = try locked { db in
            let select = try db.prepare("SELECT conversation_id FROM messages WHERE id = ?")
            try select.bind(.text(messageID))
            return try select.step() ? select.text(0) : nil
        }
        guard let conversationID, let conversation = try conversation(id: conversationID),
              let message = try message(id: messageID)
        else { return nil }
        return (message, conversation)
    }
}
