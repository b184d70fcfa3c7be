import ArgumentParser
import ChatModel
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

    @Option(help: "Provider kind: \(ProviderKind.names.joined(separator: ", ")) (`parley providers` lists their options).")
    var provider = "openai"

    @Option(name: .customLong("base-url"), help: "The API root, e.g. http://127.0.0.1:8080/v1 for OpenAI-compatible servers.")
    var baseURL: String?

    @Option(help: "The model to ask for (default \(ProviderCatalog.defaultOpenAIModel) for openai).")
    var model: String?

    @Option(name: .customLong("api-key-env"), help: "Read the API key from this environment variable (default OPENAI_API_KEY for openai, if set).")
    var apiKeyEnv: String?

    @Option(name: [.customShort("o"), .customLong("option")], help: "A provider setting as KEY=VALUE, e.g. -o user=alice or -o agent_id=… (repeatable).")
    var providerOptions: [String] = []

    @Option(name: .customLong("connect-timeout"), help: "Seconds allowed to connect (default timeouts.connect in the config file, else 10).")
    var connectTimeout: Double?

    @Option(name: .customLong("idle-timeout"), help: "Seconds allowed without any byte from the server (default timeouts.idle, else 60).")
    var idleTimeout: Double?

    @Option(name: .customLong("max-event-size"), help: "The largest server-sent event to accept, such as 16M (default 16M; also max_event_size in the config file).")
    var maxEventSize: String?

    @Option(name: .customLong("max-body-size"), help: "The largest reply that is not a stream to accept, such as 64M (default 64M; also max_body_size in the config file).")
    var maxBodySize: String?

    /// The timeouts, and the response limits from the flags or their defaults; `resolve` adds the config file's
    /// limits and a profile's TLS settings.
    var transportOptions: TransportOptions {
        TransportOptions(connectTimeout: connectTimeout ?? 10, idleTimeout: idleTimeout ?? 60, limits: limits(configuration: nil))
    }

    /// The timeouts from the flags, else the config file's `timeouts`, else the defaults; the limits likewise.
    func transportOptions(configuration: Configuration) -> TransportOptions {
        TransportOptions(
            connectTimeout: connectTimeout ?? configuration.connectTimeout ?? 10,
            idleTimeout: idleTimeout ?? configuration.idleTimeout ?? 60, limits: limits(configuration: configuration))
    }

    /// The response limits: the flags, else the config file's, else the defaults.
    private func limits(configuration: Configuration?) -> ResponseLimits {
        ResponseLimits(
            maxEventBytes: maxEventSize.flatMap(ByteSize.parse) ?? configuration?.maxEventBytes
                ?? ResponseLimits.defaultMaxEventBytes,
            maxBodyBytes: maxBodySize.flatMap(ByteSize.parse) ?? configuration?.maxBodyBytes
                ?? ResponseLimits.defaultMaxBodyBytes)
    }

    func validate() throws {
        for (flag, value) in [("--max-event-size", maxEventSize), ("--max-body-size", maxBodySize)] {
            if let value, ByteSize.parse(value) == nil { throw ValidationError(ByteSize.problem(value, in: flag)) }
        }
    }

    /// The endpoint these options name: the flags when `--base-url` is given, else a config profile, else
    /// `nil` (the workbench then runs its demo).
    /// `warns` false leaves the insecure-TLS warning to the label (the workbench's screen must not be written on).
    func resolve(environment: [String: String] = ProcessInfo.processInfo.environment, warns: Bool = true) throws -> Endpoint? {
        if let baseURL {
            guard profile == nil else { throw ValidationError("Give either --profile or --base-url, not both.") }
            let settings = ProviderSettings(
                kind: provider, baseURL: try checkedURL(baseURL), model: model, apiKey: try flagKey(environment),
                options: try parsedOptions())
            let options = transportOptions(configuration: try loadConfiguration(environment: environment))
            return Endpoint(
                label: "\(provider) at \(baseURL)", settings: settings, keySource: flagKeySource(environment),
                keyVariable: apiKeyEnv ?? (provider == "openai" ? "OPENAI_API_KEY" : nil), transportOptions: options)
        }
        let configuration = try loadConfiguration(environment: environment)
        guard let chosen = try wrap({ try configuration.profile(named: profile) }) else { return nil }
        var settings = try wrap { try configuration.settings(for: chosen, environment: environment) }
        let keyCommand = chosen.apiKeyCommand.map {
            KeyCommand(command: $0, profile: chosen.name, timeout: chosen.apiKeyCommandTimeout)
        }
        if let keyCommand { settings.apiKey = try wrap { try keyCommand.run() } }
        if let model { settings.model = model }
        settings.options.merge(try parsedOptions()) { _, new in new }
        var endpoint = Endpoint(
            label: "\(chosen.name) · \(chosen.provider) at \(chosen.baseURL)", settings: settings, profile: chosen.name,
            keySource: chosen.apiKeyCommand != nil ? "profile \(chosen.name)'s api_key_command"
                : chosen.apiKeyEnv.map { "the environment variable \($0) (profile \(chosen.name))" }
                ?? (settings.apiKey != nil ? "profile \(chosen.name)'s api_key in \(configuration.source ?? "the config file")" : nil),
            keyVariable: chosen.apiKeyEnv)
        endpoint.transportOptions = try wrap {
            try tlsOptions(for: chosen, configuration: configuration, environment: environment)
        }
        if chosen.insecureSkipTLSVerify {
            endpoint.label += " · TLS NOT VERIFIED"
        }
        if chosen.insecureSkipTLSVerify, warns {
            FileHandle.standardError.write(Data((
                "parley: warning: profile \"\(chosen.name)\" sets insecure_skip_tls_verify: TLS certificates and host "
                    + "names are not checked, so anyone on the path can read and change this traffic, keys included.\n").utf8))
        }
        if let keyCommand {
            let stale = settings
            endpoint.refreshedSettings = {
                var fresh = stale
                fresh.apiKey = try await keyCommand.resolve()
                return fresh
            }
        }
        return endpoint
    }

    /// The config file these options name (a missing file is an empty configuration); a broken one is a config
    /// failure (status 78) listing every problem with its line and column.
    func loadConfiguration(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Configuration {
        do {
            return try Configuration.load(path: config ?? Configuration.defaultPath(environment: environment), checks: WorkbenchKeys.problems)
        } catch {
            throw CommandFailure(
                status: ExitStatus.config, message: "\(error)\nFix the file (parley config check shows every problem), or choose another with --config or PARLEY_CONFIG.")
        }
    }

    /// The transport options with the profile's TLS settings; a `ca_file` that cannot be read is an error
    /// naming the profile. A relative `ca_file` is taken from the config file's folder.
    private func tlsOptions(
        for profile: Profile, configuration: Configuration, environment: [String: String]
    ) throws -> TransportOptions {
        var options = transportOptions(configuration: configuration)
        options.skipTLSVerify = profile.insecureSkipTLSVerify
        guard let file = profile.caFile, !file.isEmpty else { return options }
        var path = file
        if path == "~" || path.hasPrefix("~/") {
            path = (environment["HOME"] ?? NSHomeDirectory()) + path.dropFirst()
        } else if !path.hasPrefix("/"), let source = configuration.source {
            path = (source as NSString).deletingLastPathComponent + "/" + path
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw ConfigError(
                "Profile \"\(profile.name)\": ca_file \(path) does not exist or cannot be read. Give the path of the PEM "
                    + "file holding your CA's certificate.")
        }
        options.caFile = path
        return options
    }

    /// Runs a step that reads the config file or a profile; its failure is a config failure (status 78).
    private func wrap<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw CommandFailure.config(error) }
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
        return defaultKeyVariable.flatMap { environment[$0] }
    }

    /// The variable read for the key when no --api-key-env is given (OPENAI_API_KEY for openai).
    private var defaultKeyVariable: String? { ProviderKind(rawValue: provider)?.details.keyEnvironmentVariable }

    /// Where `flagKey` found the key, in words; never the key.
    private func flagKeySource(_ environment: [String: String]) -> String? {
        if let apiKeyEnv { return "the environment variable \(apiKeyEnv)" }
        guard let variable = defaultKeyVariable, environment[variable] != nil else { return nil }
        return "the environment variable \(variable)"
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
    /// The environment variable the key is read from, when it is one; a copied `curl` command names it.
    var keyVariable: String? = nil
    /// The settings with a key from running the profile's `api_key_command` again, for a retry after a 401;
    /// `nil` when the key does not come from a command.
    var refreshedSettings: (@Sendable () async throws -> ProviderSettings)? = nil
    /// Timeouts from the flags, TLS trust from the profile (`ca_file`, `insecure_skip_tls_verify`).
    var transportOptions = TransportOptions()
}
