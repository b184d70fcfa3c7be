import TerminalUI

/// A grid as text with its styles: each row followed by a row of one letter per cell naming the cell's style.
///
/// Text snapshots cannot tell a highlighted row or an error from plain text; where colour carries meaning
/// the scene is also compared in this form. Letters stand for theme roles (`E` error, `S` selection, `d`
/// dim, …), `.` for the plain style, digits for styles derived from a role (`status + dim`); a legend at the
/// top says which roles share each letter's style. Both rows drop trailing blanks, so a diff stays small.
struct StyleSnapshot {
    /// Roles and their letters, most meaningful first: a style shared by several roles takes the first letter.
    static let letters: [(role: String, letter: Character)] = [
        ("error", "E"), ("warning", "W"), ("selection", "S"), ("selection.unfocused", "s"), ("dim", "d"),
        ("hint.unavailable", "x"), ("hint", "h"), ("user", "U"), ("assistant", "A"), ("reasoning", "r"),
        ("step", "p"), ("tool", "t"), ("citation", "c"), ("label", "l"), ("status", "="), ("status.key", "K"),
        ("tab.active", "T"), ("title.focused", "F"), ("title", "i"), ("border.focused", "B"), ("border", "b"),
        ("value", "v"), ("text", "."), ("background", "."), ("tab", "."), ("input", "."), ("overlay", "."),
        ("md.heading", "H"), ("md.code", "C"), ("md.language", "L"), ("md.bullet", "o"), ("md.link", "k"),
        ("md.strong", "O"), ("md.emphasis", "e"), ("md.quote", "q"), ("marker", "M"),
    ]

    let theme: Theme

    /// The snapshot text of `grid`: legend, then each row's text and its style letters.
    func text(of grid: Grid) -> String {
        var codes: [Style: Character] = [:]
        var legend: [(Character, String)] = []
        var derived = 0
        func code(for style: Style) -> Character {
            if let known = codes[style] { return known }
            let letter: Character
            let name: String
            if let role = Self.letters.first(where: { theme.style($0.role) == style }) {
                letter = style == .plain ? "." : role.letter
                let sharing = Self.letters.filter { theme.style($0.role) == style }.map(\.role)
                name = sharing.joined(separator: ", ")
            } else {
                derived += 1
                letter = Character(String(derived % 10))
                name = derivation(of: style)
            }
            codes[style] = letter
            legend.append((letter, "\(name): \(Self.describe(style))"))
            return letter
        }
        var rows: [String] = []
        for y in 0..<grid.size.rows {
            let letters = String((0..<grid.size.columns).map { code(for: grid[$0, y].style) })
            rows.append(Self.trimmed(grid.line(y), " "))
            rows.append(Self.trimmed(letters, "."))
        }
        let key = legend.sorted { $0.0 < $1.0 }.map { "# \($0.0) \($0.1)" }
        return (key + rows).joined(separator: "\n") + "\n"
    }

    /// `role + attributes` for the role the style adds the fewest attributes to, else `no role`.
    private func derivation(of style: Style) -> String {
        let candidates = Self.letters.compactMap { entry -> (role: String, extra: [String])? in
            let base = theme.style(entry.role)
            guard base.foreground == style.foreground, base.background == style.background,
                  style.attributes.isSuperset(of: base.attributes), style.attributes != base.attributes
            else { return nil }
            let extra = style.attributes.subtracting(base.attributes)
            return (entry.role, Attributes.named.filter { extra.contains($0.1) }.map(\.0))
        }
        guard let best = candidates.min(by: { $0.extra.count < $1.extra.count }) else { return "no role" }
        return "\(best.role) + \(best.extra.joined(separator: " + "))"
    }

    /// `foreground on background, attributes`, in theme-file words.
    static func describe(_ style: Style) -> String {
        func name(_ color: Color) -> String {
            switch color {
            case .default: return "default"
            case .indexed(let n): return n < 16 ? Color.names[Int(n)] : "color\(n)"
            }
        }
        let attributes = Attributes.named.filter { style.attributes.contains($0.1) }.map(\.0)
        return "\(name(style.foreground)) on \(name(style.background))"
            + (attributes.isEmpty ? "" : ", " + attributes.joined(separator: ", "))
    }

    private static func trimmed(_ row: String, _ blank: Character) -> String {
        String(row.reversed().drop(while: { $0 == blank }).reversed())
    }
}
