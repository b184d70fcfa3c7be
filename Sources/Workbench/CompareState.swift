import ChatModel
import StreamTools

/// The compare view's state: the reply marked with `M`, and the open comparison.
public struct CompareState: Sendable, Equatable {
    /// The reply marked to compare; it stays marked after a comparison opens, so it can be set beside others.
    public var marked: CompareMark?
    /// The open comparison; `nil` when the view is closed.
    public var view: CompareViewState?
    /// Numbers the requests, so a late answer for a closed view is ignored.
    public var generation = 0

    public init() {}

    public var isOpen: Bool { view != nil }
}

/// A reply marked for compare, and how it is named to the user.
public struct CompareMark: Sendable, Equatable {
    public var conversationID: String
    public var messageID: String
    public var label: String

    public init(conversationID: String, messageID: String, label: String) {
        self.conversationID = conversationID
        self.messageID = messageID
        self.label = label
    }
}

/// The open compare view: its two sides' names, the comparison once the worker made it, and the scroll.
public struct CompareViewState: Sendable, Equatable {
    public var generation: Int
    public var a: String
    public var b: String
    /// `nil` while the comparison is being made.
    public var comparison: RunComparison?
    /// Lines scrolled from the top.
    public var scroll = 0
    /// The two replies compared, A then B.
    public var sides: [CompareMark] = []
    /// The replies that were still streaming when compared: when one ends, the comparison is made again.
    public var streaming: Set<String> = []

    public init(generation: Int, a: String, b: String, comparison: RunComparison? = nil) {
        self.generation = generation
        self.a = a
        self.b = b
        self.comparison = comparison
    }
}

/// What the app is asked to compare: two runs as the screen knows them, made whole from the store where
/// they are stored (the figures of the whole run, the model the request named) before the word diff.
public struct CompareRequest: Sendable, Equatable {
    public var generation: Int
    public var a: CompareSide
    public var b: CompareSide

    public init(generation: Int, a: CompareSide, b: CompareSide) {
        self.generation = generation
        self.a = a
        self.b = b
    }
}

/// One side of a compare request.
public struct CompareSide: Sendable, Equatable {
    /// The store's id of the run, when it may be stored (not while it streams).
    public var storeRunID: String?
    /// The run as the screen has it: the reply, and the figures folded from the records it read.
    public var run: ComparedRun

    public init(storeRunID: String?, run: ComparedRun) {
        self.storeRunID = storeRunID
        self.run = run
    }
}
