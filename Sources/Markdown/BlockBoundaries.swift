/// A cheap line scanner that says where a growing Markdown text can probably be cut between blocks: the start
/// of a line after a blank line, outside a fenced code block or an HTML block that holds blank lines, that no
/// open block could take in (it starts in the first column and is neither a list item, HTML nor a reference
/// definition). The unfinished last line counts as soon as its first characters decide it.
///
/// `IncrementalMarkdown` takes its cuts from the parser's own block positions; this scanner only tells it when
/// a block shown plain because it grew too long may have ended, and lets a block that starts on the unfinished
/// last line keep the blocks before it.
public struct BlockBoundaries: Sendable {
    /// UTF-8 offset of the first line not scanned yet (the unfinished last line).
    public private(set) var scanned = 0
    /// UTF-8 offset of the last cut found; 0 until there is one. The unfinished last line counts as soon as
    /// its first characters decide it.
    public var lastCut: Int { max(lineCut, partialCut) }
    private var lineCut = 0
    private var partialCut = 0
    /// How far the unfinished last line has been searched for its end, so a long line is read once.
    private var searched = 0
    private var fenceCharacter: UInt8 = 0
    private var fenceLength = 0
    /// While inside an HTML block that blank lines do not end (a comment, `<pre>`, …): what ends it.
    private var htmlEnd: [[UInt8]] = []
    private var previousBlank = false

    public init() {}

    /// Scans the complete lines of `text` after `scanned`; `text` must extend the text scanned before.
    public mutating func scan(_ text: String) {
        var copy = text
        copy.withUTF8 { bytes in
            var start = scanned
            var index = max(scanned, searched)
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "\n") {
                    line(bytes, from: start, to: index)
                    start = index + 1
                }
                index += 1
            }
            scanned = start
            searched = bytes.count
            partialCut = 0
            if fenceCharacter == 0, htmlEnd.isEmpty, previousBlank, start > 0, start < bytes.count,
               Self.startsFresh(UnsafeBufferPointer(rebasing: bytes[start...]), complete: false) == true {
                partialCut = start
            }
        }
    }

    private mutating func line(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
        var end = end
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if fenceCharacter != 0 {
            if let (character, length, rest) = Self.fence(line), character == fenceCharacter, length >= fenceLength,
               rest.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) {
                fenceCharacter = 0
            }
            previousBlank = false
            return
        }
        if !htmlEnd.isEmpty {
            if htmlEnd.contains(where: { Self.contains(line, $0) }) { htmlEnd = [] }
            previousBlank = false
            return
        }
        let blank = line.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        if !blank, previousBlank, start > 0, Self.startsFresh(line, complete: true) == true { lineCut = start }
        if let (character, length, rest) = Self.fence(line),
           character == UInt8(ascii: "~") || !rest.contains(UInt8(ascii: "`")) {
            fenceCharacter = character
            fenceLength = length
        } else if let ends = Self.htmlBlockEnds(line), !ends.contains(where: { Self.contains(line, $0) }) {
            htmlEnd = ends
        }
        previousBlank = blank
    }

    /// For a line that starts an HTML block blank lines do not end (CommonMark's kinds 1 to 5), the texts
    /// that end it.
    private static func htmlBlockEnds(_ line: UnsafeBufferPointer<UInt8>) -> [[UInt8]]? {
        var index = 0
        while index < line.count, index < 3, line[index] == UInt8(ascii: " ") { index += 1 }
        let rest = Array(line[index...]).map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        func starts(_ prefix: String) -> Bool { rest.starts(with: Array(prefix.utf8)) }
        for tag in ["pre", "script", "style", "textarea"] where starts("<" + tag) {
            let after = rest.count > tag.count + 1 ? rest[tag.count + 1] : UInt8(ascii: ">")
            if after == UInt8(ascii: " ") || after == UInt8(ascii: ">") || after == UInt8(ascii: "\t") {
                return ["</pre>", "</script>", "</style>", "</textarea>"].map { Array($0.utf8) }
            }
        }
        if starts("<!--") { return [Array("-->".utf8)] }
        if starts("<?") { return [Array("?>".utf8)] }
        if starts("<![cdata[") { return [Array("]]>".utf8)] }
        if starts("<!"), rest.count > 2, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(rest[2]) { return [Array(">".utf8)] }
        return nil
    }

    /// True when `line`, letters compared without case, contains `needle` (lowercase).
    private static func contains(_ line: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard line.count >= needle.count, !needle.isEmpty else { return false }
        for start in 0...(line.count - needle.count) {
            var matched = true
            for (offset, byte) in needle.enumerated() {
                let value = line[start + offset]
                if ((0x41...0x5A).contains(value) ? value | 0x20 : value) != byte {
                    matched = false
                    break
                }
            }
            if matched { return true }
        }
        return false
    }

    /// True for a line no open block can take in: not indented, not a list item, not HTML, not a reference
    /// definition; nil when the start of an unfinished line cannot tell yet.
    private static func startsFresh(_ line: UnsafeBufferPointer<UInt8>, complete: Bool) -> Bool? {
        guard let first = line.first else { return complete ? false : nil }
        if first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") || first == UInt8(ascii: "<") { return false }
        if first == UInt8(ascii: "[") { return complete ? !isDefinition(line) : nil }
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: "*") {
            guard line.count > 1 else { return complete ? false : nil }
            return !(line[1] == UInt8(ascii: " ") || line[1] == UInt8(ascii: "\t"))
        }
        var digits = 0
        while digits < line.count, digits < 10, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(line[digits]) { digits += 1 }
        guard digits > 0 else { return true }
        guard digits < line.count else { return complete ? true : nil }
        guard line[digits] == UInt8(ascii: ".") || line[digits] == UInt8(ascii: ")") else { return true }
        guard digits + 1 < line.count else { return complete ? false : nil }
        return !(line[digits + 1] == UInt8(ascii: " ") || line[digits + 1] == UInt8(ascii: "\t"))
    }

    /// A fence line: up to three spaces, then three or more backticks or tildes; returns the rest of the line.
    private static func fence(_ line: UnsafeBufferPointer<UInt8>) -> (UInt8, Int, UnsafeBufferPointer<UInt8>)? {
        var index = 0
        while index < line.count, index < 3, line[index] == UInt8(ascii: " ") { index += 1 }
        guard index < line.count, line[index] == UInt8(ascii: "`") || line[index] == UInt8(ascii: "~") else { return nil }
        let character = line[index]
        var length = 0
        while index < line.count, line[index] == character {
            length += 1
            index += 1
        }
        guard length >= 3 else { return nil }
        return (character, length, UnsafeBufferPointer(rebasing: line[index...]))
    }

    /// A line that may define a link reference: up to three spaces, `[label]:`.
    private static func isDefinition(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < line.count, index < 3, line[index] == UInt8(ascii: " ") { index += 1 }
        guard index < line.count, line[index] == UInt8(ascii: "[") else { return false }
        index += 1
        let labelStart = index
        while index < line.count, line[index] != UInt8(ascii: "]") { index += 1 }
        return index > labelStart && index + 1 < line.count && line[index + 1] == UInt8(ascii: ":")
    }
}
