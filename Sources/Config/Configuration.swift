import ChatModel
import Foundation
import Providers
import Yams

/// Parley's settings: the profiles from `config.yaml`, and which one to use by default.
///
/// No file is a valid state: Parley then starts on its built-in demo.
public struct Configuration: Sendable, Equatable {
    public var profiles: [Profile]
    public var defaultProfile: String?
    public var theme: String?
    /// Where the settings were read from, or `nil` when there was no file.
    public var source: String?
    /// The most bytes one server-sent event may take (`max_event_size`), when the file says.
    public var maxEventBytes: Int?
    /// The most bytes a response that is not a stream may take (`max_body_size`), when the file says.
    public var maxBodyBytes: Int?

    public init(profiles: [Profile] = [], defaultProfile: String? = nil, theme: String? = nil, source: String? = nil) {
        self.profiles = profiles
        self.defaultProfile = defaultProfile
        self.theme = theme
        self.source = source
    }

    /// The config file's path: `$PARLEY_CONFIG`, else `$XDG_CONFIG_HOME/parley/config.yaml`, else
    /// `~/.config/parley/config.yaml`.
    public static func defaultPath(environment: [String: String]) -> String {
        if let path = environment["PARLEY_CONFIG"], !path.isEmpty { return path }
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return base + "/parley/config.yaml"
    }

    /// Reads the file at `path`. A missing file gives an empty configuration; an unreadable or invalid one
    /// is an error naming the file and what is wrong in it.
    public static func load(path: String) throws -> Configuration {
        guard FileManager.default.fileExists(atPath: path) else { return Configuration() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError("Cannot read \(path): check its permissions.")
        }
        return try parse(String(decoding: data, as: UTF8.self), source: path)
    }

    /// Parses config text; `source` names it in errors.
    public static func parse(_ text: String, source: String) throws -> Configuration {
        let file: ConfigFile
        do {
            file = try YAMLDecoder().decode(ConfigFile.self, from: text)
        } catch let error as DecodingError {
            throw ConfigError("\(source): \(describe(error))")
        } catch {
            throw ConfigError("\(source) is not valid YAML: \(error)")
        }
        let profiles = (file.profiles ?? [:]).sorted { $0.key < $1.key }.map { $0.value.profile(named: $0.key) }
        for profile in profiles where !ProviderCatalog.kinds.contains(profile.provider) {
            throw ConfigError(
                "\(source): profile \"\(profile.name)\" has provider \"\(profile.provider)\"; known providers: \(ProviderCatalog.kinds.joined(separator: ", ")).")
        }
        for profile in profiles where !(profile.apiKeyCommandTimeout > 0 && profile.apiKeyCommandTimeout <= 3600) {
            throw ConfigError(
                "\(source): profile \"\(profile.name)\" has api_key_command_timeout \(profile.apiKeyCommandTimeout); "
                    + "give a number of seconds above 0 and at most 3600 (default 10).")
        }
        if let name = file.defaultProfile, !profiles.contains(where: { $0.name == name }) {
            throw ConfigError("\(source): default profile \"\(name)\" is not among the profiles (\(profiles.map(\.name).joined(separator: ", "))).")
        }
        var configuration = Configuration(profiles: profiles, defaultProfile: file.defaultProfile, theme: file.theme, source: source)
        configuration.maxEventBytes = try size(file.maxEventSize, key: "max_event_size", source: source)
        configuration.maxBodyBytes = try size(file.maxBodySize, key: "max_body_size", source: source)
        return configuration
    }

    /// The profile to use: the named one, else the default, else the only one; `nil` when there are none.
    public func profile(named name: String?) throws -> Profile? {
        if let name {
            guard let profile = profiles.first(where: { $0.name == name }) else {
                let known = profiles.isEmpty ? "there are none" : "known: " + profiles.map(\.name).joined(separator: ", ")
                throw ConfigError("No profile named \"\(name)\" (\(known)).")
            }
            return profile
        }
        if let defaultProfile { return profiles.first { $0.name == defaultProfile } }
        return profiles.count == 1 ? profiles[0] : profiles.first
    }

    private static func size(_ text: String?, key: String, source: String) throws -> Int? {
        guard let text else { return nil }
        guard let bytes = ByteSize.parse(text) else { throw ConfigError("\(source): " + ByteSize.problem(text, in: key)) }
        return bytes
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let at = path(context)
            return "missing \"\(key.stringValue)\"" + (at.isEmpty ? "" : " in \(at)")
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "wrong value at \(path(context)): \(context.debugDescription)"
        case .dataCorrupted(let context):
            return "\(context.debugDescription)" + (path(context).isEmpty ? "" : " at \(path(context))")
        @unknown default:
            return "\(error)"
        }
    }
}

/// The config file could not be used; the message says which file, what is wrong, and what to do.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}
