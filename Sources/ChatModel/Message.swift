import Foundation

/// One message of a conversation, with every part a reply can carry.
///
/// An assistant reply starts empty with status `streaming` and grows by `apply(_:)`, the one fold from
/// stream events to a reply that the session controller, the workbench and the store share.
public struct Message: Sendable, Equatable, Identifiable {
    /// How a message ended.
    public enum Status: String, Sendable {
        case streaming
        case complete
        case cancelled
        case failed
        /// The stream stopped without the provider's end marker (or the app died mid-stream).
        case interrupted
    }

    public var id: String
    public var role: ChatMessage.Role
    public var text: String
    public var reasoning: String
    /// Steps in the order first seen; a step re-sent with the same id replaces the earlier one.
    public var steps: [Step]
    public var citations: [Citation]
    public var files: [Attachment]
    public var usage: Usage?
    public var error: ProviderError?
    public var finishReason: String?
    public var status: Status
    /// The provider's id for this message, when it gave one.
    public var remoteID: String?
    public var createdAt: Date

    public init(
        id: String, role: ChatMessage.Role, text: String = "", status: Status = .complete,
        createdAt: Date = Date(timeIntervalSince1970: 0)
    ) {
        self.id = id
        self.role = role
        self.text = text
        self.reasoning = ""
        self.steps = []
        self.citations = []
        self.files = []
        self.usage = nil
        self.error = nil
        self.finishReason = nil
        self.status = status
        self.remoteID = nil
        self.createdAt = createdAt
    }

    /// Folds one stream event into the reply.
    public mutating func apply(_ event: StreamEvent) {
        switch event {
        case .opened(_, let messageID):
            if let messageID { remoteID = messageID }
        case .text(let delta):
            text += delta
        case .replaced(let full):
            text = full
        case .reasoning(let delta):
            reasoning += delta
        case .step(let step):
            if let index = steps.lastIndex(where: { $0.id == step.id }) {
                steps[index] = step
            } else {
                steps.append(step)
            }
        case .toolCallDelta:
            break
        case .citations(let new):
            citations += new
        case .file(let file):
            files.append(file)
        case .usage(let new):
            usage = new
        case .keepAlive:
            break
        case .finished(let reason):
            finishReason = reason
            if status == .streaming { status = .complete }
        case .failed(let failure):
            error = failure
            if status == .streaming { status = Message.status(for: failure) }
        }
    }

    /// Folds the records' events into the reply in order, as `apply` does one at a time. A run of text deltas
    /// (or of reasoning deltas) is gathered as bytes and appended at once: a fast stream's deltas are a word
    /// each, and one String append per word cost about a thousand instructions, most of them checking the
    /// growing text's capacity.
    public mutating func apply(eventsOf records: [RawRecord]) {
        var gathered: [UInt8] = []
        var gatheringReasoning = false
        func flush(_ message: inout Message) {
            guard !gathered.isEmpty else { return }
            let piece = String(decoding: gathered, as: UTF8.self)
            if gatheringReasoning { message.reasoning += piece } else { message.text += piece }
            gathered.removeAll(keepingCapacity: true)
        }
        for record in records {
            for event in record.events {
                switch event {
                case .text(let delta), .reasoning(let delta):
                    let reasoning = if case .reasoning = event { true } else { false }
                    if reasoning != gatheringReasoning {
                        flush(&self)
                        gatheringReasoning = reasoning
                    }
                    gathered.append(contentsOf: delta.utf8)
                default:
                    flush(&self)
                    apply(event)
                }
            }
        }
        flush(&self)
    }

    /// The status a failure leaves a reply in.
    public static func status(for failure: ProviderError) -> Status {
        switch failure.kind {
        case .cancelled: return .cancelled
        case .interrupted: return .interrupted
        default: return .failed
        }
    }

    /// True when the message goes back to a provider as history: every prompt, and replies that completed.
    /// A cancelled, failed or interrupted reply stays on record but was never the answer.
    public var isHistory: Bool { role != .assistant || (status == .complete && !text.isEmpty) }

    /// The message as it is sent back to a provider as history.
    public var chatMessage: ChatMessage { ChatMessage(role: role, content: text) }
}

/// A conversation: local, or mirrored from a provider's own history.
public struct Conversation: Sendable, Equatable, Identifiable {
    public var id: String
    public var title: String
    /// The provider kind (`openai`, `dify`, …) and the profile name it was used through.
    public var provider: String
    public var profile: String?
    /// The provider's conversation or session id, once the server named one.
    public var remoteID: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var archived: Bool
    public var pinned: Bool

    public init(
        id: String, title: String, provider: String, profile: String? = nil, remoteID: String? = nil,
        createdAt: Date, updatedAt: Date? = nil, archived: Bool = false, pinned: Bool = false
    ) {
        self.id = id
        self.title = title
        self.provider = provider
        self.profile = profile
        self.remoteID = remoteID
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.archived = archived
        self.pinned = pinned
    }
}
