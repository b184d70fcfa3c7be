import CNcursesw
import TerminalUI

/// Turns what `wget_wch` returned into a `Key`.
enum KeyDecoder {
    /// `status` is `wget_wch`'s result (`OK` or `KEY_CODE_YES`), `code` the character or key code.
    static func decode(status: Int32, code: UInt32) -> Key? {
        if status == parley_key_code_yes() { return function(Int32(bitPattern: code)) }
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
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
