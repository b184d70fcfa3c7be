import ChatModel
import Foundation
import Sessions
import Store
import Workbench

/// Carries out the conversation list's effects off the app loop: pages, searches and list actions use the store
/// on the workbench's store-reads thread, and a pull talks to the server in a task; each answer comes back as an
/// `Event`.
struct ListEffects: Sendable {
    var store: SQLiteStore?
    var runner: RunStarter
    var profile: String?
    var queue: ActionQueue
    var reads: StoreReads

    func perform(_ effect: Effect) {
        switch effect {
        case .loadConversationPage(let first, let limit, let excluding, let generation, let counting):
            guard let store else { return }
            let queue = self.queue
            reads.run {
                guard let page = try? ConversationListReads.page(store, first: first, limit: limit, excluding: excluding, counting: counting) else { return }
                queue.post(.event(.conversationPage(first: first, rows: page.rows, total: page.total, generation: generation)))
            }
        case .searchConversations(let query, let limit):
            let queue = self.queue
            guard let store else {
                queue.post(.event(.searchResults(query: query, results: [])))
                return
            }
            reads.run {
                let results = (try? ConversationListReads.search(store, query: query, limit: limit)) ?? []
                queue.post(.event(.searchResults(query: query, results: results)))
            }
        case .changeConversation(let id, let change):
            guard let store else { return }
            let queue = self.queue
            reads.run { queue.post(.event(Self.apply(change, to: id, in: store))) }
        case .pullHistory:
            pull()
        default:
            break
        }
    }

    static func apply(_ change: ConversationChange, to id: String, in store: SQLiteStore) -> Event {
        do {
            switch change {
            case .rename(let title):
                try store.rename(conversation: id, to: title)
                return .listChanged(notice: "Renamed.")
            case .delete:
                try store.delete(conversation: id)
                return .listChanged(notice: "Deleted the conversation with its messages and raw records.")
            case .pin(let pinned):
                try store.setPinned(conversation: id, pinned)
                return .listChanged(notice: pinned ? "Pinned: it lists first in its profile." : "Unpinned.")
            case .archive(let archived):
                try store.setArchived(conversation: id, archived)
                return .listChanged(notice: archived
                    ? "Archived: hidden from the list; `parley conversations archive --undo \(id.prefix(8))` brings it back."
                    : "Back from the archive.")
            }
        } catch {
            return .listActionFailed("Could not change the conversation: \(error)")
        }
    }

    /// Pulls the profile's remote history while a spinner turns; the list is read again when it ends.
    private func pull() {
        let queue = self.queue
        guard let store else {
            queue.post(.event(.pullEnded(notice: "Nothing to pull into: this session keeps no store (--no-store).")))
            return
        }
        let puller = HistoryPuller(transport: runner.transport, options: runner.options, store: store, profile: profile)
        let provider = runner.provider
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(100))
                queue.post(.event(.pullTick))
            }
        }
        Task.detached {
            let notice: String
            do {
                let summary = try await puller.pull(from: provider)
                notice = summary.line(kind: provider.kind)
                    + (summary.failures.isEmpty ? "" : " \(summary.failures.count) could not be pulled: \(summary.failures[0])")
            } catch {
                notice = "Could not pull: \(error)"
            }
            ticker.cancel()
            queue.post(.event(.pullEnded(notice: notice)))
        }
    }
}
