/// Turns whatever a user types into a safe FTS5 query: every term quoted, the last bare word a prefix.
///
/// FTS5 has its own syntax (`AND`, `NEAR`, `*`, `^`, column filters, quotes); passing user text through would
/// make `c++`, `"unbalanced` or `title:` errors. Here words become quoted strings, text in double quotes
/// becomes a phrase, and anything without a letter or digit is dropped, so the result always parses. Only the
/// last word matches as a prefix (the one still being typed): a prefix on every word made a short common word
/// expand to thousands of index terms, and such searches took most of a second on 100,000 conversations.
enum SearchQuery {
    /// The MATCH expression, or `nil` when the text has nothing searchable in it.
    static func match(_ text: String) -> String? {
        let terms = parse(text).filter { isSearchable($0.text) }
        guard let last = terms.indices.last else { return nil }
        return terms.indices.map { index in
            let quoted = "\"" + terms[index].text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            return index == last && !terms[index].isPhrase ? quoted + "*" : quoted
        }.joined(separator: " ")
    }

    /// Bare words split on white space, and quoted phrases kept whole (an unclosed quote runs to the end).
    static func parse(_ text: String) -> [(text: String, isPhrase: Bool)] {
        var terms: [(text: String, isPhrase: Bool)] = []
        var current = ""
        var inPhrase = false
        for character in text {
            if character == "\"" {
                if !current.isEmpty { terms.append((current, inPhrase)) }
                current = ""
                inPhrase.toggle()
            } else if character.isWhitespace && !inPhrase {
                if !current.isEmpty { terms.append((current, false)) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { terms.append((current, inPhrase)) }
        return terms
    }

    private static func isSearchable(_ term: String) -> Bool {
        term.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
    }
}
