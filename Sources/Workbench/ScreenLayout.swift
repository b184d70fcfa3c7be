import TerminalUI

/// Where each pane goes at a terminal size.
///
/// Shared by rendering, by the reducer (page height for PageUp) and by mouse hit-testing, so all agree on the
/// geometry. From `LayoutState.tabbedBelow` columns up the three panes stand side by side at the widths the user
/// chose; below, one pane shows at a time under a tab bar naming them; zoomed, the focused pane takes the whole
/// screen above the status bar. The composer takes `composerRows` rows of text plus its border; zoomed, it
/// shows only while the transcript or the composer is focused.
public struct ScreenLayout: Sendable, Equatable {
    public enum Arrangement: Sendable, Equatable {
        /// The panes side by side.
        case columns
        /// One pane at a time under a tab bar (a narrow terminal).
        case tabs
        /// The focused pane alone.
        case zoomed
    }

    public var arrangement: Arrangement
    public var conversations: Rect?
    public var transcript: Rect?
    public var inspector: Rect?
    public var composer: Rect?
    public var status: Rect
    /// The tab bar naming the panes, when they are tabs.
    public var paneTabs: Rect?
    /// Where the transcript is, or would be when shown: its wrapping and scrolling are measured here.
    public var transcriptFrame: Rect

    public init(size: Size, focus: Pane, composerRows: Int = 1, panes: LayoutState = LayoutState()) {
        let screen = Rect(x: 0, y: 0, width: size.columns, height: size.rows)
        let (above, status) = screen.splitBottom(1)
        let (main, composer) = above.splitBottom(2 + max(1, composerRows))
        self.status = status
        let shown = Self.shownPane(focus: focus, panes: panes)
        if panes.zoomed {
            arrangement = .zoomed
            let keepsComposer = focus == .transcript || focus == .composer
            self.composer = keepsComposer ? composer : nil
            transcriptFrame = main
            place(shown, in: keepsComposer ? main : above)
        } else if size.columns < LayoutState.tabbedBelow {
            arrangement = .tabs
            self.composer = composer
            let (bar, rest) = main.splitTop(1)
            paneTabs = bar
            transcriptFrame = rest
            place(shown, in: rest)
        } else {
            arrangement = .columns
            self.composer = composer
            let widths = panes.widths(columns: size.columns)
            let parts = Layout.columns(main, [.fixed(widths.list), .fill] + (panes.inspectorHidden ? [] : [.fixed(widths.inspector)]))
            conversations = parts[0]
            transcript = parts[1]
            inspector = panes.inspectorHidden ? nil : parts[2]
            transcriptFrame = parts[1]
        }
    }

    private mutating func place(_ pane: Pane, in rect: Rect) {
        switch pane {
        case .conversations: conversations = rect
        case .inspector: inspector = rect
        case .transcript, .composer: transcript = rect
        }
    }

    /// The pane shown when one shows at a time: the focused one, or the transcript while writing.
    static func shownPane(focus: Pane, panes: LayoutState) -> Pane {
        switch focus {
        case .composer: return .transcript
        case .inspector where panes.inspectorHidden: return .transcript
        default: return focus
        }
    }

    /// The panes the tab bar names, in order.
    static func tabbedPanes(_ panes: LayoutState) -> [Pane] {
        [.conversations, .transcript] + (panes.inspectorHidden ? [] : [.inspector])
    }

    /// The transcript's text area inside its border.
    public var transcriptBody: Rect {
        transcriptFrame.inset(by: 1).insetHorizontally(by: 1)
    }
}
