import TerminalUI

/// The layout's actions: zoom, pane widths, hiding the inspector, and focus moving past a hidden pane.
extension AppState {
    /// Zooms the focused pane, or shows all panes again.
    mutating func toggleZoom() {
        panes.zoomed.toggle()
        notice = panes.zoomed ? "Zoomed; z shows all panes again." : nil
    }

    /// Hides the inspector (focus moves to the transcript if it was there), or shows it again.
    mutating func toggleInspector() {
        panes.inspectorHidden.toggle()
        if panes.inspectorHidden, focus == .inspector { focus = .transcript }
        notice = panes.inspectorHidden ? "Inspector hidden; i shows it again." : nil
    }

    /// The pane Tab (forward) or Shift-Tab moves to from `pane`, passing over the hidden inspector.
    func focusable(after pane: Pane, forward: Bool) -> Pane {
        var next = forward ? pane.next : pane.previous
        if next == .inspector, panes.inspectorHidden { next = forward ? next.next : next.previous }
        return next
    }

    /// Why `<` and `>` cannot change widths now, or `nil` when they can.
    var paneWidthUnavailableReason: String? {
        if panes.zoomed { return "A zoomed pane has the whole width; z shows all panes again." }
        if size.columns < LayoutState.tabbedBelow {
            return "Below \(LayoutState.tabbedBelow) columns the panes are tabs, each as wide as the screen."
        }
        return nil
    }

    /// Widens (positive) or narrows the focused pane by steps: the list or the inspector itself; for the
    /// transcript and the composer, the inspector (or, while it is hidden, the list) gives or takes the room.
    /// Widths stay within `LayoutState`'s bounds; at a bound the status bar says so.
    mutating func resizeFocusedPane(by steps: Int) {
        let change = steps * LayoutState.widthStep
        let before = panes.widths(columns: size.columns)
        var wish = panes
        let name: String
        switch focus {
        case .conversations:
            wish.listWidth = before.list + change
            name = "The conversation list"
        case .inspector:
            wish.inspectorWidth = before.inspector + change
            name = "The inspector"
        case .transcript, .composer:
            if panes.inspectorHidden { wish.listWidth = before.list - change } else { wish.inspectorWidth = before.inspector - change }
            name = "The transcript"
        }
        let after = wish.widths(columns: size.columns)
        guard after != before else {
            notice = "\(name) is as \(steps > 0 ? "wide" : "narrow") as it can be at this width."
            return
        }
        if wish.listWidth != panes.listWidth { wish.listWidth = after.list }
        if wish.inspectorWidth != panes.inspectorWidth { wish.inspectorWidth = after.inspector }
        panes = wish
    }
}
