import ArgumentParser
import Config
import Foundation
import Providers
import Wire

/// The options that say which API to talk to, shared by the workbench and `parley send`.
struct EndpointOptions: ParsableArguments {
    @Option(help: "A profile from the config file.")
    var profile: String?

    @Option(help: "The config file (default $PARLEY_CONFIG, else $XDG_CONFIG_HOME/parley/config.yaml).")
    var config: String?

    @Option(help: "Provider kind: \(ProviderCatalog.kinds.joined(separator: ", ")).")
    var provider = "openai"

    @Option(name: .customLong("base-url"), help: "The API root, e.g. http://127.0.0.1:8080/v1 for OpenAI-compatible servers.")
    var baseURL: String?

    @Option(help: "The model to ask for (default \(ProviderCatalog.defaultOpenAIModel) for openai).")
    var model: String?

    @Option(name: .customLong("api-key-env"), help: "Read the API key from this environment variable (default OPENAI_API_KEY for openai, if set).")
    var apiKeyEnv: String?

    @Option(name: [.customShort("o"), .customLong("option")], help: "A provider setting as KEY=VALUE, e.g. -o user=alice or -o agent_id=… (repeatable).")
    var providerOptions: [String] = []

    @Option(name: .customLong("connect-timeout"), help: "Seconds allowed to connect.")
    var connectTimeout = 10.0

    @Option(name: .customLong("idle-timeout"), help: "Seconds allowed without any byte from the server.")
    var idleTimeout = 60.0

    @Option(name: .customLong("max-event-size"), help: "The largest server-sent event to accept, such as 16M (default 16M; also max_event_size in the config file).")
    var maxEventSize: String?

    @Option(name: .customLong("max-body-size"), help: "The largest reply that is not a stream to accept, such as 64M (default 64M; also max_body_size in the config file).")
    var maxBodySize: String?

    /// The options for a call: the timeouts, and the response limits from the flags, else the config file, else
    /// the defaults.
    func runOptions(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> TransportOptions {
        let configuration: Configuration
        do {
            configuration = try Configuration.load(path: config ?? Configuration.defaultPath(environment: environment))
        } catch {
            throw ValidationError("\(error)")
        }
        let limits = ResponseLimits(
            maxEventBytes: maxEventSize.flatMap(ByteSize.parse) ?? configuration.maxEventBytes ?? ResponseLimits.defaultMaxEventBytes,
            maxBodyBytes: maxBodySize.flatMap(ByteSize.parse) ?? configuration.maxBodyBytes ?? ResponseLimits.defaultMaxBodyBytes)
        return TransportOptions(connectTimeout: connectTimeout, idleTimeout: idleTimeout, limits: limits)
    }

    func validate() throws {
        for (flag, value) in [("--max-event-size", maxEventSize), ("--max-body-size", maxBodySize)] {
            if let value, ByteSize.parse(value) == nil { throw ValidationError(ByteSize.problem(value, in: flag)) }
        }
    }

    /// The endpoint these options name: the flags when `--base-url` is given, else a config profile, else
    /// `nil` (the workbench then runs its demo).
    func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Endpoint? {
        if let baseURL {
            guard profile == nil else { throw ValidationError("Give either --profile or --base-url, not both.") }
            let settings = ProviderSettings(
                kind: provider, baseURL: try checkedURL(baseURL), model: model, apiKey: try flagKey(environment),
                options: try parsedOptions())
            return Endpoint(label: "\(provider) at \(baseURL)", settings: settings, keySource: flagKeySource(environment))
        }
        let configuration: Configuration
        do {
            configuration = try Configuration.load(path: config ?? Configuration.defaultPath(environment: environment))
        } catch {
            throw ValidationError("\(error)")
        }
        guard let chosen = try wrap({ try configuration.profile(named: profile) }) else { return nil }
        var settings = try wrap { try chosen.settings(environment: environment) }
        if let command = chosen.apiKeyCommand { settings.apiKey = try Self.runKeyCommand(command, profile: chosen.name) }
        if let model { settings.model = model }
        settings.options.merge(try parsedOptions()) { _, new in new }
        var endpoint = Endpoint(
            label: "\(chosen.name) · \(chosen.provider) at \(chosen.baseURL)", settings: settings, profile: chosen.name,
            keySource: chosen.apiKeyCommand != nil ? "profile \(chosen.name)'s api_key_command"
                : chosen.apiKeyEnv.map { "the environment variable \($0) (profile \(chosen.name))" })
        if let command = chosen.apiKeyCommand {
            let (stale, name) = (settings, chosen.name)
            endpoint.refreshedSettings = {
                var fresh = stale
                fresh.apiKey = try Self.runKeyCommand(command, profile: name)
                return fresh
            }
        }
        return endpoint
    }

    private func wrap<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw ValidationError("\(error)") }
    }

    private func checkedURL(_ url: String) throws -> String {
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            throw ValidationError("--base-url must start with http:// or https:// (got \"\(url)\").")
        }
        return url
    }

    private func parsedOptions() throws -> [String: String] {
        var options: [String: String] = [:]
        for item in providerOptions {
            guard let equals = item.firstIndex(of: "="), equals != item.startIndex else {
                throw ValidationError("--option takes KEY=VALUE (got \"\(item)\").")
            }
            options[String(item[..<equals])] = String(item[item.index(after: equals)...])
        }
        return options
    }

    private func flagKey(_ environment: [String: String]) throws -> String? {
        if let apiKeyEnv {
            guard let key = environment[apiKeyEnv], !key.isEmpty else {
                throw ValidationError("--api-key-env names \(apiKeyEnv), but that environment variable is not set.")
            }
            return key
        }
        return provider == "openai" ? environment["OPENAI_API_KEY"] : nil
    }

    /// Where `flagKey` found the key, in words; never the key.
    private func flagKeySource(_ environment: [String: String]) -> String? {
        if let apiKeyEnv { return "the environment variable \(apiKeyEnv)" }
        return provider == "openai" && environment["OPENAI_API_KEY"] != nil ? "the environment variable OPENAI_API_KEY" : nil
    }

    /// Runs a profile's `api_key_command` and returns what it printed, trimmed.
    static func runKeyCommand(_ command: String, profile: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe()
        process.standardOutput = output
        do {
            try process.run()
        } catch {
            throw ValidationError("Profile \"\(profile)\": cannot run api_key_command: \(error)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let key = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0, !key.isEmpty else {
            throw ValidationError(
                "Profile \"\(profile)\": api_key_command exited with status \(process.terminationStatus) and printed no key.")
        }
        return key
    }
}

/// A resolved endpoint: provider settings and a short label for the screen.
struct Endpoint {
    var label: String
    var settings: ProviderSettings
    /// The profile used (named with --profile or the file's default), or `nil` for an endpoint given by flags.
    var profile: String? = nil
    /// Where the key came from, for messages (`the environment variable DIFY_KEY`); never the key itself.
    var keySource: String?
    /// The settings with a key from running the profile's `api_key_command` again, for a retry after a 401;
    /// `nil` when the key does not come from a command.
    var refreshedSettings: (@Sendable () throws -> ProviderSettings)? = nil
}
