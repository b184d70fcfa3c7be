import ChatModel
import Foundation
import Store
import TerminalUI
import Workbench
import WorkbenchApp

/// Times the workbench's conversation list on a big store as a user drives it: PgDn through the middle of the
/// list (the reducer, the page reads it asks for, opening the row under the selection, and a 120x36 frame), and
/// opening a search result at its message (search, read the conversation, scroll to the message, a frame).
///
/// The store reads are done here in line, as the app loop's tasks would do them, so the figure is the whole wait.
struct ListBenchmark {
    var store: SQLiteStore
    var size = Size(columns: 120, rows: 36)

    /// `(name, figure)` rows for the store benchmark's table.
    func run(queries: [String]) throws -> [(String, String)] {
        var state = AppState(endpoint: "bench", size: size)
        let first = try ConversationListReads.page(store, first: 0, limit: 200, excluding: [])
        try settle(&state, reduce(&state, .event(.conversationPage(first: 0, rows: first.rows, total: first.total, generation: 0))))
        try settle(&state, reduce(&state, .intent(.focus(.conversations))))
        try settle(&state, reduce(&state, .intent(.moveSelection(state.list.total / 2))))
        _ = Screen.render(state, size: size)
        let scroll = try StoreBenchmark.measure(times: 200) {
            try settle(&state, reduce(&state, .intent(.list(.movePages(1)))))
            _ = Screen.render(state, size: size)
        }
        var index = 0
        var opened = 0
        let open = try StoreBenchmark.measure(times: min(50, queries.count)) {
            let query = queries[index]
            index += 1
            try settle(&state, reduce(&state, .intent(.startFilter)))
            state.list.filter = TextField(query)
            try settle(&state, reduce(&state, .intent(.edit(.insert("")))))
            try settle(&state, reduce(&state, .key(.enter)))
            if state.list.jumpToMessage == nil, state.current.isLoaded { opened += 1 }
            _ = Screen.render(state, size: size)
            try settle(&state, reduce(&state, .intent(.list(.closeResults))))
        }
        return [
            ("workbench list at the middle: PgDn, page read, open the row, frame (p50 / p95)",
             StoreBenchmark.ms(scroll.p50) + " / " + StoreBenchmark.ms(scroll.p95)),
            ("workbench: search, open the top result at its message, frame (p50 / p95, \(opened) opened)",
             StoreBenchmark.ms(open.p50) + " / " + StoreBenchmark.ms(open.p95)),
        ]
    }

    /// Carries out the effects the way the app loop does, feeding each answer back, until none is left.
    private func settle(_ state: inout AppState, _ effects: [Effect]) throws {
        var pending = effects
        while !pending.isEmpty {
            let effect = pending.removeFirst()
            switch effect {
            case .loadConversationPage(let first, let limit, let excluding, let generation, let counting):
                let page = try ConversationListReads.page(store, first: first, limit: limit, excluding: excluding, counting: counting)
                pending += reduce(&state, .event(.conversationPage(first: first, rows: page.rows, total: page.total, generation: generation)))
            case .loadConversation(let id):
                guard let (_, messages) = try store.transcript(id: id) else { continue }
                var logs: [String: RunLog] = [:]
                for message in messages where message.role == .assistant {
                    logs[message.id] = try store.latestRunLog(of: message, in: id, recordLimit: 1_000)
                }
                pending += reduce(&state, .event(.conversationLoaded(id: id, messages: messages, logs: logs)))
            case .searchConversations(let query, let limit):
                let results = try ConversationListReads.search(store, query: query, limit: limit)
                pending += reduce(&state, .event(.searchResults(query: query, results: results)))
            default:
                continue
            }
        }
    }
}
