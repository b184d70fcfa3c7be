// The Store layer; see ARCHITECTURE.md.
