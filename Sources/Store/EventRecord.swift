/// One normalized event as stored in a raw record's `events` JSON column.
///
/// A flat object keyed by `type` with only the fields that type uses, so the stored JSON reads like the
/// `--jsonl` output and survives additions to `StreamEvent` (unknown types decode and are skipped).
struct EventRecord: Codable, Equatable {
    var type: String
    var text: String?
    var conversationID: String?
    var messageID: String?
    var step: StepRow?
    var index: Int?
    var id: String?
    var name: String?
    var citations: [CitationRow]?
    var file: FileRow?
    var usage: UsageRow?
    var reason: String?
    var error: ErrorRow?

    init(type: String) {
        self.type = type
    }
}

/// Token counts and price of a usage event; the price is the exact decimal string.
struct UsageRow: Codable, Equatable {
    var promptTokens: Int?
    var completionTokens: Int?
    var totalTokens: Int?
    var totalPrice: String?
    var currency: String?
    var latency: Double?
}

/// A provider error as stored in an event.
struct ErrorRow: Codable, Equatable {
    var kind: String
    var status: Int?
    var code: String?
    var message: String
}
