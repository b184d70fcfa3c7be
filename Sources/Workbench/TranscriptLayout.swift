import ChatModel
import Synchronization

/// Memoized transcript lines per message and width: a cache outside the state, keyed by content.
///
/// Rendering asks only for the messages it shows, newest first; a finished message is wrapped once per
/// width, and a streaming one wraps only what arrived since the last frame. So a frame costs what is
/// visible, never the whole transcript (design.md, data flow). The lines are a pure function of the message
/// and the width, and an entry is used only for an equal message, so `reduce` and `render` stay pure while
/// sharing it; it lives beside `AppState`, never inside it, so copies of a state share no mutable part.
public final class TranscriptLayout: Sendable {
    fileprivate struct Entry {
        var message: Message
        var width: Int
        var unfolded = false
        var source = false
        var rendering = false
        var text = IncrementalWrap()
        var markdown = IncrementalMarkdown()
        var reasoning = IncrementalWrap()
        var steps: [Step] = []
        var stepLines: [RoleLine] = []
        var lines = MessageLines()
    }

    /// A reply's complete Markdown rendered off the screen's thread, waiting to be taken into its entry.
    private struct Prepared {
        var text: String
        var width: Int
        var markdown: IncrementalMarkdown
    }

    private struct Cache {
        var entries: [String: Entry] = [:]
        var prepared: [String: Prepared] = [:]
        var wrapped = 0
        var parsed = 0
    }

    private let cache = Mutex(Cache())

    /// The cache `reduce` and `Screen.render` use.
    public static let shared = TranscriptLayout()

    public init() {}

    /// How many characters have been wrapped so far; tests use it to check that work follows visibility.
    public var charactersWrapped: Int { cache.withLock(\.wrapped) }

    /// How many bytes of Markdown have been parsed so far; tests use it to check that a frame parses the tail.
    public var markdownParsed: Int { cache.withLock(\.parsed) }

    /// The lines of one message at a width: its reasoning and steps folded to one-line summaries unless
    /// `unfolded`, a reply's text rendered as Markdown, or its source when `source`; a reply still `rendering`
    /// (see `AppState.renderEndedReply`) is shown as while it streamed.
    func lines(
        _ message: Message, width: Int, unfolded: Bool = false, source: Bool = false, rendering: Bool = false
    ) -> MessageLines {
        cache.withLock { cache in
            if let entry = cache.entries[message.id], entry.width == width, entry.unfolded == unfolded,
               entry.source == source, entry.rendering == rendering, entry.message == message { return entry.lines }
            var entry = cache.entries[message.id] ?? Entry(message: message, width: width)
            let body = max(1, width - TranscriptFormatter.indent.count)
            let rendersMarkdown = message.role == .assistant && !source
            let complete = message.status != .streaming && !rendering
            if rendersMarkdown, complete, let prepared = cache.prepared.removeValue(forKey: message.id),
               prepared.width == body, prepared.text == message.text {
                entry.markdown = prepared.markdown
            }
            if rendersMarkdown {
                cache.parsed += entry.markdown.update(message.text, width: body, complete: complete)
            } else {
                cache.wrapped += entry.text.update(message.text, width: body)
            }
            cache.wrapped += entry.reasoning.update(message.reasoning, width: max(1, body - 2))
            entry.updateSteps(message.steps, width: width)
            entry.message = message
            entry.width = width
            entry.unfolded = unfolded
            entry.source = source
            entry.rendering = rendering
            entry.lines = TranscriptFormatter.lines(
                message, width: width, text: entry.text.lines, reasoning: entry.reasoning.lines, steps: entry.stepLines,
                unfolded: unfolded, markdown: rendersMarkdown ? (entry.markdown.rendered, entry.markdown.plain) : nil,
                source: source && message.role == .assistant)
            cache.entries[message.id] = entry
            return entry.lines
        }
    }

    /// True when the message's reply is shown with its last block as plain text, too long to parse per frame.
    func showsPlainTail(_ messageID: String) -> Bool {
        cache.withLock { !($0.entries[messageID]?.markdown.plain.isEmpty ?? true) }
    }

    /// Renders a reply's complete Markdown at a width, for the next frame that shows it complete to take in.
    ///
    /// Runs on any thread: it starts from a copy of the streaming render (the finished blocks are kept, only the
    /// last one is parsed) and holds the cache's lock only to copy and to store, so frames go on meanwhile.
    public func prepareComplete(_ message: Message, width: Int) {
        let body = max(1, width - TranscriptFormatter.indent.count)
        var markdown = cache.withLock { $0.entries[message.id]?.markdown } ?? IncrementalMarkdown()
        let parsed = markdown.update(message.text, width: body, complete: true)
        cache.withLock { cache in
            cache.prepared[message.id] = Prepared(text: message.text, width: body, markdown: markdown)
            cache.parsed += parsed
        }
    }

    /// The lines of the last messages, enough to fill `count` rows when there are that many, oldest first;
    /// the messages whose ids are in `source` show their Markdown source, those in `rendering` their
    /// streaming look.
    public func tail(
        _ messages: [Message], width: Int, count: Int, unfolded: Set<String> = [], source: Set<String> = [],
        rendering: Set<String> = []
    ) -> [RoleLine] {
        var chunks: [ArraySlice<RoleLine>] = []
        var total = 0
        for message in messages.reversed() {
            guard total < count else { break }
            let lines = lines(
                message, width: width, unfolded: unfolded.contains(message.id), source: source.contains(message.id),
                rendering: rendering.contains(message.id))
            chunks.append(ArraySlice(lines.suffix(count - total)))
            total += chunks[chunks.count - 1].count
        }
        return Array(chunks.reversed().joined())
    }

    /// The number of lines of a whole transcript at a width.
    public func lineCount(
        _ messages: [Message], width: Int, unfolded: Set<String> = [], source: Set<String> = [], rendering: Set<String> = []
    ) -> Int {
        messages.reduce(0) {
            $0 + lines($1, width: width, unfolded: unfolded.contains($1.id), source: source.contains($1.id),
                       rendering: rendering.contains($1.id)).count
        }
    }
}

extension TranscriptLayout.Entry {
    /// Redraws the lines of steps that are new or changed since the last frame; the rest are kept.
    mutating func updateSteps(_ new: [Step], width: Int) {
        if width != self.width || new.count < steps.count {
            steps = []
            stepLines = []
        }
        for (i, step) in new.enumerated() where i >= steps.count || steps[i] != step {
            let line = TranscriptFormatter.stepLine(step, width: width)
            if i < stepLines.count { stepLines[i] = line } else { stepLines.append(line) }
        }
        steps = new
    }
}
