/// An agent step, tool call or workflow node, as the inspector's Steps tab shows it.
///
/// Providers re-send a step with the same id as it fills in; consumers upsert by `id`.
public struct Step: Sendable, Equatable {
    /// What sort of step this is. Raw values are the JSON-line `kind` strings.
    public enum Kind: String, Sendable {
        case toolCall = "tool_call"
        case agentThought = "agent_thought"
        case workflow
        case node
        case other
    }

    /// Where the step is in its life.
    public enum Status: String, Sendable {
        case running
        case completed
        case failed
        case stopped
    }

    public var id: String
    public var kind: Kind
    public var name: String
    public var input: String
    public var output: String
    public var status: Status
    /// The model's own words about the step (Dify agent `thought`), if any.
    public var thought: String
    /// A display label for what the step runs: a tool's human name, a workflow node's type.
    public var label: String?
    /// Ids of files the step produced (Dify agent `message_files`), announced by separate `file` events.
    public var fileIDs: [String]?

    /// How the step is named on screen: its label with the name it runs (`Current Time (current_time)`), or
    /// just the name when the server gave no other label.
    public var displayName: String {
        let base = name.isEmpty ? kind.rawValue : name
        guard let label, !label.isEmpty, label != base else { return base }
        return "\(label) (\(base))"
    }

    public init(
        id: String, kind: Kind, name: String, input: String = "", output: String = "",
        status: Status = .running, thought: String = "", label: String? = nil, fileIDs: [String]? = nil
    ) {
        self.id = id
        self.kind = kind
        self.name = name
        self.input = input
        self.output = output
        self.status = status
        self.thought = thought
        self.label = label
        self.fileIDs = fileIDs
    }
}

/// One fragment of an OpenAI-style streamed tool call, keyed by its position `index`.
public struct ToolCallDelta: Sendable, Equatable {
    public var index: Int
    public var id: String?
    public var name: String?
    public var argumentsFragment: String

    public init(index: Int, id: String? = nil, name: String? = nil, argumentsFragment: String = "") {
        self.index = index
        self.id = id
        self.name = name
        self.argumentsFragment = argumentsFragment
    }
}
