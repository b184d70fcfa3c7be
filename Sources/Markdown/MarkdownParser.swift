import CCmarkGFM
import Synchronization

/// The one door to libcmark-gfm: parses a text and hands its document tree to a body, then frees it.
///
/// The library keeps its extension registry and its table of special characters in process globals that
/// attaching an extension writes, so parses run one at a time under a lock; the walk over the tree, where
/// most of the time goes, runs outside it, so a long reply rendered on another thread never holds a frame.
enum MarkdownParser {
    private static let registered = Mutex(false)

    static func withDocument<T: Sendable>(_ source: String, _ body: (Node) -> T) -> T {
        // The tree is this caller's alone (walking and freeing it touch no global state), so only its address
        // leaves the lock.
        let address = registered.withLock { registered in
            if !registered {
                parley_md_register()
                registered = true
            }
            return Int(bitPattern: source.withCString { parley_md_parse($0, source.utf8.count) })
        }
        let document = OpaquePointer(bitPattern: address)!
        defer { cmark_node_free(document) }
        return body(Node(document))
    }
}

/// A borrowed node of a parsed document, valid only inside `MarkdownParser.withDocument`.
struct Node {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    var kind: Int32 { parley_md_kind(pointer) }

    var children: [Node] {
        var out: [Node] = []
        var child = cmark_node_first_child(pointer)
        while let node = child {
            out.append(Node(node))
            child = cmark_node_next(node)
        }
        return out
    }

    var literal: String { cmark_node_get_literal(pointer).map { String(cString: $0) } ?? "" }
    var url: String { cmark_node_get_url(pointer).map { String(cString: $0) } ?? "" }
    var fenceInfo: String { cmark_node_get_fence_info(pointer).map { String(cString: $0) } ?? "" }
    var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }
    /// The source line the node starts on, from 1.
    var startLine: Int { Int(cmark_node_get_start_line(pointer)) }
    /// The source line the node ends on.
    var endLine: Int { Int(cmark_node_get_end_line(pointer)) }
    var listIsOrdered: Bool { parley_md_list_ordered(pointer) == 1 }
    var listUsesParen: Bool { parley_md_list_paren(pointer) == 1 }
    var listStart: Int { Int(cmark_node_get_list_start(pointer)) }
    var listIsTight: Bool { cmark_node_get_list_tight(pointer) == 1 }
    /// 0 for an ordinary item, 1 for an open task, 2 for a done one.
    var task: Int32 { parley_md_task(pointer) }

    func tableAlignment(_ column: Int) -> UInt8 { UInt8(bitPattern: parley_md_table_alignment(pointer, Int32(column))) }

    static let document = Int32(PARLEY_MD_DOCUMENT.rawValue)
    static let quote = Int32(PARLEY_MD_QUOTE.rawValue)
    static let list = Int32(PARLEY_MD_LIST.rawValue)
    static let item = Int32(PARLEY_MD_ITEM.rawValue)
    static let codeBlock = Int32(PARLEY_MD_CODE_BLOCK.rawValue)
    static let htmlBlock = Int32(PARLEY_MD_HTML_BLOCK.rawValue)
    static let paragraph = Int32(PARLEY_MD_PARAGRAPH.rawValue)
    static let heading = Int32(PARLEY_MD_HEADING.rawValue)
    static let rule = Int32(PARLEY_MD_RULE.rawValue)
    static let text = Int32(PARLEY_MD_TEXT.rawValue)
    static let softBreak = Int32(PARLEY_MD_SOFTBREAK.rawValue)
    static let lineBreak = Int32(PARLEY_MD_LINEBREAK.rawValue)
    static let code = Int32(PARLEY_MD_CODE.rawValue)
    static let htmlInline = Int32(PARLEY_MD_HTML_INLINE.rawValue)
    static let emphasis = Int32(PARLEY_MD_EMPH.rawValue)
    static let strong = Int32(PARLEY_MD_STRONG.rawValue)
    static let link = Int32(PARLEY_MD_LINK.rawValue)
    static let image = Int32(PARLEY_MD_IMAGE.rawValue)
    static let table = Int32(PARLEY_MD_TABLE.rawValue)
    static let tableRow = Int32(PARLEY_MD_TABLE_ROW.rawValue)
    static let tableCell = Int32(PARLEY_MD_TABLE_CELL.rawValue)
    static let strikethrough = Int32(PARLEY_MD_STRIKETHROUGH.rawValue)
}
