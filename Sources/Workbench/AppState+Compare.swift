import ChatModel
import StreamTools
import TerminalUI

/// The compare view's actions: `M` marks a reply, `M` on another opens the two side by side, Esc closes.
extension AppState {
    /// Marks the inspected reply, or compares it with the marked one; `M` on the marked reply clears the mark.
    mutating func markForCompare() -> [Effect] {
        guard let reply = inspectedReply else { return [] }
        let label = compareLabel(of: reply)
        if let mark = compare.marked, mark.messageID == reply.id {
            compare.marked = nil
            notice = "The compare mark is off \(mark.label)."
            return []
        }
        guard let mark = compare.marked,
              let a = compareSide(conversationID: mark.conversationID, messageID: mark.messageID, label: mark.label),
              let b = compareSide(conversationID: currentID, messageID: reply.id, label: label)
        else {
            compare.marked = CompareMark(conversationID: currentID, messageID: reply.id, label: label)
            let others = current.messages.filter { $0.role == .assistant }.count > 1 || conversations.count > 1
            notice = "Marked \(label) for compare. "
                + (others ? "Choose another reply ([ and ], or another conversation) and press M."
                    : "There is no other reply yet: send a prompt or retry (r), then press M on the new reply.")
            return []
        }
        compare.generation += 1
        var view = CompareViewState(generation: compare.generation, a: mark.label, b: label)
        view.sides = [mark, CompareMark(conversationID: currentID, messageID: reply.id, label: label)]
        view.streaming = Set([a, b].compactMap { $0.storeRunID == nil ? $0.run.reply.id : nil })
        compare.view = view
        notice = nil
        return [.compareRuns(CompareRequest(generation: compare.generation, a: a, b: b))]
    }

    /// Compares again when a reply that was streaming when the view opened has ended, so its figures are the
    /// whole run's; the comparison on screen stays until the new one arrives.
    mutating func compareFollowUp() -> [Effect] {
        guard let view = compare.view, !view.streaming.isEmpty, view.sides.count == 2 else { return [] }
        let still = view.streaming.filter { id in
            activeRun?.messageID == id
                || conversations.contains { $0.messages.contains { $0.id == id && $0.status == .streaming } }
        }
        guard still.count < view.streaming.count,
              let a = compareSide(conversationID: view.sides[0].conversationID, messageID: view.sides[0].messageID, label: view.a),
              let b = compareSide(conversationID: view.sides[1].conversationID, messageID: view.sides[1].messageID, label: view.b)
        else { return [] }
        compare.generation += 1
        compare.view?.generation = compare.generation
        compare.view?.streaming = still
        return [.compareRuns(CompareRequest(generation: compare.generation, a: a, b: b))]
    }

    /// Why `M` cannot act now, or `nil` when it can.
    var compareUnavailableReason: String? {
        inspectedReply == nil ? "No reply to mark for compare yet." : nil
    }

    /// Takes in a comparison, if it is the one the open view waits for.
    mutating func comparisonLoaded(generation: Int, _ comparison: RunComparison) {
        guard compare.view?.generation == generation else { return }
        compare.view?.comparison = comparison
    }

    mutating func closeCompare() {
        compare.view = nil
    }

    /// Scrolls the compare view, no further than its last page.
    mutating func scrollCompare(by lines: Int) {
        guard let view = compare.view else { return }
        let area = CompareOverlay.textArea(size)
        let total = CompareOverlay.lines(view, width: area.width, theme: .standard, limit: Int.max).count
        compare.view?.scroll = min(max(0, view.scroll + lines), max(0, total - area.height))
    }

    /// `reply 2/3 of “Paris trip”`: which reply, in which conversation.
    func compareLabel(of reply: Message, in entry: ConversationEntry? = nil) -> String {
        let entry = entry ?? current
        let replies = entry.messages.filter { $0.role == .assistant }
        let number = (replies.firstIndex { $0.id == reply.id } ?? 0) + 1
        let title = ControlSanitizer.sanitize(entry.conversation.title, keepNewlines: false)
        return "reply \(number)/\(replies.count) of “\(TextWrap.truncate(title, width: 32))”"
    }

    /// One side as the screen has it: the reply, and its run's figures when a stream log is kept. A reply that
    /// is streaming is compared as it stands, never read from the store.
    func compareSide(conversationID: String, messageID: String, label: String) -> CompareSide? {
        guard let entry = conversations.first(where: { $0.conversation.id == conversationID }),
              let reply = entry.messages.first(where: { $0.id == messageID })
        else { return nil }
        let log = entry.logs[messageID]
        let streaming = activeRun?.messageID == messageID || reply.status == .streaming
        let run = ComparedRun(
            label: label, provider: entry.conversation.provider, httpStatus: log?.httpStatus, reply: reply,
            metrics: log?.metrics ?? RunMetrics())
        return CompareSide(storeRunID: streaming ? nil : log?.id.value, run: run)
    }
}
