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
static inline int parley_key_mouse(void) { return KEY_MOUSE; }

/* Mouse button masks: the workbench acts on left-button presses and clicks and the wheel (buttons 4 and 5). */
static inline mmask_t parley_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t parley_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t parley_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t parley_button5_pressed(void) { return BUTTON5_PRESSED; }
static inline mmask_t parley_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t parley_button3_pressed(void) { return BUTTON3_PRESSED; }

/* Turns mouse reporting on for the events above, without click resolution (a press is reported at once).
   Returns whether curses knows how to read a mouse on this terminal. */
static inline int parley_mouse_on(void) {
    mmask_t wanted = BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED;
    mouseinterval(0);
    return mousemask(wanted, NULL) != 0;
}

/* Leaves mouse reporting off, but has curses know the terminal's mouse reports, so that one sent anyway (a
   program before left reporting on) is read whole and dropped instead of arriving as typed characters. */
static inline void parley_mouse_off(void) {
    mousemask(BUTTON1_PRESSED, NULL);
    mousemask(0, NULL);
}

/* Reads the pending mouse event: its cell and button state. Returns OK or ERR. */
static inline int parley_get_mouse(int *x, int *y, mmask_t *buttons) {
    MEVENT event;
    if (getmouse(&event) != OK) return ERR;
    *x = event.x;
    *y = event.y;
    *buttons = event.bstate;
    return OK;
}

/* Writes one cell: a base character plus up to four combining marks, with attributes and a colour pair. */
static inline int parley_put_cell(int y, int x, const wchar_t *chars, attr_t attrs, short pair) {
    cchar_t cell;
    if (setcchar(&cell, chars, attrs, pair, NULL) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cell);
}
#endif
