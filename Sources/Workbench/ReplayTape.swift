import ChatModel
import Foundation

/// A recorded reply the screen can play again: its decoded records in arrival order, the response head, and
/// what is known of the request.
///
/// `parley replay FILE` makes one from a recording, a bare body or a `curl -i` file; `R` in the workbench makes
/// one from a stored reply. Replay folds these records with `RunLog` exactly as the live screen did.
public struct ReplayTape: Sendable, Equatable {
    /// Where the tape came from: leaving a file's replay quits, leaving a stored reply's goes back to it.
    public enum Source: Sendable, Equatable {
        /// `parley replay FILE`.
        case file(String)
        /// A reply in the workbench, by its message id.
        case reply(messageID: String)
    }

    public var source: Source
    /// The conversation title shown for the replay.
    public var title: String
    /// The provider kind the records were decoded as.
    public var provider: String
    /// The user's message the reply answered, when the request says it.
    public var prompt: String?
    /// The run id the inspector's Request tab and Raw pages use (the stored run's id for a stored reply).
    public var runID: String
    /// Every record of the response, decoded, with its arrival time in seconds after the request.
    public var records: [RawRecord]
    /// The response status and when the head arrived, when one did.
    public var status: Int?
    public var headAt: Double?
    /// The request and response head for the Request tab, when the tape carries them itself (a file; a stored
    /// reply's are read from the store as for any reply).
    public var request: InspectedRequest?
    /// False for a bare body or `curl -i` file: every record arrived at time 0, so it plays at once.
    public var isTimed: Bool
    /// How it plays: speed (2 is twice as fast), the longest wait between two records, and whether it starts paused.
    public var speed: Double
    public var maxGap: Double
    public var startsPaused: Bool

    public init(
        source: Source, title: String, provider: String, prompt: String? = nil, runID: String, records: [RawRecord],
        status: Int? = nil, headAt: Double? = nil, request: InspectedRequest? = nil, isTimed: Bool = true,
        speed: Double = 1, maxGap: Double = ReplayPacing.defaultMaxGap, startsPaused: Bool = false
    ) {
        self.source = source
        self.title = title
        self.provider = provider
        self.prompt = prompt
        self.runID = runID
        self.records = records
        self.status = status
        self.headAt = headAt
        self.request = request
        self.isTimed = isTimed
        self.speed = speed
        self.maxGap = maxGap
        self.startsPaused = startsPaused
    }

    /// The reply's log with the first `count` records folded in, the head noted first; with every record
    /// folded, the run is ended as a live run ends, so a stream without its end marker shows as interrupted.
    func log(conversationID: String, messageID: String, upTo count: Int) -> RunLog {
        var log = RunLog(
            id: RunID(runID), conversationID: conversationID,
            reply: Message(id: messageID, role: .assistant, status: .streaming))
        if let status { log.noteHead(status: status, at: headAt ?? 0) }
        log.append(contentsOf: Array(records.prefix(count)))
        if count >= records.count { log.end() }
        return log
    }
}
