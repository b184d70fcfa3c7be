import Foundation
import ChatModel

/// Searching conversations: `/` types the search text, the store's full-text index answers, Enter opens a match
/// at its message.
extension AppState {
    /// Matches shown for one search.
    static let searchLimit = 50

    /// The search text changed: matches among this session's unsaved conversations show at once, and the store
    /// is asked for the rest (its answer replaces the earlier one when it comes).
    mutating func searchChanged() -> [Effect] {
        let query = list.filter.text.trimmingCharacters(in: .whitespaces)
        list.resultSelected = 0
        guard !query.isEmpty else {
            list.results = []
            list.searching = nil
            return []
        }
        let local = LocalSearch.results(query, in: conversations.filter { !$0.isStored && $0.storeID == nil })
        let localIDs = Set(local.map(\.conversation.id))
        let earlier = (list.results ?? []).filter { !localIDs.contains($0.conversation.id) && isStoredResult($0) }
        list.results = local + earlier
        list.searching = query
        return [.searchConversations(query: query, limit: Self.searchLimit)]
    }

    /// Takes in the store's matches if they answer the text still typed.
    mutating func searchResultsArrived(query: String, results: [SearchResult]) {
        guard list.searching == query, list.results != nil else { return }
        list.searching = nil
        let local = LocalSearch.results(query, in: conversations.filter { !$0.isStored && $0.storeID == nil })
        list.results = local + results
        list.resultSelected = min(list.resultSelected, max(0, local.count + results.count - 1))
    }

    /// Opens the selected match: its conversation, scrolled to the matching message.
    mutating func openSelectedResult() -> [Effect] {
        guard let results = list.results, results.indices.contains(list.resultSelected) else {
            notice = "No match to open; type words of a title or a message."
            return []
        }
        list.isFiltering = false
        let result = results[list.resultSelected]
        return open(result.conversation, at: result.messageID)
    }

    /// Leaves the search for the list, which keeps its selection.
    mutating func closeResults() {
        list.filter.clear()
        list.isFiltering = false
        list.results = nil
        list.searching = nil
    }

    private func isStoredResult(_ result: SearchResult) -> Bool {
        !conversations.contains { !$0.isStored && $0.storeID == nil && $0.conversation.id == result.conversation.id }
    }
}

/// Searches conversations held only in memory (this session's, before the store has them, or all without a
/// store): every word must occur in the title or in one message, ignoring case.
enum LocalSearch {
    static func results(_ query: String, in entries: [ConversationEntry]) -> [SearchResult] {
        let words = query.lowercased().split(whereSeparator: \.isWhitespace).map { String($0).replacingOccurrences(of: "\"", with: "") }
            .filter { !$0.isEmpty }
        guard !words.isEmpty else { return [] }
        var results: [SearchResult] = []
        for entry in entries {
            if let result = match(words, in: entry.conversation.title) {
                results.append(SearchResult(conversation: entry.conversation, messageID: nil, snippet: result.0, matches: result.1))
                continue
            }
            for message in entry.messages {
                guard let result = match(words, in: message.text) else { continue }
                results.append(SearchResult(conversation: entry.conversation, messageID: message.id, snippet: result.0, matches: result.1))
                break
            }
        }
        return results
    }

    /// A passage of one line around the first word, with every word located in it, when all words occur.
    static func match(_ words: [String], in text: String) -> (String, [Range<Int>])? {
        let lower = Array(text.lowercased())
        guard lower.count == text.count else { return nil }
        let characters = Array(text)
        var first: Int?
        for word in words {
            guard let at = find(Array(word), in: lower, from: 0) else { return nil }
            first = min(first ?? at, at)
        }
        let start = max(0, (first ?? 0) - 20)
        let end = min(characters.count, start + 80)
        let passage = characters[start..<end].map { $0.isNewline ? " " : $0 }
        var matches: [Range<Int>] = []
        for word in words {
            var from = start
            while let at = find(Array(word), in: lower, from: from), at + word.count <= end {
                matches.append((at - start)..<(at - start + word.count))
                from = at + word.count
            }
        }
        let prefix = start > 0 ? "…" : ""
        let shift = prefix.count
        return (prefix + String(passage) + (end < characters.count ? "…" : ""),
                matches.sorted { $0.lowerBound < $1.lowerBound }.map { ($0.lowerBound + shift)..<($0.upperBound + shift) })
    }

    private static func find(_ word: [Character], in text: [Character], from: Int) -> Int? {
        guard !word.isEmpty, text.count >= word.count, from <= text.count - word.count else { return nil }
        for index in from...(text.count - word.count) where text[index] == word[0] && Array(text[index..<index + word.count]) == word {
            return index
        }
        return nil
    }
}
