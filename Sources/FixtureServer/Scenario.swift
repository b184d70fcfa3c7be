import ChatModel

/// One scripted answer of the fixture server: which request it answers, and the bytes it sends, when.
///
/// Scenarios are data (JSON files), so a new wire behaviour or fault needs no code; see `ScenarioEvent`
/// for the event kinds.
public struct Scenario: Sendable, Equatable {
    /// The method and path a scenario answers, such as `POST /v1/chat/completions`.
    ///
    /// A path segment that is exactly `*` matches any one non-empty segment, so `POST /v1/chat-messages/*/stop`
    /// answers every task id.
    public struct Route: Sendable, Hashable, CustomStringConvertible, Comparable {
        public var method: String
        public var path: String

        public init(method: String, path: String) {
            self.method = method.uppercased()
            self.path = path
        }

        public var description: String { "\(method) \(path)" }

        public static func < (lhs: Route, rhs: Route) -> Bool { lhs.description < rhs.description }

        /// How many `*` segments the path has; 0 for an exact route.
        public var wildcardCount: Int {
            path.split(separator: "/", omittingEmptySubsequences: false).filter { $0 == "*" }.count
        }

        /// True when this route answers a request with this method and path (no query).
        public func matches(method: String, path: String) -> Bool {
            guard method.uppercased() == self.method else { return false }
            if self.path == path { return true }
            let pattern = self.path.split(separator: "/", omittingEmptySubsequences: false)
            let segments = path.split(separator: "/", omittingEmptySubsequences: false)
            guard pattern.count == segments.count else { return false }
            return zip(pattern, segments).allSatisfy { wanted, given in
                wanted == given || (wanted == "*" && !given.isEmpty)
            }
        }
    }

    public var name: String
    public var description: String
    public var route: Route
    /// Keywords; the scenario is picked when the last user message contains one (case-insensitive).
    public var match: [String]
    /// True for the scenario a route answers when no keyword matches.
    public var isDefault: Bool
    /// Top-level request body fields that must hold these values (`body_equals`), such as `"stream": false`;
    /// a request that has them is answered only by scenarios that ask for them.
    public var bodyEquals: [String: JSONValue]
    public var status: Int
    /// Response headers in file order. `Content-Type` defaults to `text/event-stream; charset=utf-8`, or to
    /// `application/json` when the scenario sends a `body`; a 204 or 304 gets none.
    public var headers: [ScenarioHeader]
    public var events: [ScenarioEvent]

    /// Reads a scenario from its JSON form; `source` names the file in error messages.
    public init(json: JSONValue, source: String) throws {
        func fail(_ reason: String) -> ScenarioError { ScenarioError(source: source, reason: reason) }
        guard let name = json["name"]?.stringValue, !name.isEmpty else { throw fail("missing \"name\"") }
        guard let route = json["route"], let method = route["method"]?.stringValue,
            let path = route["path"]?.stringValue, path.hasPrefix("/")
        else { throw fail("\"route\" needs \"method\" and a \"path\" starting with /") }
        self.name = name
        self.description = json["description"]?.stringValue ?? ""
        self.route = Route(method: method, path: path)
        self.match = try json["match"].map { value in
            guard let words = value.arrayValue?.compactMap(\.stringValue) else { throw fail("\"match\" must be a list of strings") }
            return words
        } ?? []
        self.isDefault = json["default"]?.boolValue ?? false
        switch json["body_equals"] {
        case nil: self.bodyEquals = [:]
        case .object(let members)?: self.bodyEquals = Dictionary(members, uniquingKeysWith: { _, last in last })
        default: throw fail("\"body_equals\" must be an object of field values")
        }
        self.status = json["status"]?.intValue ?? 200
        guard (100..<600).contains(status) else { throw fail("\"status\" \(status) is not an HTTP status") }
        var headers: [ScenarioHeader] = []
        if case .object(let members)? = json["headers"] {
            for member in members {
                guard let value = member.value.stringValue else { throw fail("header \(member.key) must be a string") }
                headers.append(ScenarioHeader(name: member.key, value: value))
            }
        }
        guard let events = json["events"]?.arrayValue else { throw fail("missing \"events\" list") }
        self.events = try events.enumerated().map { index, event in
            do { return try ScenarioEvent(json: event) } catch let error as ScenarioError {
                throw fail("event \(index + 1): \(error.reason)")
            }
        }
        let bodiless = status == 204 || status == 304
        if !bodiless, !headers.contains(where: { $0.name.lowercased() == "content-type" }) {
            let sendsBody = self.events.contains { if case .body = $0.action { return true } else { return false } }
            headers.append(ScenarioHeader(
                name: "Content-Type", value: sendsBody ? "application/json" : "text/event-stream; charset=utf-8"))
        }
        self.headers = headers
    }

    /// True when the request body has every `body_equals` field with its value (always, without conditions).
    public func accepts(body: JSONValue?) -> Bool {
        bodyEquals.allSatisfy { condition in body?[condition.key] == condition.value }
    }
}

/// One response header of a scenario.
public struct ScenarioHeader: Sendable, Equatable {
    public var name: String
    public var value: String
}

/// A scenario file that cannot be used, with the file and the reason.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    public var source: String
    public var reason: String

    public var description: String { "\(source): \(reason)" }
}
