import TerminalUI

/// Applies one action to the state and returns the effects it asks for.
///
/// The only place `AppState` changes (design.md, house rule 1): synchronous, no I/O. Keys go through the
/// keymap first; each pane's actions live in that pane's extension of `AppState`.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .key(let key):
        if case .resize(let size) = key { return reduce(&state, .resize(size)) }
        switch Keymap.resolve(key, in: state) {
        case .action(let resolved):
            state.notice = nil
            return reduce(&state, resolved)
        case .unavailable(let reason):
            state.notice = reason
            return []
        case .unbound:
            return []
        }
    case .resize(let size):
        state.size = size
    case .focus(let pane):
        state.focus = pane
    case .focusNext:
        state.leaveFilter()
        state.focus = state.focus.next
    case .focusPrevious:
        state.leaveFilter()
        state.focus = state.focus.previous
    case .toggleHelp:
        state.showHelp.toggle()
    case .closeHelp:
        state.showHelp = false
    case .quit:
        state.quitRequested = true
        var effects: [Effect] = []
        if let turn = state.activeRun { effects.append(.cancelRun(runID: turn.id)) }
        return effects + [.quit]
    case .send:
        return state.send()
    case .cancelRun:
        return state.cancelRun()
    case .regenerate:
        return state.regenerate()
    case .newConversation:
        state.newConversation()
    case .startFilter:
        state.focus = .conversations
        state.list.isFiltering = true
    case .endFilter(let keep):
        if !keep { state.list.filter.clear() }
        state.list.isFiltering = false
    case .edit(let edit):
        if state.focus == .conversations, state.list.isFiltering {
            state.list.filter.apply(edit)
        } else {
            state.composer.field.apply(edit)
        }
    case .moveSelection(let delta):
        if state.focus == .conversations {
            return state.moveConversationSelection(by: delta)
        } else if state.focus == .inspector {
            return state.moveInspectorSelection(by: delta)
        }
    case .selectTab(let tab):
        state.selectTab(tab)
    case .nextTab:
        state.selectTab(InspectorTab(rawValue: (state.inspector.tab.rawValue + 1) % InspectorTab.allCases.count)!)
    case .previousTab:
        let count = InspectorTab.allCases.count
        state.selectTab(InspectorTab(rawValue: (state.inspector.tab.rawValue + count - 1) % count)!)
    case .scrollTranscript(let pages):
        state.scrollTranscript(lines: pages * max(1, state.transcriptPageHeight - 1))
    case .scrollTranscriptLines(let lines):
        state.scrollTranscript(lines: lines)
    case .toggleRawExpanded:
        state.inspector.rawExpanded.toggle()
    case .runStarted, .runStored, .runHead, .runRecords, .runEnded:
        state.applyTurnUpdate(action)
    case .conversationLoaded(let id, let messages, let logs):
        state.conversationLoaded(id: id, messages: messages, logs: logs)
    case .recordsLoaded(let runID, let first, let records):
        state.inspector.rawPage = RawPage(runID: runID, first: first, records: records)
    case .conversationLoadFailed(let id, let reason):
        if id == state.currentID { state.notice = "Could not load this conversation: \(reason)" }
    }
    return []
}

extension TextField {
    /// Applies one editing operation.
    mutating func apply(_ edit: Action.Edit) {
        switch edit {
        case .insert(let text): insert(text)
        case .backspace: backspace()
        case .delete: deleteForward()
        case .left: moveLeft()
        case .right: moveRight()
        case .home: moveHome()
        case .end: moveEnd()
        case .deleteToStart: deleteToStart()
        case .deleteWord: deleteWordBackward()
        }
    }
}
