/// Turns whatever a user types into a safe FTS5 query: every term quoted, every term a prefix.
///
/// FTS5 has its own syntax (`AND`, `NEAR`, `*`, `^`, column filters, quotes); passing user text through would
/// make `c++`, `"unbalanced` or `title:` errors. Here words become quoted strings, text in double quotes
/// becomes a phrase, and anything without a letter or digit is dropped, so the result always parses.
enum SearchQuery {
    /// The MATCH expression, or `nil` when the text has nothing searchable in it.
    static func match(_ text: String) -> String? {
        let terms = parse(text).filter(isSearchable)
        guard !terms.isEmpty else { return nil }
        return terms.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"*" }.joined(separator: " ")
    }

    /// Bare words split on white space, and quoted phrases kept whole (an unclosed quote runs to the end).
    static func parse(_ text: String) -> [String] {
        var terms: [String] = []
        var current = ""
        var inPhrase = false
        for character in text {
            if character == "\"" {
                if !current.isEmpty { terms.append(current) }
                current = ""
                inPhrase.toggle()
            } else if character.isWhitespace && !inPhrase {
                if !current.isEmpty { terms.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { terms.append(current) }
        return terms
    }

    private static func isSearchable(_ term: String) -> Bool {
        term.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
    }
}
