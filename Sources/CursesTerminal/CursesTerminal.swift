// The CursesTerminal layer; see ARCHITECTURE.md.
