// The Workbench layer; see ARCHITECTURE.md.
