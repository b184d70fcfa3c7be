#ifndef PARLEY_CNCURSESW_SHIM_H
#define PARLEY_CNCURSESW_SHIM_H
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Swift 6 cannot read curses globals or expand its macros; these accessors reach them. */
static inline WINDOW *parley_stdscr(void) { return stdscr; }
static inline int parley_lines(void) { return LINES; }
static inline int parley_cols(void) { return COLS; }
static inline int parley_color_pairs(void) { return COLOR_PAIRS; }
static inline int parley_colors(void) { return COLORS; }

static inline attr_t parley_a_normal(void) { return A_NORMAL; }
static inline attr_t parley_a_bold(void) { return A_BOLD; }
static inline attr_t parley_a_dim(void) { return A_DIM; }
static inline attr_t parley_a_italic(void) { return A_ITALIC; }
static inline attr_t parley_a_underline(void) { return A_UNDERLINE; }
static inline attr_t parley_a_reverse(void) { return A_REVERSE; }

static inline int parley_key_code_yes(void) { return KEY_CODE_YES; }
static inline int parley_key_up(void) { return KEY_UP; }
static inline int parley_key_down(void) { return KEY_DOWN; }
static inline int parley_key_left(void) { return KEY_LEFT; }
static inline int parley_key_right(void) { return KEY_RIGHT; }
static inline int parley_key_home(void) { return KEY_HOME; }
static inline int parley_key_end(void) { return KEY_END; }
static inline int parley_key_ppage(void) { return KEY_PPAGE; }
static inline int parley_key_npage(void) { return KEY_NPAGE; }
static inline int parley_key_backspace(void) { return KEY_BACKSPACE; }
static inline int parley_key_dc(void) { return KEY_DC; }
static inline int parley_key_enter(void) { return KEY_ENTER; }
static inline int parley_key_btab(void) { return KEY_BTAB; }
static inline int parley_key_resize(void) { return KEY_RESIZE; }
static inline int parley_key_f0(void) { return KEY_F0; }

/* Writes one cell: a base character plus up to four combining marks, with attributes and a colour pair. */
static inline int parley_put_cell(int y, int x, const wchar_t *chars, attr_t attrs, short pair) {
    cchar_t cell;
    if (setcchar(&cell, chars, attrs, pair, NULL) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cell);
}
#endif
