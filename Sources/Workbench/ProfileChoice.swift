/// One profile the workbench can switch to: its name, provider kind and endpoint, as the switcher lists it.
public struct ProfileChoice: Sendable, Equatable {
    public var name: String
    public var kind: String
    /// Where it points (`https://api.dify.ai/v1`).
    public var endpoint: String
    /// The environment variable its key is read from, for a copied `curl` command.
    public var keyVariable: String?

    public init(name: String, kind: String, endpoint: String, keyVariable: String? = nil) {
        self.keyVariable = keyVariable
        self.name = name
        self.kind = kind
        self.endpoint = endpoint
    }

    /// The status bar's label for it: `support · dify at https://…`.
    public var label: String { "\(name) · \(kind) at \(endpoint)" }
}
