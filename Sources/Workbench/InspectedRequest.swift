import ChatModel

/// The HTTP exchange of the inspected run as the Request tab shows it: the request as stored (credentials
/// already replaced by `[redacted]`), and the response status and headers.
public struct InspectedRequest: Sendable, Equatable {
    /// The run it belongs to (the store's run id).
    public var runID: String
    public var method: String
    public var url: String
    public var headers: [HTTPHeader]
    public var body: [UInt8]
    public var responseStatus: Int?
    public var responseHeaders: [HTTPHeader]
    /// Seconds from sending the request to the response head.
    public var responseAt: Double?

    public init(
        runID: String, method: String, url: String, headers: [HTTPHeader] = [], body: [UInt8] = [],
        responseStatus: Int? = nil, responseHeaders: [HTTPHeader] = [], responseAt: Double? = nil
    ) {
        self.runID = runID
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.responseStatus = responseStatus
        self.responseHeaders = responseHeaders
        self.responseAt = responseAt
    }

    /// The request as a `curl` command to paste into a shell: every redacted credential becomes
    /// `$variable`, expanded by the shell from the user's environment, so the key itself is never copied.
    public func curlCommand(keyVariable: String) -> String {
        let verb = method.allSatisfy { $0.isASCII && $0.isLetter } ? method : ShellQuote.quote(method, variable: keyVariable)
        var parts = ["curl -N -X \(verb) " + ShellQuote.quote(url, variable: keyVariable)]
        for header in headers where header.name.lowercased() != "content-length" {
            parts.append("-H " + ShellQuote.quote("\(header.name): \(header.value)", variable: keyVariable))
        }
        if !body.isEmpty {
            parts.append("--data-binary " + ShellQuote.quote(String(decoding: body, as: UTF8.self), variable: keyVariable))
        }
        return parts.joined(separator: " \\\n  ")
    }

    /// The environment variable a provider kind's key is conventionally kept in (`DIFY_KEY`, `OPENAI_API_KEY`).
    public static func keyVariable(forProvider kind: String) -> String {
        if kind == "openai" { return "OPENAI_API_KEY" }
        let name = String(kind.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
        return (name.isEmpty ? "API" : name) + "_KEY"
    }
}

/// Quoting for POSIX shells: single quotes around everything, with the redaction marker spliced out as a
/// double-quoted variable.
enum ShellQuote {
    static func quote(_ text: String, variable: String) -> String {
        let pieces = text.components(separatedBy: CredentialFields.redactionMarker)
        var out = ""
        for (i, piece) in pieces.enumerated() {
            if i > 0 { out += "\"$\(variable)\"" }
            if !piece.isEmpty || pieces.count == 1 { out += "'" + piece.replacingOccurrences(of: "'", with: #"'\''"#) + "'" }
        }
        return out
    }
}
