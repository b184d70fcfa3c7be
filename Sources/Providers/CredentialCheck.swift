import ChatModel
import Wire

/// The cheapest request that proves a profile's key works, or why there is none.
///
/// `parley doctor` sends it: it reads and changes nothing on the server (a model list, an app's parameters, a
/// page of sessions), so it can be sent as often as a user likes.
public enum CredentialCheck: Sendable, Equatable {
    /// Send `request`; `name` says what it asks for in a report (`GET /v1/models`).
    case request(HTTPRequest, name: String)
    /// No request of this API is free of side effects; `reason` says why, for the report.
    case skipped(reason: String)
}

/// A provider that knows its credential check.
public protocol CredentialChecking: ChatProvider {
    var credentialCheck: CredentialCheck { get }
}

extension OpenAIProvider: CredentialChecking {
    /// `GET {base}/models`, which every OpenAI-compatible server answers with its model list.
    public var credentialCheck: CredentialCheck {
        var headers = [HTTPHeader("Accept", "application/json")]
        if let apiKey, !apiKey.isEmpty { headers.append(HTTPHeader("Authorization", "Bearer \(apiKey)")) }
        let url = joinURL(baseURL, "models")
        return .request(
            HTTPRequest(method: "GET", url: url, headers: headers, credentials: credentials), name: "GET " + Self.path(url))
    }

    static func path(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        return rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "/"
    }
}

extension DifyProvider: CredentialChecking {
    /// `GET /v1/parameters`: the app's settings, readable with the app's key and changing nothing.
    public var credentialCheck: CredentialCheck {
        let request = parametersRequest()
        return .request(request, name: "GET " + OpenAIProvider.path(request.url).prefix { $0 != "?" })
    }
}

extension HelixProvider: CredentialChecking {
    /// `GET /api/v1/sessions` with a page of one: the user's session list.
    public var credentialCheck: CredentialCheck {
        .request(listSessionsRequest(page: 1, pageSize: 1), name: "GET /api/v1/sessions")
    }
}

extension PAISProvider: CredentialChecking {
    /// `GET …/compatibility/openai/v1/models`: the OpenAI-compatible model list beside the agents' chat path.
    public var credentialCheck: CredentialCheck {
        var headers = [HTTPHeader("Accept", "application/json")]
        if let token, !token.isEmpty { headers.append(HTTPHeader("Authorization", "Bearer \(token)")) }
        let url = joinURL(baseURL, "api/v1/compatibility/openai/v1/models")
        return .request(
            HTTPRequest(method: "GET", url: url, headers: headers, credentials: credentials), name: "GET " + OpenAIProvider.path(url))
    }
}

extension HummingbirdProvider: CredentialChecking {
    /// Big Hummingbird's API has no call free of side effects: every one creates, changes or needs a session.
    public var credentialCheck: CredentialCheck {
        .skipped(reason: "Big Hummingbird has no request that changes nothing (each call creates or uses a chat session); "
            + "send a prompt to check the key")
    }
}
