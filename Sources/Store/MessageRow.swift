/// A `messages` row with its `steps`, `citations` and `files` child rows, exactly as stored.
///
/// The price stays the decimal string it was stored as, so no floating-point step can change it.
struct MessageRow: Equatable {
    var id: String
    var conversationID: String
    var position: Int
    var role: String
    var text: String
    var reasoning: String
    var status: String
    var finishReason: String?
    var remoteID: String?
    var createdAt: Double
    var errorKind: String?
    var errorStatus: Int?
    var errorCode: String?
    var errorMessage: String?
    var promptTokens: Int?
    var completionTokens: Int?
    var totalTokens: Int?
    var totalPrice: String?
    var currency: String?
    var latency: Double?
    var steps: [StepRow] = []
    var citations: [CitationRow] = []
    var files: [FileRow] = []

    static let columns = """
        id, conversation_id, position, role, text, reasoning, status, finish_reason, remote_id, created_at, \
        error_kind, error_status, error_code, error_message, prompt_tokens, completion_tokens, total_tokens, \
        total_price, currency, latency
        """

    init(
        id: String, conversationID: String, position: Int, role: String, text: String, reasoning: String,
        status: String, createdAt: Double
    ) {
        self.id = id
        self.conversationID = conversationID
        self.position = position
        self.role = role
        self.text = text
        self.reasoning = reasoning
        self.status = status
        self.createdAt = createdAt
    }

    /// Reads the message's own columns from a statement that selected `columns` first.
    init(_ s: Statement) {
        self.init(
            id: s.text(0), conversationID: s.text(1), position: s.int(2), role: s.text(3), text: s.text(4),
            reasoning: s.text(5), status: s.text(6), createdAt: s.double(9))
        finishReason = s.optionalText(7)
        remoteID = s.optionalText(8)
        errorKind = s.optionalText(10)
        errorStatus = s.optionalInt(11)
        errorCode = s.optionalText(12)
        errorMessage = s.optionalText(13)
        promptTokens = s.optionalInt(14)
        completionTokens = s.optionalInt(15)
        totalTokens = s.optionalInt(16)
        totalPrice = s.optionalText(17)
        currency = s.optionalText(18)
        latency = s.optionalDouble(19)
    }

    var values: [SQLValue] {
        [.text(id), .text(conversationID), .int(position), .text(role), .text(text), .text(reasoning), .text(status),
         .textOrNull(finishReason), .textOrNull(remoteID), .double(createdAt), .textOrNull(errorKind),
         .intOrNull(errorStatus), .textOrNull(errorCode), .textOrNull(errorMessage), .intOrNull(promptTokens),
         .intOrNull(completionTokens), .intOrNull(totalTokens), .textOrNull(totalPrice), .textOrNull(currency),
         .doubleOrNull(latency)]
    }
}

/// A `steps` row: one agent step, tool call or workflow node of a message.
struct StepRow: Equatable {
    var id: String
    var kind: String
    var name: String
    var input: String
    var output: String
    var status: String
    var thought: String
}

/// A `citations` row.
struct CitationRow: Equatable {
    var id: String?
    var rank: Int?
    var title: String
    var source: String?
    var content: String
    var score: Double?
    var url: String?
}

/// A `files` row.
struct FileRow: Equatable {
    var id: String?
    var type: String
    var url: String?
    var name: String?
    var belongsTo: String?
}
