// The TerminalUI layer; see ARCHITECTURE.md.
