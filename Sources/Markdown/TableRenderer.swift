import TerminalUI

/// A GFM table drawn with box lines, each column as wide as its widest cell and aligned as the delimiter row
/// says; when the columns do not fit, the widest ones narrow and their cells wrap.
struct TableRenderer {
    private var rows: [(header: Bool, cells: [[MarkdownSpan]])] = []
    private var alignments: [UInt8] = []

    init(table: Node) {
        for row in table.children where row.kind == Node.tableRow {
            let cells = row.children.map { cell in
                InlineText.lines(of: cell, role: "text").reduce([MarkdownSpan]()) { joined, line in
                    joined.isEmpty ? line : joined + [MarkdownSpan(" ", role: "text")] + line
                }
            }
            rows.append((rows.isEmpty, cells))
        }
        let columns = rows.map(\.cells.count).max() ?? 0
        alignments = (0..<columns).map { table.tableAlignment($0) }
    }

    func lines(width: Int) -> [MarkdownLine] {
        let columns = alignments.count
        guard columns > 0 else { return [] }
        let widths = fitted(columns: columns, width: width)
        var out = [border("┌", "┬", "┐", widths)]
        for (index, row) in rows.enumerated() {
            let wrapped = (0..<columns).map { column -> [MarkdownLine] in
                let spans = column < row.cells.count ? row.cells[column] : []
                let styled = row.header ? spans.map { MarkdownSpan($0.text, role: $0.role == "text" ? "md.tablehead" : $0.role) } : spans
                return SpanWrapper.wrap(styled, width: widths[column])
            }
            let height = wrapped.map(\.count).max() ?? 1
            for lineIndex in 0..<height {
                var line = MarkdownLine("│", role: "md.table")
                for column in 0..<columns {
                    let cell = lineIndex < wrapped[column].count ? wrapped[column][lineIndex] : MarkdownLine()
                    let room = max(0, widths[column] - DisplayWidth.of(cell.text))
                    let before: Int
                    switch alignments[column] {
                    case UInt8(ascii: "r"): before = room
                    case UInt8(ascii: "c"): before = room / 2
                    default: before = 0
                    }
                    line.append(" " + String(repeating: " ", count: before), role: "md.table")
                    for span in cell.spans { line.append(span.text, role: span.role) }
                    line.append(String(repeating: " ", count: room - before) + " ", role: "md.table")
                    line.append("│", role: "md.table")
                }
                out.append(line)
            }
            if row.header, index + 1 < rows.count { out.append(border("├", "┼", "┤", widths)) }
        }
        out.append(border("└", "┴", "┘", widths))
        return out
    }

    /// Each column's width: its widest cell, narrowed widest-first until the table fits in `width`.
    private func fitted(columns: Int, width: Int) -> [Int] {
        var widths = (0..<columns).map { column in
            rows.map { row in column < row.cells.count ? DisplayWidth.of(row.cells[column].map(\.text).joined()) : 0 }.max() ?? 0
        }.map { max(1, $0) }
        let room = width - (3 * columns + 1)
        var excess = widths.reduce(0, +) - room
        while excess > 0, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > 3 {
            widths[widest] -= 1
            excess -= 1
        }
        return widths
    }

    private func border(_ left: String, _ middle: String, _ right: String, _ widths: [Int]) -> MarkdownLine {
        MarkdownLine(left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right, role: "md.table")
    }
}
