// The WorkbenchApp layer; see ARCHITECTURE.md.
