import ArgumentParser
import Config
import Foundation
import Providers
import Sessions
import Wire
import Workbench
import WorkbenchApp

/// The workbench's profile switcher, wired: the profiles it lists, and how a chosen one becomes a runner.
enum WorkbenchProfiles {
    /// Every configured profile with its kind and endpoint.
    static func choices(_ configuration: Configuration) -> [ProfileChoice] {
        configuration.profiles.map { ProfileChoice(name: $0.name, kind: $0.provider, endpoint: $0.baseURL, keyVariable: $0.apiKeyEnv) }
    }

    /// The runner for a resolved endpoint: its provider, stream setting, transport options, and a fresh key on a 401.
    static func runner(for resolved: Endpoint) throws -> RunStarter {
        let provider: any ChatProvider
        let streams: Bool
        do {
            provider = try ProviderCatalog.provider(for: resolved.settings)
            streams = try resolved.settings.streams()
        } catch {
            throw ValidationError("\(error)")
        }
        let refresh = resolved.refreshedSettings.map { fresh in
            { @Sendable () async throws -> any ChatProvider in try ProviderCatalog.provider(for: try await fresh()) }
        }
        return RunStarter(
            provider: provider, transport: CurlTransport(), options: resolved.transportOptions, stream: streams,
            refreshProvider: refresh)
    }

    /// Resolves a profile of the config file at `configPath` the way `--profile NAME` would (its key command
    /// runs then), keeping the timeouts given on the command line.
    static func switcher(configPath: String, flags: [String]) -> @Sendable (String) async throws -> ProfileTarget {
        { name in
            let options = try EndpointOptions.parse(["--profile", name, "--config", configPath] + flags)
            guard let resolved = try options.resolve(warns: false) else {
                throw ConfigError("Profile \(name) is not in \(configPath) any more.")
            }
            return ProfileTarget(
                runner: try runner(for: resolved), providerKind: resolved.settings.kind, endpointLabel: resolved.label)
        }
    }
}
