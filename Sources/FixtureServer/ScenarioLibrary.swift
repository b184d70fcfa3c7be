import ChatModel
import Foundation

/// The scenarios a fixture server knows: the built-in set, plus any loaded from a directory.
///
/// It also decides which scenario answers a request, so `parley serve-fixtures` and the tests agree on it.
public struct ScenarioLibrary: Sendable {
    /// What answers one request.
    public enum Selection: Sendable, Equatable {
        case scenario(Scenario)
        /// No scenario answers; the message says what is known instead.
        case notFound(String)
    }

    /// Every scenario, sorted by name.
    public private(set) var scenarios: [Scenario]

    public init(scenarios: [Scenario]) {
        self.scenarios = scenarios.sorted { $0.name < $1.name }
    }

    /// The scenarios shipped with Parley (`Sources/FixtureServer/Scenarios`).
    public static func builtIn() throws -> ScenarioLibrary {
        guard let folder = Bundle.module.url(forResource: "Scenarios", withExtension: nil) else {
            throw ScenarioError(source: "Scenarios", reason: "the built-in scenario folder is missing from the bundle")
        }
        return ScenarioLibrary(scenarios: try load(directory: folder))
    }

    /// Reads every `*.json` file of a folder as one scenario each.
    public static func load(directory: URL) throws -> [Scenario] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        return try names.filter { $0.hasSuffix(".json") }.sorted().map { name in
            let file = directory.appendingPathComponent(name)
            do {
                return try Scenario(json: JSONReader.parse([UInt8](try Data(contentsOf: file))), source: name)
            } catch let error as JSONReader.Failure {
                throw ScenarioError(source: name, reason: error.description)
            }
        }
    }

    /// This library with a folder's scenarios added; a scenario named like a built-in one replaces it.
    public func adding(directory: URL) throws -> ScenarioLibrary {
        let extra = try Self.load(directory: directory)
        let replaced = Set(extra.map(\.name))
        return ScenarioLibrary(scenarios: scenarios.filter { !replaced.contains($0.name) } + extra)
    }

    public func scenario(named name: String) -> Scenario? {
        scenarios.first { $0.name == name }
    }

    /// Every route some scenario answers, sorted.
    public var routes: [Scenario.Route] {
        Array(Set(scenarios.map(\.route))).sorted()
    }

    /// Picks the scenario for a request.
    ///
    /// A path `/scenario/<name>/<rest>` forces that scenario when it answers `<rest>`, and otherwise routes
    /// `<rest>` as usual. Routing prefers an exact route to a `*` pattern, and a pattern with fewer `*`s.
    /// Scenarios whose `body_equals` does not hold for `body` drop out; if some that remain have
    /// `body_equals`, only those stay (a blocking request gets the blocking reply). Among what is left, the
    /// first whose `match` keyword occurs in `prompt` wins, then the one marked default, then the first
    /// without keywords.
    public func select(method: String, path: String, prompt: String, body: JSONValue? = nil) -> Selection {
        var path = Self.pathOnly(path)
        let method = method.uppercased()
        if path.hasPrefix("/scenario/") {
            let rest = path.dropFirst("/scenario/".count)
            let name = String(rest.prefix { $0 != "/" })
            guard let forced = scenario(named: name) else {
                return .notFound("no scenario named \(name); known scenarios: "
                    + scenarios.map(\.name).joined(separator: ", "))
            }
            path = String(rest.dropFirst(name.count))
            if path.isEmpty { path = "/" }
            if forced.route.matches(method: method, path: path) { return .scenario(forced) }
        }
        let routed = scenarios.filter { $0.route.matches(method: method, path: path) }
        let fewestWildcards = routed.map(\.route.wildcardCount).min()
        let closest = routed.filter { $0.route.wildcardCount == fewestWildcards }
        guard !closest.isEmpty else {
            return .notFound("no scenario for \(method) \(path); known routes: "
                + routes.map(\.description).joined(separator: ", "))
        }
        var candidates = closest.filter { $0.accepts(body: body) }
        guard !candidates.isEmpty else {
            return .notFound("no scenario for \(method) \(path) accepts this request body; "
                + "they need: " + closest.map { "\($0.name) (\(Self.describe($0.bodyEquals)))" }.joined(separator: ", "))
        }
        if candidates.contains(where: { !$0.bodyEquals.isEmpty }) {
            candidates = candidates.filter { !$0.bodyEquals.isEmpty }
        }
        let lowered = prompt.lowercased()
        if let matched = candidates.first(where: { $0.match.contains { lowered.contains($0.lowercased()) } }) {
            return .scenario(matched)
        }
        return .scenario(candidates.first(where: \.isDefault) ?? candidates.first(where: { $0.match.isEmpty }) ?? candidates[0])
    }

    private static func describe(_ conditions: [String: JSONValue]) -> String {
        conditions.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.compactText)" }.joined(separator: ", ")
    }

    private static func pathOnly(_ target: String) -> String {
        var path = String(target.prefix { $0 != "?" })
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path
    }
}
