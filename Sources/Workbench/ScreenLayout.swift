import TerminalUI

/// Where each pane goes at a terminal size.
///
/// Shared by rendering and by the reducer (page height for PageUp), so both agree on the geometry. Below
/// 80 columns the conversation list only shows while focused, in place of the transcript. The composer takes
/// `composerRows` rows of text plus its border.
public struct ScreenLayout: Sendable, Equatable {
    public var conversations: Rect?
    public var transcript: Rect?
    public var inspector: Rect
    public var composer: Rect
    public var status: Rect

    public init(size: Size, focus: Pane, composerRows: Int = 1) {
        let screen = Rect(x: 0, y: 0, width: size.columns, height: size.rows)
        let (above, status) = screen.splitBottom(1)
        let (main, composer) = above.splitBottom(2 + max(1, composerRows))
        self.status = status
        self.composer = composer
        if size.columns >= 80 {
            let listWidth = min(32, max(18, size.columns / 5))
            let parts = Layout.columns(main, [.fixed(listWidth), .fill, .percent(34)])
            conversations = parts[0]
            transcript = parts[1]
            inspector = parts[2]
        } else {
            let parts = Layout.columns(main, [.fill, .percent(45)])
            conversations = focus == .conversations ? parts[0] : nil
            transcript = focus == .conversations ? nil : parts[0]
            inspector = parts[1]
        }
    }

    /// The transcript's text area inside its border (the whole left column when it is hidden).
    public var transcriptBody: Rect {
        (transcript ?? conversations ?? Rect(x: 0, y: 0, width: 0, height: 0)).inset(by: 1).insetHorizontally(by: 1)
    }
}
