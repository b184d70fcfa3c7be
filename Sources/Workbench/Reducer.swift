import TerminalUI

/// Applies one action to the state and returns the effects it asks for.
///
/// The only place `AppState` changes (design.md, house rule 1): synchronous, no I/O. Keys go through the
/// keymap first and become intents; each pane's actions live in that pane's extension of `AppState`.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
    let effects = reduceAction(&state, action)
    state.replayFollowUp()
    return effects
}

private func reduceAction(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .key(let key):
        if case .resize(let size) = key { return reduceAction(&state, .event(.resized(size))) }
        switch Keymap.resolve(key, in: state) {
        case .intent(let intent):
            state.notice = nil
            return reduceAction(&state, .intent(intent))
        case .unavailable(let reason):
            state.notice = reason
            return []
        case .unbound:
            return []
        }
    case .intent(let intent):
        return state.carryOut(intent) + state.inspectorFollowUp()
    case .event(.storeChanged(let stored)):
        return state.storeChanged(stored) + state.inspectorFollowUp()
    case .event(.replayLoaded(let tape)):
        return state.replayLoaded(tape) + state.inspectorFollowUp()
    case .event(.replayTick(let generation)):
        return state.replayTick(generation: generation) + state.inspectorFollowUp()
    case .event(let event):
        if let effects = state.applyListEvent(event) { return effects }
        let streaming = state.streamingReplyID
        state.apply(event)
        return state.inspectorFollowUp() + state.renderEndedReply(streaming)
    }
}

extension AppState {
    /// What the user asked for, done.
    mutating func carryOut(_ intent: Intent) -> [Effect] {
        switch intent {
        case .focus(let pane):
            focus = pane
        case .focusNext:
            leaveFilter()
            focus = focusable(after: focus, forward: true)
        case .focusPrevious:
            leaveFilter()
            focus = focusable(after: focus, forward: false)
        case .toggleHelp:
            showHelp.toggle()
            helpScroll = 0
        case .closeHelp:
            showHelp = false
        case .quit:
            quitRequested = true
            var effects: [Effect] = []
            if let run = activeRun { effects.append(.cancelRun(runID: run.id)) }
            return effects + [.quit]
        case .send:
            return send()
        case .cancelRun:
            return cancelRun()
        case .regenerate:
            return regenerate()
        case .newConversation:
            newConversation()
        case .startFilter:
            focus = .conversations
            list.isFiltering = true
            if list.results == nil { list.results = [] }
        case .endFilter(let keep):
            if keep { return openSelectedResult() }
            closeResults()
        case .edit(let edit):
            if list.renaming != nil {
                list.renaming?.field.apply(edit)
            } else if focus == .inspector, inspector.isFilteringRaw {
                editRawFilter(edit)
            } else if focus == .conversations, list.isFiltering {
                list.filter.apply(edit)
                return searchChanged()
            } else {
                composer.field.apply(edit)
            }
        case .moveSelection(let delta):
            if focus == .conversations {
                return moveConversationSelection(by: delta)
            } else if focus == .inspector {
                return moveInspectorSelection(by: delta)
            }
        case .selectTab(let tab):
            selectTab(tab)
        case .nextTab:
            selectTab(InspectorTab(rawValue: (inspector.tab.rawValue + 1) % InspectorTab.allCases.count)!)
        case .previousTab:
            let count = InspectorTab.allCases.count
            selectTab(InspectorTab(rawValue: (inspector.tab.rawValue + count - 1) % count)!)
        case .scrollTranscript(let pages):
            scrollTranscript(lines: pages * max(1, transcriptPageHeight - 1))
        case .scrollTranscriptLines(let lines):
            scrollTranscript(lines: lines)
        case .toggleRawExpanded:
            toggleRawExpanded()
        case .selectMessage(let delta):
            return selectMessage(by: delta)
        case .toggleFolding:
            toggleFolding()
        case .toggleStepExpanded:
            toggleStepExpanded()
        case .startRawFilter:
            startRawFilter()
        case .endRawFilter(let keep):
            endRawFilter(keep: keep)
        case .scrollInspector(let lines):
            scrollInspector(by: lines)
        case .copyRecord:
            return copyRecord()
        case .copyCurl:
            return copyCurl()
        case .copyMessage:
            return copyMessage()
        case .copyCodeBlock:
            return copyCodeBlock()
        case .editInEditor:
            return editInEditor()
        case .scrollHelp(let lines, let pages):
            scrollHelp(lines: lines, pages: pages)
        case .toggleMarkdownSource:
            if let id = markdownSourceTarget { toggleMarkdownSource(of: id) }
        case .paste(let text):
            paste(text)
            if focus == .conversations, list.isFiltering { return searchChanged() }
        case .list(let intent):
            return carryOut(intent)
        case .openProfiles:
            openProfiles()
        case .closeProfiles:
            profilePicker = nil
        case .moveProfileSelection(let delta):
            moveProfileSelection(by: delta)
        case .chooseProfile:
            return chooseProfile()
        case .showFindingInRaw:
            return showFindingInRaw()
        case .markForCompare:
            return markForCompare()
        case .closeCompare:
            closeCompare()
        case .scrollCompare(let lines):
            scrollCompare(by: lines)
        case .scrollComparePages(let pages):
            scrollCompare(by: pages * max(1, CompareOverlay.textArea(size).height - 1))
        case .openReplay:
            return openReplay()
        case .leaveReplay:
            return leaveReplay()
        case .toggleReplayPause:
            return toggleReplayPause()
        case .stepReplay(let delta):
            return stepReplay(by: delta)
        case .changeReplaySpeed(let steps):
            return changeReplaySpeed(by: steps)
        case .toggleZoom:
            toggleZoom()
        case .resizePane(let steps):
            resizeFocusedPane(by: steps)
        case .toggleInspector:
            toggleInspector()
        case .mouse(let event):
            return mouse(event)
        }
        return []
    }

    /// What happened, taken in.
    mutating func apply(_ event: Event) {
        switch event {
        case .resized(let newSize):
            size = newSize
        case .runStarted, .runStored, .runHead, .runRecords:
            applyRunUpdate(event)
        case .runEnded:
            applyRunUpdate(event)
            if inspector.requestFor == inspectedLog?.id.value { inspector.requestFor = nil }
        case .requestLoaded(let runID, let request):
            requestLoaded(runID: runID, request)
        case .conversationLoaded(let id, let messages, let logs):
            conversationLoaded(id: id, messages: messages, logs: logs)
        case .recordsLoaded(let runID, let first, let records):
            inspector.rawPage = RawPage(runID: runID, first: first, records: records)
        case .storeProblem(let problem):
            storeProblem = problem
        case .conversationLoadFailed(let id, let reason):
            if id == currentID { notice = "Could not load this conversation: \(reason)" }
        case .profileSwitched(let name, let endpoint):
            profileSwitched(to: name, endpoint: endpoint)
        case .profileSwitchFailed(let name, let reason):
            notice = "Could not switch to profile \(name): \(reason)"
        case .composerEdited(let text):
            composerEdited(text)
        case .editorFailed(let reason):
            editorFailed(reason)
        case .conversationPage, .searchResults, .conversationStored, .listChanged, .listActionFailed, .pullEnded, .pullTick:
            break
        case .terminated(let signal):
            quitRequested = true
            exitStatus = 128 + signal
        case .storeChanged(let stored):
            _ = storeChanged(stored)
        case .lintFinished(let result):
            lintFinished(result)
        case .comparisonLoaded(let generation, let comparison):
            comparisonLoaded(generation: generation, comparison)
        case .replayLoadFailed(let reason):
            replayLoadFailed(reason)
        case .replayLoaded, .replayTick:
            break
        case .replyRendered(let messageID):
            replyRendered(messageID)
        }
    }
}

extension TextField {
    /// Applies one editing operation.
    mutating func apply(_ edit: Intent.Edit) {
        switch edit {
        case .insert(let text): insert(text)
        case .backspace: backspace()
        case .delete: deleteForward()
        case .left: moveLeft()
        case .right: moveRight()
        case .up: moveUp()
        case .down: moveDown()
        case .home: moveLineStart()
        case .end: moveLineEnd()
        case .deleteToStart: deleteToLineStart()
        case .deleteWord: deleteWordBackward()
        }
    }
}
