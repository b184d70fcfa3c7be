/// A rule the linter checks: its id, how much breaking it matters, and one line on why, for a client author.
///
/// The catalogue below is the one list: `parley lint --rules` prints it, and findings carry their rule.
public struct LintRule: Sendable, Equatable, Hashable {
    public let id: String
    public let severity: LintSeverity
    /// One line on why it matters to a client.
    public let why: String

    public init(_ id: String, _ severity: LintSeverity, _ why: String) {
        self.id = id
        self.severity = severity
        self.why = why
    }
}

extension LintRule {
    // MARK: HTTP

    public static let contentType = LintRule(
        "http-content-type", .error,
        "Clients (EventSource, SDKs, Parley) read a body as events only when Content-Type is text/event-stream; "
            + "otherwise they wait for the whole body and show nothing until the end.")
    public static let httpStatus = LintRule(
        "http-status", .note,
        "A non-2xx answer is an error document, not a stream; clients show its message instead of a reply.")

    // MARK: WHATWG event-stream framing

    public static let bom = LintRule(
        "sse-bom", .warning,
        "The spec drops one leading BOM, but hand-written parsers then see a first field named \"\\u{FEFF}data\" "
            + "and lose the first event.")
    public static let crlf = LintRule(
        "sse-crlf", .note,
        "CRLF is valid, but clients that split on \"\\n\\n\" never find an event boundary and hang.")
    public static let lineEndCR = LintRule(
        "sse-cr", .warning,
        "A lone CR ends a line by the spec, but most line readers wait for LF and see one endless line.")
    public static let mixedLineEnds = LintRule(
        "sse-mixed-line-endings", .warning,
        "Mixed line ends defeat parsers that guess the line end from the first line.")
    public static let invalidUTF8 = LintRule(
        "sse-invalid-utf8", .error,
        "The body must be UTF-8; invalid bytes become U+FFFD and the text the model sent is lost.")
    public static let comment = LintRule(
        "sse-comment", .note,
        "Comments (\": …\") are keep-alives; clients must ignore them, and parsers that treat every line as a "
            + "field fail on them.")
    public static let eventWithoutData = LintRule(
        "sse-event-without-data", .note,
        "A block with fields but no data line dispatches nothing by the spec; clients that act on \"event:\" "
            + "alone see an empty event.")
    public static let unknownField = LintRule(
        "sse-unknown-field", .warning,
        "Fields other than data, event, id and retry are ignored by the spec, so what they carry never reaches "
            + "the client.")
    public static let idOrRetry = LintRule(
        "sse-id-retry", .note,
        "id and retry set the reconnection state (Last-Event-ID, delay); chat APIs cannot resume a stream, so "
            + "a client that reconnects may run the turn twice.")
    public static let unterminated = LintRule(
        "sse-unterminated-event", .error,
        "The stream ended inside an event (no blank line after it); the spec discards it, so the client never "
            + "sees it.")
    public static let empty = LintRule(
        "sse-empty", .error,
        "The body is empty; the client gets no reply and no error.")

    // MARK: Timing

    public static let gap = LintRule(
        "stream-gap", .warning,
        "A silence this long trips idle timeouts in clients and proxies (nginx closes after 60 s by default); "
            + "servers should send keep-alives while they think.")
    public static let keepAliveCadence = LintRule(
        "keepalive-cadence", .note,
        "Keep-alives hold connections open through idle timeouts; clients must not reset their reply on them.")

    // MARK: Provider protocol

    public static let invalidJSON = LintRule(
        "json-invalid", .error,
        "The event's data is not JSON; a client that decodes every event fails the whole reply here.")
    public static let endMissing = LintRule(
        "end-missing", .error,
        "The stream closed without the provider's end marker; a client cannot tell a complete reply from a cut one.")
    public static let doneMissing = LintRule(
        "done-missing", .warning,
        "A finish_reason arrived but no [DONE]; clients that wait for [DONE] hang until the socket closes.")
    public static let finishReasonMissing = LintRule(
        "finish-reason-missing", .warning,
        "[DONE] came without any finish_reason; a client cannot tell a stop from a length cut or a filter.")
    public static let afterEnd = LintRule(
        "event-after-end", .warning,
        "Events after the end marker are dropped by clients that stop reading at the end.")
    public static let usageChoices = LintRule(
        "usage-choices-not-empty", .warning,
        "The usage chunk should have \"choices\": []; clients that read choices[0] from it add an empty delta "
            + "or a second finish.")
    public static let usageMissing = LintRule(
        "usage-missing", .warning,
        "The request asked for stream_options.include_usage but no usage chunk came; token counts and cost are "
            + "unknown to the client.")
    public static let usagePlacement = LintRule(
        "usage-placement", .warning,
        "Usage should come once, in the last chunk before [DONE]; clients that take the first usage or stop at "
            + "finish_reason miss or double-count it.")
    public static let explicitNull = LintRule(
        "delta-explicit-null", .note,
        "Delta keys set to null (not omitted) break clients that append every present field (\"null\" text, "
            + "crashes on a null string).")
    public static let legacyFunctionCall = LintRule(
        "tool-call-legacy-function-call", .warning,
        "A legacy function_call beside tool_calls makes clients that support both run the tool twice.")
    public static let toolCallIDRepeated = LintRule(
        "tool-call-id-repeated", .warning,
        "The tool-call id should come only in the first fragment; clients that concatenate fragments build "
            + "\"call_1call_1…\".")
    public static let toolCallNameRepeated = LintRule(
        "tool-call-name-repeated", .warning,
        "The function name should come only in the first fragment; clients that concatenate fragments call "
            + "\"get_weatherget_weather\".")
    public static let thoughtRepeated = LintRule(
        "agent-thought-repeated", .note,
        "Dify re-sends an agent_thought with the same id as it fills in; clients must replace it by id, not "
            + "append it again.")
    public static let unknownEvent = LintRule(
        "event-unknown-type", .warning,
        "An event type the provider's protocol does not define; clients ignore it, so whatever it carries is lost.")
    public static let errorEvent = LintRule(
        "event-error", .note,
        "The stream reported an error; clients should show its message and not treat the reply as complete.")

    /// Every rule, in the order `parley lint --rules` lists them.
    public static let all: [LintRule] = [
        contentType, httpStatus, bom, crlf, lineEndCR, mixedLineEnds, invalidUTF8, comment, eventWithoutData,
        unknownField, idOrRetry, unterminated, empty, gap, keepAliveCadence, invalidJSON, endMissing, doneMissing,
        finishReasonMissing, afterEnd, usageChoices, usageMissing, usagePlacement, explicitNull, legacyFunctionCall,
        toolCallIDRepeated, toolCallNameRepeated, thoughtRepeated, unknownEvent, errorEvent,
    ]
}
