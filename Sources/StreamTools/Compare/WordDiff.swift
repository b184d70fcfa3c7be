/// A word-level diff of two texts: the longest common subsequence of their words, with what was removed and
/// added between.
///
/// Words and the whitespace between them are separate tokens, so spacing changes show and the pieces join
/// back into exactly each text. The common start and end are cut first; when what remains is too large for
/// the table (`cellLimit`), lines are compared instead of words, and past that the middle is one removal and
/// one addition.
public struct WordDiff: Sendable, Equatable {
    public enum Operation: String, Sendable {
        case same, removed, added
    }

    public struct Piece: Sendable, Equatable {
        public var operation: Operation
        public var text: String

        public init(_ operation: Operation, _ text: String) {
            self.operation = operation
            self.text = text
        }
    }

    public var pieces: [Piece]

    /// The most table cells (words of one side × words of the other) compared word by word: 4 M cells, 16 MB.
    public static let cellLimit = 4_000_000

    public init(_ old: String, _ new: String) {
        let a = Self.words(old)
        let b = Self.words(new)
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] {
            suffix += 1
        }
        var pieces: [Piece] = []
        Self.append(.same, a[..<prefix].joined(), to: &pieces)
        let middleA = Array(a[prefix..<(a.count - suffix)])
        let middleB = Array(b[prefix..<(b.count - suffix)])
        if middleA.count * middleB.count <= Self.cellLimit {
            Self.lcs(middleA, middleB, into: &pieces)
        } else {
            let linesA = Self.lines(middleA.joined())
            let linesB = Self.lines(middleB.joined())
            if linesA.count * linesB.count <= Self.cellLimit {
                Self.lcs(linesA, linesB, into: &pieces)
            } else {
                Self.append(.removed, middleA.joined(), to: &pieces)
                Self.append(.added, middleB.joined(), to: &pieces)
            }
        }
        Self.append(.same, a[(a.count - suffix)...].joined(), to: &pieces)
        self.pieces = Self.joiningChanges(pieces)
    }

    /// Folds a space that is all that stands between two changes into them, so `[-a b-]{+c d+}` reads as one
    /// change instead of `[-a-]{+c+} [-b-]{+d+}`.
    static func joiningChanges(_ pieces: [Piece]) -> [Piece] {
        var result: [Piece] = []
        for (i, piece) in pieces.enumerated() {
            let between = i > 0 && i < pieces.count - 1 && pieces[i - 1].operation != .same
                && pieces[i + 1].operation != .same
            if piece.operation == .same, between, piece.text.allSatisfy(\.isWhitespace) {
                append(.removed, piece.text, to: &result)
                append(.added, piece.text, to: &result)
            } else {
                append(piece.operation, piece.text, to: &result)
            }
        }
        return result
    }

    /// True when the texts are the same.
    public var isEmpty: Bool { pieces.allSatisfy { $0.operation == .same } }

    /// Words removed and added.
    public var changedWords: (removed: Int, added: Int) {
        func count(_ operation: Operation) -> Int {
            pieces.filter { $0.operation == operation }.map { Self.words($0.text).filter { !$0.allSatisfy(\.isWhitespace) }.count }
                .reduce(0, +)
        }
        return (count(.removed), count(.added))
    }

    /// The diff as text with `[-removed-]` and `{+added+}` markers.
    public var marked: String {
        pieces.map { piece in
            switch piece.operation {
            case .same: return piece.text
            case .removed: return "[-" + piece.text + "-]"
            case .added: return "{+" + piece.text + "+}"
            }
        }.joined()
    }

    /// Runs of whitespace and runs of anything else.
    static func words(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var currentIsSpace = false
        for character in text {
            let isSpace = character.isWhitespace
            if !current.isEmpty, isSpace != currentIsSpace {
                tokens.append(current)
                current = ""
            }
            current.append(character)
            currentIsSpace = isSpace
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    /// Lines with their line ends.
    static func lines(_ text: String) -> [String] {
        var lines: [String] = []
        var current = ""
        for character in text {
            current.append(character)
            if character.isNewline {
                lines.append(current)
                current = ""
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    private static func lcs(_ a: [String], _ b: [String], into pieces: inout [Piece]) {
        let n = a.count
        let m = b.count
        guard n > 0, m > 0 else {
            append(.removed, a.joined(), to: &pieces)
            append(.added, b.joined(), to: &pieces)
            return
        }
        // lengths[i * (m + 1) + j]: the LCS length of a[i...] and b[j...].
        var lengths = [UInt32](repeating: 0, count: (n + 1) * (m + 1))
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lengths[i * (m + 1) + j] = a[i] == b[j]
                    ? lengths[(i + 1) * (m + 1) + j + 1] + 1
                    : max(lengths[(i + 1) * (m + 1) + j], lengths[i * (m + 1) + j + 1])
            }
        }
        var i = 0
        var j = 0
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] {
                append(.same, a[i], to: &pieces)
                i += 1
                j += 1
            } else if j < m, i == n || lengths[i * (m + 1) + j + 1] >= lengths[(i + 1) * (m + 1) + j] {
                append(.added, b[j], to: &pieces)
                j += 1
            } else {
                append(.removed, a[i], to: &pieces)
                i += 1
            }
        }
    }

    /// Adds text, joining it to the last piece when the operation is the same. A removal always comes before
    /// the addition it sits beside, so `[-old-]{+new+}` reads in order.
    private static func append(_ operation: Operation, _ text: String, to pieces: inout [Piece]) {
        guard !text.isEmpty else { return }
        if pieces.last?.operation == operation {
            pieces[pieces.count - 1].text += text
        } else if operation == .removed, pieces.last?.operation == .added {
            let added = pieces.removeLast()
            if pieces.last?.operation == .removed {
                pieces[pieces.count - 1].text += text
            } else {
                pieces.append(Piece(.removed, text))
            }
            pieces.append(added)
        } else {
            pieces.append(Piece(operation, text))
        }
    }
}
