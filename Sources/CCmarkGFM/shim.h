#ifndef PARLEY_CCMARKGFM_SHIM_H
#define PARLEY_CCMARKGFM_SHIM_H
#include <string.h>
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

/// The kinds of node Parley draws; extension node types are numbered at run time, so they are told by name.
enum parley_md_kind {
    PARLEY_MD_OTHER = 0,
    PARLEY_MD_DOCUMENT, PARLEY_MD_QUOTE, PARLEY_MD_LIST, PARLEY_MD_ITEM, PARLEY_MD_CODE_BLOCK,
    PARLEY_MD_HTML_BLOCK, PARLEY_MD_PARAGRAPH, PARLEY_MD_HEADING, PARLEY_MD_RULE,
    PARLEY_MD_TEXT, PARLEY_MD_SOFTBREAK, PARLEY_MD_LINEBREAK, PARLEY_MD_CODE, PARLEY_MD_HTML_INLINE,
    PARLEY_MD_EMPH, PARLEY_MD_STRONG, PARLEY_MD_LINK, PARLEY_MD_IMAGE,
    PARLEY_MD_TABLE, PARLEY_MD_TABLE_ROW, PARLEY_MD_TABLE_CELL, PARLEY_MD_STRIKETHROUGH,
};

static inline int parley_md_kind(cmark_node *node) {
    switch (cmark_node_get_type(node)) {
    case CMARK_NODE_DOCUMENT: return PARLEY_MD_DOCUMENT;
    case CMARK_NODE_BLOCK_QUOTE: return PARLEY_MD_QUOTE;
    case CMARK_NODE_LIST: return PARLEY_MD_LIST;
    case CMARK_NODE_ITEM: return PARLEY_MD_ITEM;
    case CMARK_NODE_CODE_BLOCK: return PARLEY_MD_CODE_BLOCK;
    case CMARK_NODE_HTML_BLOCK: return PARLEY_MD_HTML_BLOCK;
    case CMARK_NODE_PARAGRAPH: return PARLEY_MD_PARAGRAPH;
    case CMARK_NODE_HEADING: return PARLEY_MD_HEADING;
    case CMARK_NODE_THEMATIC_BREAK: return PARLEY_MD_RULE;
    case CMARK_NODE_TEXT: return PARLEY_MD_TEXT;
    case CMARK_NODE_SOFTBREAK: return PARLEY_MD_SOFTBREAK;
    case CMARK_NODE_LINEBREAK: return PARLEY_MD_LINEBREAK;
    case CMARK_NODE_CODE: return PARLEY_MD_CODE;
    case CMARK_NODE_HTML_INLINE: return PARLEY_MD_HTML_INLINE;
    case CMARK_NODE_EMPH: return PARLEY_MD_EMPH;
    case CMARK_NODE_STRONG: return PARLEY_MD_STRONG;
    case CMARK_NODE_LINK: return PARLEY_MD_LINK;
    case CMARK_NODE_IMAGE: return PARLEY_MD_IMAGE;
    default: break;
    }
    const char *name = cmark_node_get_type_string(node);
    if (name == NULL) return PARLEY_MD_OTHER;
    if (strcmp(name, "table") == 0) return PARLEY_MD_TABLE;
    if (strcmp(name, "table_row") == 0 || strcmp(name, "table_header") == 0) return PARLEY_MD_TABLE_ROW;
    if (strcmp(name, "table_cell") == 0) return PARLEY_MD_TABLE_CELL;
    if (strcmp(name, "strikethrough") == 0) return PARLEY_MD_STRIKETHROUGH;
    if (strcmp(name, "tasklist") == 0) return PARLEY_MD_ITEM;
    return PARLEY_MD_OTHER;
}

/// Registers the GFM extensions; not thread-safe, so the Swift side calls it once before any parse.
static inline void parley_md_register(void) { cmark_gfm_core_extensions_ensure_registered(); }

/// Parses Markdown with the table, strikethrough and autolink extensions; the caller frees the document.
static inline cmark_node *parley_md_parse(const char *text, size_t length) {
    cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT);
    const char *names[] = {"table", "strikethrough", "autolink", "tasklist"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        cmark_syntax_extension *extension = cmark_find_syntax_extension(names[i]);
        if (extension != NULL) cmark_parser_attach_syntax_extension(parser, extension);
    }
    cmark_parser_feed(parser, text, length);
    cmark_node *document = cmark_parser_finish(parser);
    cmark_parser_free(parser);
    return document;
}

/// 1 for an ordered list, 0 for a bullet list.
static inline int parley_md_list_ordered(cmark_node *node) { return cmark_node_get_list_type(node) == CMARK_ORDERED_LIST; }

/// 1 when an ordered list's numbers end with `)` rather than `.`.
static inline int parley_md_list_paren(cmark_node *node) { return cmark_node_get_list_delim(node) == CMARK_PAREN_DELIM; }

/// 1 for a task list item, 2 when it is checked; 0 for an ordinary item.
static inline int parley_md_task(cmark_node *node) {
    const char *name = cmark_node_get_type_string(node);
    if (name == NULL || strcmp(name, "tasklist") != 0) return 0;
    return cmark_gfm_extensions_get_tasklist_item_checked(node) ? 2 : 1;
}

/// A table column's alignment: 'l', 'c', 'r', or 0 when none was given.
static inline char parley_md_table_alignment(cmark_node *table, int column) {
    uint16_t columns = cmark_gfm_extensions_get_table_columns(table);
    uint8_t *alignments = cmark_gfm_extensions_get_table_alignments(table);
    if (alignments == NULL || column < 0 || column >= columns) return 0;
    return (char)alignments[column];
}
#endif
