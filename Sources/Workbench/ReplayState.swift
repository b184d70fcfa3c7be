import ChatModel
import Foundation

/// A replay on screen: which tape, how many of its records are shown, and whether it plays.
///
/// The records shown are always a prefix of the tape, folded by `RunLog` from the first; going back folds the
/// shorter prefix again from the start, so every position shows exactly what the live screen showed then.
public struct ReplayState: Sendable, Equatable {
    /// Where leaving the replay goes.
    public enum Origin: Sendable, Equatable {
        /// `parley replay FILE`: leaving quits.
        case commandLine
        /// A reply in the workbench: leaving shows this conversation again, with its selection and focus.
        case conversation(id: String, selection: String?, focus: Pane)
    }

    public let tape: ReplayTape
    /// The conversation and reply the replay fills.
    public let conversationID: String
    public let messageID: String
    public let origin: Origin
    /// How many records are shown: 0 before the first, `tape.records.count` at the end.
    public internal(set) var position = 0
    public internal(set) var isPaused: Bool
    public internal(set) var speed: Double
    /// Bumped whenever the wait in flight no longer applies (pause, a step, a new speed), so a late tick is ignored.
    public internal(set) var generation = 0
    /// When each record is due, in seconds from the start of the replay at this speed (`ReplayPacing`).
    private(set) var deadlines: [Double] = []
    /// How many waits at this speed are longer than the tape's `maxGap` and were shortened to it.
    public private(set) var shortenedWaits = 0

    /// Records that fall due within this many seconds of each other are shown in one step while playing; a
    /// frame is at least 16 ms, so nothing visible changes, and a fast stream costs a step per frame, not per record.
    static let batchWindow = 0.01

    init(tape: ReplayTape, conversationID: String, messageID: String, origin: Origin) {
        self.tape = tape
        self.conversationID = conversationID
        self.messageID = messageID
        self.origin = origin
        isPaused = tape.startsPaused
        speed = tape.speed
        pace()
    }

    /// The number of records on the tape.
    public var count: Int { tape.records.count }

    /// True when every record is shown.
    public var isAtEnd: Bool { position >= count }

    /// What the status bar says: `replay: record 3 of 12 · paused · 2×`.
    public var statusText: String {
        let mode = isAtEnd ? "ended" : isPaused ? "paused" : "playing"
        let pace = tape.isTimed ? Self.speedLabel(speed) : "untimed"
        return "replay: record \(position) of \(count) · \(mode) · \(pace)"
    }

    /// Says that waits longer than `maxGap` are shortened, when some are, so the pace after them is not the original.
    public var shortenedNotice: String? {
        guard shortenedWaits > 0 else { return nil }
        let seconds = tape.maxGap == tape.maxGap.rounded() ? String(Int(tape.maxGap)) : String(format: "%g", tape.maxGap)
        return "\(shortenedWaits) wait\(shortenedWaits == 1 ? " is" : "s are") longer than \(seconds) s and shortened to it (--max-gap)."
    }

    /// A speed as people write it: `1×`, `2×`, `0.5×`.
    static func speedLabel(_ speed: Double) -> String {
        let text = speed == speed.rounded() ? String(Int(speed)) : String(format: "%g", speed)
        return text + "×"
    }

    /// Seconds from record `from`'s due time to record `to`'s (from the start of the replay when `from` is nil).
    func wait(from: Int?, to: Int) -> Double {
        guard deadlines.indices.contains(to) else { return 0 }
        let start = from.map { deadlines.indices.contains($0) ? deadlines[$0] : 0 } ?? 0
        return max(0, deadlines[to] - start)
    }

    /// The next record to show while playing after record `index` was shown in a step of its own: the first one
    /// not due within `batchWindow` of it.
    func batchEnd(after index: Int) -> Int {
        var end = index + 1
        while end < count, wait(from: index, to: end) < Self.batchWindow { end += 1 }
        return end
    }

    mutating func setSpeed(_ newSpeed: Double) {
        speed = newSpeed
        pace()
    }

    mutating func setPosition(_ newPosition: Int) {
        position = min(max(0, newPosition), count)
    }

    mutating func setPaused(_ paused: Bool) {
        isPaused = paused
    }

    /// Makes any wait in flight stale; returns the new generation.
    mutating func invalidateWait() -> Int {
        generation += 1
        return generation
    }

    private mutating func pace() {
        let pacing = ReplayPacing(times: tape.records.map(\.receivedAt), speed: speed, maxGap: tape.maxGap)
        deadlines = pacing.deadlines
        shortenedWaits = pacing.shortened.count
    }
}
