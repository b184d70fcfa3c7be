import ChatModel
import TerminalUI
import Workbench
import XCTest

/// Replay in the screen through `reduce`: stepping with n and b, Space, the waits it asks for, the bounds, and
/// opening a stored reply with R and leaving it with Esc.
final class ReplayReducerTests: XCTestCase {
    private static let pieces = ["Apple ", "Banana ", "Cherry ", "Damson ", "Elder"]

    /// Five text records 50 ms apart from 0.1 s, usage at 0.455 s and the end at 0.46 s.
    private static func tape(paused: Bool = true, timed: Bool = true) -> ReplayTape {
        var records = Scenes.textRecords(pieces)
        let end = records.last!.offset + records.last!.bytes.count
        records.append(Scenes.usageRecord(at: 0.455, offset: end))
        records.append(Scenes.doneRecord(at: 0.46, offset: end + records.last!.bytes.count))
        return ReplayTape(
            source: .file("fruit.jsonl"), title: "Replay: fruit.jsonl", provider: "openai", prompt: "Name five fruit",
            runID: "run-1", records: records, status: 200, headAt: 0.042, isTimed: timed, startsPaused: paused)
    }

    private func opened(_ tape: ReplayTape = tape()) -> (AppState, [Effect]) {
        var state = Scenes.empty()
        let effects = reduce(&state, .event(.replayLoaded(tape)))
        return (state, effects)
    }

    private func statusRow(_ state: AppState) -> String {
        Screen.render(state, size: state.size).text.split(separator: "\n").last.map(String.init) ?? ""
    }

    func testPausedReplayStartsBeforeTheFirstRecordWithTheRecordedPrompt() {
        let (state, effects) = opened()
        XCTAssertEqual(effects, [], "a paused replay waits for nothing")
        XCTAssertEqual(state.current.conversation.title, "Replay: fruit.jsonl")
        XCTAssertEqual(state.current.messages.map(\.role), [.user, .assistant])
        XCTAssertEqual(state.current.messages.first?.text, "Name five fruit")
        XCTAssertEqual(state.current.messages.last?.text, "")
        XCTAssertEqual(state.current.messages.last?.status, .streaming)
        XCTAssertEqual(state.inspectedLog?.httpStatus, 200)
        XCTAssertTrue(statusRow(state).contains("replay: record 0 of 7 · paused · 1×"), statusRow(state))
    }

    func testNShowsExactlyOneMoreRecordAndBOneFewer() {
        var (state, _) = opened()
        for (count, expected) in ["Apple ", "Apple Banana ", "Apple Banana Cherry "].enumerated() {
            XCTAssertEqual(reduce(&state, .key(.character("n"))), [])
            XCTAssertEqual(state.current.messages.last?.text, expected)
            XCTAssertEqual(state.inspectedLog?.recordCount, count + 1, "the Raw tab has each record as it arrives")
        }
        XCTAssertTrue(statusRow(state).contains("replay: record 3 of 7 · paused"), statusRow(state))
        _ = reduce(&state, .key(.character("b")))
        XCTAssertEqual(state.current.messages.last?.text, "Apple Banana ")
        XCTAssertEqual(state.inspectedLog?.recordCount, 2)
        XCTAssertTrue(statusRow(state).contains("replay: record 2 of 7"), statusRow(state))
    }

    /// Going back folds the records again from the first, so every position shows what stepping forward to it
    /// showed: the reply, its status, usage, figures and kept records.
    func testGoingBackIsExact() {
        var (forward, _) = opened()
        var stepped: [Int: (RunLog, Message)] = [:]
        for position in 1...7 {
            _ = reduce(&forward, .key(.character("n")))
            stepped[position] = (forward.inspectedLog!, forward.current.messages.last!)
        }
        XCTAssertEqual(forward.current.messages.last?.status, .complete)
        XCTAssertEqual(forward.current.messages.last?.usage?.totalTokens, 62)
        var back = forward
        for position in stride(from: 6, through: 1, by: -1) {
            _ = reduce(&back, .key(.character("b")))
            XCTAssertEqual(back.inspectedLog, stepped[position]?.0, "the log at record \(position)")
            XCTAssertEqual(back.current.messages.last, stepped[position]?.1, "the reply at record \(position)")
        }
        XCTAssertEqual(back.current.messages.last?.status, .streaming, "before the end marker it is still streaming")
        XCTAssertNil(back.current.messages.last?.usage)
    }

    func testBoundsAtTheFirstAndLastRecordSayWhy() {
        var (state, _) = opened()
        XCTAssertEqual(Keymap.resolve(.character("b"), in: state), .unavailable("No record is shown yet; n shows the first."))
        _ = reduce(&state, .key(.character("b")))
        XCTAssertEqual(state.replay?.position, 0)
        XCTAssertEqual(state.notice, "No record is shown yet; n shows the first.")
        for _ in 0..<7 { _ = reduce(&state, .key(.character("n"))) }
        XCTAssertTrue(statusRow(state).contains("record 7 of 7 · ended"), statusRow(state))
        _ = reduce(&state, .key(.character("n")))
        XCTAssertEqual(state.replay?.position, 7)
        XCTAssertEqual(state.notice, "That was the last record; b goes back, Space plays it again.")
        XCTAssertEqual(state.current.messages.last?.status, .complete)
    }

    /// Playing asks for each record's recorded gap; Space pauses (a late tick then changes nothing) and plays on.
    func testPlayingWaitsTheRecordedGapsAndSpacePauses() throws {
        var (state, effects) = opened(Self.tape(paused: false))
        XCTAssertEqual(effects.count, 1)
        guard case .replayWait(let first, let generation)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(first, 0.1, accuracy: 1e-9, "the first record came 0.1 s after the request")
        let next = reduce(&state, .event(.replayTick(generation: generation)))
        XCTAssertEqual(state.current.messages.last?.text, "Apple ")
        guard case .replayWait(let gap, generation)? = next.first else { return XCTFail("\(next)") }
        XCTAssertEqual(gap, 0.05, accuracy: 1e-9)
        XCTAssertTrue(statusRow(state).contains("record 1 of 7 · playing"), statusRow(state))

        XCTAssertEqual(reduce(&state, .key(.character(" "))), [])
        XCTAssertTrue(statusRow(state).contains("paused"))
        _ = reduce(&state, .event(.replayTick(generation: generation)))
        XCTAssertEqual(state.current.messages.last?.text, "Apple ", "a wait from before the pause shows nothing")
        let resumed = reduce(&state, .key(.character(" ")))
        guard case .replayWait(let again, let newGeneration)? = resumed.first else { return XCTFail("\(resumed)") }
        XCTAssertNotEqual(newGeneration, generation)
        XCTAssertEqual(again, 0.05, accuracy: 1e-9)

        let faster = reduce(&state, .key(.character("+")))
        guard case .replayWait(let halved, _)? = faster.first else { return XCTFail("\(faster)") }
        XCTAssertEqual(halved, 0.025, accuracy: 1e-9)
        XCTAssertTrue(statusRow(state).contains("· 2×"), statusRow(state))
    }

    /// Records due within 10 ms of each other are shown in one step; at the end the replay stops asking.
    func testPlayingToTheEndAndSpacePlaysAgainFromTheStart() {
        var (state, effects) = opened(Self.tape(paused: false))
        var ticks = 0
        while case .replayWait(_, let generation)? = effects.first, ticks < 20 {
            effects = reduce(&state, .event(.replayTick(generation: generation)))
            ticks += 1
        }
        XCTAssertEqual(ticks, 6, "usage and the end marker, 5 ms apart, arrive in one step")
        XCTAssertEqual(state.current.messages.last?.text, Self.pieces.joined())
        XCTAssertTrue(statusRow(state).contains("record 7 of 7 · ended"), statusRow(state))
        let again = reduce(&state, .key(.character(" ")))
        XCTAssertEqual(state.replay?.position, 0)
        XCTAssertEqual(state.current.messages.last?.text, "")
        guard case .replayWait? = again.first else { return XCTFail("\(again)") }
    }

    func testAFileWithoutTimingHasNoSpeed() {
        let (state, _) = opened(Self.tape(paused: true, timed: false))
        XCTAssertTrue(statusRow(state).contains("· untimed"), statusRow(state))
        XCTAssertEqual(Keymap.resolve(.character("+"), in: state),
                       .unavailable("This file carries no timing, so it has no speed; n and b step through it."))
    }

    /// A replay is a viewer: nothing can be sent from it, and q leaves `parley replay`.
    func testSendingIsRefusedAndQQuitsAFileReplay() {
        var (state, _) = opened()
        _ = reduce(&state, .intent(.focus(.composer)))
        _ = reduce(&state, .key(.character("x")))
        XCTAssertEqual(Keymap.resolve(.enter, in: state), .unavailable(AppState.replayIsViewer))
        XCTAssertEqual(Keymap.resolve(.control("n"), in: state), .unavailable(AppState.replayIsViewer))
        XCTAssertEqual(reduce(&state, .key(.character("q"))), [.quit])
        XCTAssertTrue(state.quitRequested)
    }

    /// R replays the selected stored reply in a conversation of its own; Esc goes back to it as it was.
    func testROpensTheInspectedReplyAndEscReturnsToIt() {
        var state = Scenes.finishedDemo()
        let original = state.currentID
        let count = state.conversations.count
        _ = reduce(&state, .intent(.focus(.transcript)))
        _ = reduce(&state, .key(.character("[")))
        let selection = state.transcript.selection
        let effects = reduce(&state, .key(.character("R")))
        guard case .replayWait? = effects.first else { return XCTFail("the replay plays at once: \(effects)") }
        XCTAssertNotEqual(state.currentID, original)
        XCTAssertEqual(state.current.conversation.title, "Replay: How do server-sent events work?")
        XCTAssertEqual(state.current.messages.first?.text, "How do server-sent events work?")
        XCTAssertEqual(state.current.messages.last?.text, "")
        XCTAssertEqual(Keymap.resolve(.character("R"), in: state), .unavailable("Already replaying; Esc leaves the replay."))

        _ = reduce(&state, .key(.character("n")))
        XCTAssertEqual(state.current.messages.last?.text, Scenes.demoAnswer[0])
        _ = reduce(&state, .key(.escape))
        XCTAssertNil(state.replay)
        XCTAssertEqual(state.currentID, original)
        XCTAssertEqual(state.transcript.selection, selection)
        XCTAssertEqual(state.focus, .transcript)
        XCTAssertEqual(state.conversations.count, count)
        XCTAssertEqual(state.current.messages.last?.text, Scenes.demoAnswer.joined(), "the stored reply is untouched")
    }

    func testRSaysWhyAReplyCannotBeReplayed() {
        var state = Scenes.empty()
        _ = reduce(&state, .intent(.focus(.transcript)))
        XCTAssertEqual(Keymap.resolve(.character("R"), in: state), .unavailable("There is no reply to replay yet."))
        _ = reduce(&state, .intent(.focus(.composer)))
        let id = Scenes.sending("hi", into: &state)
        _ = reduce(&state, .event(.runRecords(runID: id, Scenes.textRecords(["half"]))))
        _ = reduce(&state, .intent(.focus(.transcript)))
        XCTAssertEqual(Keymap.resolve(.character("R"), in: state),
                       .unavailable("This reply is still streaming; replay it once it has ended."))
    }

    /// A reply whose oldest records are no longer in memory is read from the store whole.
    func testALongReplyIsReadFromTheStore() {
        var state = AppState(endpoint: Scenes.endpoint, recordWindow: 2)
        let id = Scenes.sending("long", into: &state)
        _ = reduce(&state, .event(.runStored(runID: id, storeRunID: "stored-run")))
        _ = reduce(&state, .event(.runRecords(runID: id, Scenes.textRecords(Self.pieces))))
        _ = reduce(&state, .event(.runEnded(runID: id)))
        _ = reduce(&state, .intent(.focus(.transcript)))
        let replyID = state.current.messages.last!.id
        XCTAssertEqual(reduce(&state, .key(.character("R"))), [.loadReplay(runID: "stored-run", messageID: replyID)])
        XCTAssertNil(state.replay)
        let stored = ReplayTape(
            source: .reply(messageID: replyID), title: "Replay", provider: "", runID: "stored-run",
            records: Scenes.textRecords(Self.pieces), status: 200, headAt: 0.042)
        _ = reduce(&state, .event(.replayLoaded(stored)))
        XCTAssertEqual(state.replay?.count, 5)
        XCTAssertEqual(state.current.messages.first?.text, "long")
        XCTAssertEqual(state.current.conversation.title, "Replay: long")
    }

    /// Opening another conversation ends the replay; its conversation goes.
    func testOpeningAnotherConversationEndsTheReplay() {
        var state = Scenes.finishedDemo()
        let count = state.conversations.count
        _ = reduce(&state, .intent(.focus(.transcript)))
        _ = reduce(&state, .key(.character("R")))
        XCTAssertNotNil(state.replay)
        _ = reduce(&state, .intent(.focus(.conversations)))
        _ = reduce(&state, .key(.down))
        _ = reduce(&state, .key(.up))
        XCTAssertNil(state.replay)
        XCTAssertEqual(state.conversations.count, count)
    }

    /// A recorded silence longer than --max-gap is shortened, and the status bar says so.
    func testLongSilencesAreShortenedAndSaidSo() {
        var tape = Self.tape(paused: false)
        tape.records[3].receivedAt = 500
        tape.records[4].receivedAt = 500.05
        tape.records[5].receivedAt = 500.1
        tape.records[6].receivedAt = 500.11
        tape.maxGap = 2
        var (state, effects) = opened(tape)
        XCTAssertEqual(state.notice, "1 wait is longer than 2 s and shortened to it (--max-gap).")
        for _ in 0..<3 {
            guard case .replayWait(_, let generation)? = effects.first else { return XCTFail("\(effects)") }
            effects = reduce(&state, .event(.replayTick(generation: generation)))
        }
        guard case .replayWait(let wait, _)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(wait, 2, accuracy: 1e-9)
    }

    /// Scrolled back, the transcript stays put while the replay fills the reply, as it does while a reply streams.
    func testAReplayKeepsTheReadingPlaceWhenScrolledBack() {
        let records = Scenes.textRecords((1...80).map { "line \($0)\n\n" })
        let tape = ReplayTape(source: .file("long"), title: "Replay: long", provider: "openai", runID: "r", records: records,
                              startsPaused: true)
        var (state, _) = opened(tape)
        for _ in 0..<60 { _ = reduce(&state, .key(.character("n"))) }
        _ = reduce(&state, .intent(.scrollTranscriptLines(5)))
        let before = Screen.render(state, size: state.size).text
        XCTAssertTrue(before.contains("line 55"), before)
        _ = reduce(&state, .key(.character("n")))
        let after = Screen.render(state, size: state.size).text
        XCTAssertTrue(state.transcript.newTextBelow)
        XCTAssertGreaterThan(state.transcript.scrollBack, 5)
        XCTAssertEqual(Self.transcriptRows(before), Self.transcriptRows(after), "the lines on screen stay where they were")
    }

    /// The transcript's lines on screen, in order, with the row each is on.
    private static func transcriptRows(_ screen: String) -> [String] {
        screen.split(separator: "\n").enumerated().compactMap { row, text in
            text.range(of: #"line \d+"#, options: .regularExpression).map { "\(row): \(text[$0])" }
        }
    }
}
