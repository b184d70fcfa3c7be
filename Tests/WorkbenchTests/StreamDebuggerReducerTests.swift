import ChatModel
import StreamTools
import TerminalUI
import Workbench
import XCTest

/// The Lint tab and the compare view through `reduce`: what is asked of the worker and when, where Enter on
/// a finding goes, and marking, comparing and closing.
final class StreamDebuggerReducerTests: XCTestCase {
    private func lintRequests(_ effects: [Effect]) -> [LintRequest] {
        effects.compactMap { if case .lint(let request) = $0 { return request } else { return nil } }
    }

    func testAFinishedReplyIsLintedOnceAndTheTabTitleCarriesTheCount() throws {
        var state = Scenes.empty()
        let run = Scenes.sending("Why are there tides?", into: &state)
        let records = DebuggerScenes.records(DebuggerScenes.quirkyBody)
        XCTAssertTrue(lintRequests(reduce(&state, .event(.runRecords(runID: run, records)))).isEmpty,
                      "a streaming reply is not linted while the Lint tab is hidden")
        let requests = lintRequests(reduce(&state, .event(.runEnded(runID: run))))
        XCTAssertEqual(requests.count, 1, "the finished reply is linted, whichever tab is shown")
        XCTAssertEqual(requests.first?.first, 0)
        XCTAssertEqual(requests.first?.records.count, records.count)
        XCTAssertEqual(requests.first?.ended, true)
        XCTAssertEqual(requests.first?.provider, "openai")
        XCTAssertTrue(lintRequests(reduce(&state, .key(.character("[")))).isEmpty, "one request at a time")

        DebuggerScenes.answer(&state, requests.map { Effect.lint($0) })
        let ids = state.inspector.lint.findings.map(\.rule.id)
        XCTAssertTrue(ids.contains("json-invalid") && ids.contains("done-missing") && ids.contains("sse-crlf"), "\(ids)")
        let severities = state.inspector.lint.findings.map(\.severity)
        XCTAssertEqual(severities, severities.sorted(), "worst first")
        XCTAssertTrue(Screen.render(state, size: Size(columns: 200, rows: 40)).text.contains("6 Lint \(ids.count)"))
        XCTAssertTrue(lintRequests(reduce(&state, .key(.character("]")))).isEmpty, "nothing new to lint")
    }

    func testAStreamingReplyIsLintedIncrementallyWhileTheTabIsShown() throws {
        var state = Scenes.empty()
        let run = Scenes.sending("Why are there tides?", into: &state)
        _ = reduce(&state, .intent(.focus(.inspector)))
        XCTAssertTrue(lintRequests(reduce(&state, .key(.character("6")))).isEmpty, "no records yet")
        let records = DebuggerScenes.records(DebuggerScenes.quirkyBody)
        let first = lintRequests(reduce(&state, .event(.runRecords(runID: run, Array(records[..<3])))))
        XCTAssertEqual(first.map(\.first), [0])
        XCTAssertEqual(first.map(\.records.count), [3])
        XCTAssertEqual(first.map(\.ended), [false])
        XCTAssertTrue(lintRequests(reduce(&state, .event(.runRecords(runID: run, Array(records[3..<5]))))).isEmpty,
                      "while one request is on its way, records wait")
        let log = try XCTUnwrap(state.inspectedLog)
        let partial = Linter.lint(LintInput(provider: "openai", records: Array(records[..<3])))
        XCTAssertTrue(partial.findings.contains { $0.rule.id == "done-missing" || $0.rule.id == "end-missing" })
        let next = lintRequests(reduce(&state, .event(.lintFinished(
            LintResult(runID: log.id.value, records: 3, ended: false, report: partial)))))
        XCTAssertFalse(state.inspector.lint.findings.contains { LintState.endRules.contains($0.rule.id) },
                       "a reply still streaming is not told it has no end")
        XCTAssertEqual(next.map(\.first), [3], "only the records that arrived since are handed over")
        XCTAssertEqual(next.map(\.records.count), [2])
    }

    func testEnterOnAFindingSelectsItsRecordInTheRawTab() throws {
        var state = DebuggerScenes.quirkyReply()
        _ = reduce(&state, .intent(.focus(.inspector)))
        _ = reduce(&state, .key(.character("6")))
        let findings = state.inspector.lint.findings
        let target = try XCTUnwrap(findings.firstIndex { $0.rule.id == "json-invalid" })
        for _ in 0..<target { _ = reduce(&state, .key(.down)) }
        XCTAssertEqual(state.inspector.lint.selection, target)
        let effects = reduce(&state, .key(.enter))
        XCTAssertEqual(effects, [], "the record is in memory")
        XCTAssertEqual(state.inspector.tab, .raw)
        XCTAssertEqual(state.selectedRecordIndex, findings[target].record)
        XCTAssertTrue(state.inspector.rawExpanded, "the record opens, bytes and all")
        XCTAssertTrue(Screen.render(state, size: state.size).text.contains("record 4/6"))
    }

    func testEnterWithoutFindingsSaysWhy() {
        var state = Scenes.finishedDemo()
        _ = reduce(&state, .intent(.focus(.inspector)))
        _ = reduce(&state, .key(.character("6")))
        _ = reduce(&state, .key(.enter))
        XCTAssertEqual(state.notice, "The findings are still being worked out.")
    }

    func testMarkThenMOnAnotherReplyOpensTheCompareViewAndEscClosesIt() throws {
        var state = AgentScenes.twoTurns()
        _ = reduce(&state, .intent(.focus(.transcript)))
        XCTAssertEqual(reduce(&state, .key(.character("M"))), [])
        XCTAssertEqual(state.compare.marked?.label, "reply 2/2 of “What time is it in Paris?”")
        XCTAssertTrue(Screen.render(state, size: state.size).text.contains("marked · 3 records"), "the inspector says which reply is marked")
        XCTAssertTrue(state.notice?.contains("press M") == true, state.notice ?? "")
        _ = reduce(&state, .key(.character("[")))
        _ = reduce(&state, .key(.character("[")))
        let effects = reduce(&state, .key(.character("M")))
        guard case .compareRuns(let request)? = effects.first else { return XCTFail("no compare request: \(effects)") }
        XCTAssertEqual(request.a.run.reply.text, "In Tokyo it is 20:15.")
        XCTAssertEqual(request.b.run.reply.text, "It is 13:15 in Paris.")
        XCTAssertEqual(request.b.run.metrics.keepAlives, 1, "the figures the screen folded")
        XCTAssertNotNil(request.a.storeRunID, "a finished run may be read whole from the store")
        XCTAssertTrue(state.compare.isOpen)
        XCTAssertTrue(Screen.render(state, size: state.size).text.contains("Comparing reply 2/2"), "a comparison on its way says so")

        DebuggerScenes.answerCompare(&state, effects)
        XCTAssertNotNil(state.compare.view?.comparison)
        XCTAssertEqual(reduce(&state, .key(.escape)), [], "Esc closes the view; it cancels nothing")
        XCTAssertFalse(state.compare.isOpen)
        XCTAssertNotNil(state.compare.marked, "the mark stays for the next comparison")
    }

    func testMOnTheMarkedReplyRemovesTheMark() {
        var state = AgentScenes.twoTurns()
        _ = reduce(&state, .intent(.focus(.transcript)))
        _ = reduce(&state, .key(.character("M")))
        _ = reduce(&state, .key(.character("M")))
        XCTAssertNil(state.compare.marked)
        XCTAssertFalse(state.compare.isOpen)
        XCTAssertEqual(state.notice, "The compare mark is off reply 2/2 of “What time is it in Paris?”.")
    }

    func testMWithoutAReplySaysWhyAndWithOneReplySaysWhatToDo() {
        var state = Scenes.empty()
        _ = reduce(&state, .intent(.focus(.transcript)))
        XCTAssertEqual(reduce(&state, .key(.character("M"))), [])
        XCTAssertEqual(state.notice, "No reply to mark for compare yet.")

        var one = Scenes.finishedDemo()
        _ = reduce(&one, .intent(.focus(.transcript)))
        _ = reduce(&one, .key(.character("M")))
        XCTAssertTrue(one.notice?.contains("There is no other reply yet") == true, one.notice ?? "")
    }

    func testTheCompareViewScrollsNoFurtherThanItsLastPage() throws {
        var state = AgentScenes.twoTurns(size: Size(columns: 100, rows: 20))
        _ = reduce(&state, .intent(.focus(.transcript)))
        _ = reduce(&state, .key(.character("M")))
        _ = reduce(&state, .key(.character("[")))
        _ = reduce(&state, .key(.character("[")))
        DebuggerScenes.answerCompare(&state, reduce(&state, .key(.character("M"))))
        _ = reduce(&state, .key(.end))
        let bottom = try XCTUnwrap(state.compare.view?.scroll)
        XCTAssertGreaterThan(bottom, 0)
        _ = reduce(&state, .key(.down))
        XCTAssertEqual(state.compare.view?.scroll, bottom)
        XCTAssertTrue(Screen.render(state, size: state.size).text.contains("In Tokyo it is"), "the diff's end is shown")
        _ = reduce(&state, .key(.mouse(MouseEvent(.wheelUp, column: 10, row: 10))))
        XCTAssertEqual(state.compare.view?.scroll, max(0, bottom - 3), "the wheel scrolls the view")
        _ = reduce(&state, .key(.pageUp))
        _ = reduce(&state, .key(.home))
        XCTAssertEqual(state.compare.view?.scroll, 0)
    }

    func testALongReplyIsLintedOnlyWhenTheTabIsShownFromItsOldestKeptRecord() throws {
        var state = AppState(endpoint: Scenes.endpoint, recordWindow: 10)
        _ = reduce(&state, .event(.resized(state.size)))
        let run = Scenes.sending("Count", into: &state)
        var records = Scenes.textRecords((0..<40).map { "w\($0) " })
        records.append(Scenes.doneRecord(at: 3, offset: records.last!.offset + records.last!.bytes.count))
        _ = reduce(&state, .event(.runRecords(runID: run, records)))
        XCTAssertTrue(lintRequests(reduce(&state, .event(.runEnded(runID: run)))).isEmpty,
                      "older records would have to be read back from the store: not while the tab is hidden")
        let log = try XCTUnwrap(state.inspectedLog)
        XCTAssertGreaterThan(log.firstKeptRecord, 0)
        _ = reduce(&state, .intent(.focus(.inspector)))
        let requests = lintRequests(reduce(&state, .key(.character("6"))))
        XCTAssertEqual(requests.map(\.first), [log.firstKeptRecord], "the worker reads the records before these")
        XCTAssertEqual(requests.map(\.total), [41])
    }

    func testAComparisonWithAStreamingReplyIsMadeAgainWhenItEnds() throws {
        var state = Scenes.finishedDemo()
        _ = reduce(&state, .intent(.focus(.transcript)))
        _ = reduce(&state, .key(.character("M")))
        _ = reduce(&state, .intent(.focus(.composer)))
        let run = Scenes.sending("And again?", into: &state)
        _ = reduce(&state, .event(.runRecords(runID: run, Scenes.textRecords(["Half "]))))
        _ = reduce(&state, .intent(.focus(.transcript)))
        let first = reduce(&state, .key(.character("M")))
        guard case .compareRuns(let open)? = first.first else { return XCTFail("no compare request: \(first)") }
        XCTAssertNil(open.b.storeRunID, "a streaming reply is compared as it stands")
        XCTAssertEqual(open.b.run.reply.text, "Half ")
        DebuggerScenes.answerCompare(&state, first)
        _ = reduce(&state, .event(.runRecords(runID: run, Scenes.textRecords(["a reply."], start: 0.2, offset: 100))))
        let effects = reduce(&state, .event(.runEnded(runID: run)))
        let again = effects.compactMap { if case .compareRuns(let request) = $0 { return request } else { return nil } }
        XCTAssertEqual(again.count, 1, "the reply ended: compared again")
        XCTAssertEqual(again.first?.b.run.reply.text, "Half a reply.")
        XCTAssertNotNil(again.first?.b.storeRunID)
        XCTAssertNotNil(state.compare.view?.comparison, "the earlier comparison stays on screen meanwhile")
    }

    func testAClickSelectsAFindingAndASecondClickShowsItsRecord() throws {
        let size = Size(columns: 160, rows: 36)
        var state = DebuggerScenes.quirkyReply(size: size)
        _ = reduce(&state, .intent(.focus(.inspector)))
        _ = reduce(&state, .key(.character("6")))
        let grid = Screen.render(state, size: size)
        let row = try XCTUnwrap((0..<size.rows).first { grid.line($0).contains("sse-crlf") })
        let line = grid.line(row)
        let column = DisplayWidth.of(line[..<line.range(of: "sse-crlf")!.lowerBound])
        let press = Key.mouse(MouseEvent(.press, column: column, row: row))
        _ = reduce(&state, .key(press))
        let index = try XCTUnwrap(state.inspector.lint.findings.firstIndex { $0.rule.id == "sse-crlf" })
        XCTAssertEqual(state.inspector.lint.selection, index)
        XCTAssertTrue(Screen.render(state, size: size).line(row).contains("▸"), "the clicked row is selected where it was")
        _ = reduce(&state, .key(press))
        XCTAssertEqual(state.inspector.tab, .raw, "a second click shows its record")
        XCTAssertEqual(state.selectedRecordIndex, state.inspector.lint.findings[index].record)
    }
}
