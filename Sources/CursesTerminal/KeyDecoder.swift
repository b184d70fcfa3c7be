import CNcursesw
import TerminalUI

/// Turns what `wget_wch` returns into `Key`s: single keys, Alt-Enter (Escape then Return) and bracketed pastes.
///
/// A bracketed paste (`ESC [200~` … `ESC [201~`, switched on by `ESC [?2004h`) becomes one `.paste` carrying
/// the text, so a pasted newline or control character is never taken for a key. Curses has already waited
/// its escape delay before handing over an Escape, so the bytes of a sequence arrive in one read; an Escape
/// still pending when nothing more is available (`flush`) is the Escape key.
struct KeyDecoder {
    /// The Escape sequence being matched outside a paste.
    private var pending: [UInt32] = []
    /// The text of the paste in progress, or `nil` outside a paste.
    private var pasted: [Unicode.Scalar]?
    /// The part of the end marker seen inside a paste.
    private var endMatch: [UInt32] = []

    static let pasteStart: [UInt32] = [27, 91, 50, 48, 48, 126]
    static let pasteEnd: [UInt32] = [27, 91, 50, 48, 49, 126]
    /// A long paste is delivered in parts of this many scalars, so memory stays bounded by what the composer holds.
    static let pasteChunk = 65_536

    /// True while a paste has started and not ended.
    var isInPaste: Bool { pasted != nil }

    /// The keys one `wget_wch` result completes: none while a sequence or paste is still arriving.
    /// `status` is `wget_wch`'s result (`OK` or `KEY_CODE_YES`), `code` the character or key code.
    mutating func feed(status: Int32, code: UInt32) -> [Key] {
        let isFunction = status == parley_key_code_yes()
        if pasted != nil { return feedPaste(code, isFunction: isFunction) }
        if isFunction {
            return flush() + [Self.function(Int32(bitPattern: code))].compactMap { $0 }
        }
        if pending.isEmpty {
            if code == 27 {
                pending = [27]
                return []
            }
            return [Self.single(code)].compactMap { $0 }
        }
        pending.append(code)
        if pending == [27, 13] || pending == [27, 10] {
            pending = []
            return [.altEnter]
        }
        if pending == Self.pasteStart {
            pending = []
            pasted = []
            return []
        }
        if Self.pasteStart.starts(with: pending) { return [] }
        let rest = pending.dropFirst()
        pending = []
        var keys: [Key] = [.escape]
        for code in rest { keys += feed(status: 0, code: code) }
        return keys
    }

    /// Called when curses has nothing more to read: an Escape still pending is the Escape key, and a sequence
    /// that stopped short is delivered as the keys it was made of. A paste in progress waits for its end.
    mutating func flush() -> [Key] {
        guard !pending.isEmpty else { return [] }
        let rest = pending.dropFirst()
        pending = []
        return [.escape] + rest.compactMap { Self.single($0) }
    }

    /// Ends a paste whose end marker never came, delivering the text that did.
    mutating func endPaste() -> [Key] {
        guard var text = pasted else { return [] }
        text += endMatch.compactMap(Unicode.Scalar.init)
        pasted = nil
        endMatch = []
        return text.isEmpty ? [] : [.paste(Self.string(text))]
    }

    private mutating func feedPaste(_ code: UInt32, isFunction: Bool) -> [Key] {
        if isFunction {
            // The pasted text held a sequence curses took for a key; it is dropped, never acted on.
            pasted! += endMatch.compactMap(Unicode.Scalar.init)
            endMatch = []
            return []
        }
        if !endMatch.isEmpty || code == 27 {
            endMatch.append(code)
            if endMatch == Self.pasteEnd {
                let text = pasted ?? []
                pasted = nil
                endMatch = []
                return text.isEmpty ? [] : [.paste(Self.string(text))]
            }
            if Self.pasteEnd.starts(with: endMatch) { return [] }
            let failed = endMatch
            endMatch = []
            pasted!.append(Unicode.Scalar(27))
            return failed.dropFirst().flatMap { feedPaste($0, isFunction: false) }
        }
        guard let scalar = Unicode.Scalar(code) else { return [] }
        pasted!.append(scalar)
        guard pasted!.count >= Self.pasteChunk, scalar != "\r" else { return [] }
        let text = pasted!
        pasted = []
        return [.paste(Self.string(text))]
    }

    private static func string(_ scalars: [Unicode.Scalar]) -> String {
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        return text
    }

    /// One character code outside a paste. Return is Enter; line feed (Ctrl-J) stays Ctrl-J, since curses runs
    /// without `nl` translation.
    private static func single(_ code: UInt32) -> Key? {
        switch code {
        case 9: return .tab
        case 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(code + 96)!))
        case 0, 28...31: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .character(Character(scalar))
        }
    }

    private static func function(_ code: Int32) -> Key? {
        switch code {
        case parley_key_up(): return .up
        case parley_key_down(): return .down
        case parley_key_left(): return .left
        case parley_key_right(): return .right
        case parley_key_home(): return .home
        case parley_key_end(): return .end
        case parley_key_ppage(): return .pageUp
        case parley_key_npage(): return .pageDown
        case parley_key_backspace(): return .backspace
        case parley_key_dc(): return .delete
        case parley_key_enter(): return .enter
        case parley_key_btab(): return .backTab
        case parley_key_resize(): return .resize(Size(columns: Int(parley_cols()), rows: Int(parley_lines())))
        case (parley_key_f0() + 1)...(parley_key_f0() + 12): return .function(Int(code - parley_key_f0()))
        default: return nil
        }
    }
}
