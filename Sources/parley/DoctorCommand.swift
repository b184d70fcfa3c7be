import ArgumentParser
import Config
import Foundation
import Providers
import Sessions
import Store
import Wire

/// `parley doctor`: checks the terminal, the config file, the store and every profile's endpoint, one line each.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the terminal, the config file, the store and each profile's endpoint.",
        discussion: """
            One line per check: ok, FAIL (followed by what to do) or skip. Each profile is checked with one real \
            request that changes nothing on the server (an OpenAI-compatible /models, Dify's /parameters, Helix's \
            session list, PAIS's model list); Big Hummingbird has none, so its key is not checked. Exit status 0 \
            only when no check failed, else 1 (78 for a config file that cannot be read).
            """)

    @OptionGroup var endpoint: EndpointOptions
    @OptionGroup var store: StoreOptions

    @Option(help: "Seconds each endpoint check may take to connect, and then to wait for any byte.")
    var timeout = 10.0

    func validate() throws {
        guard timeout > 0, timeout <= 300 else { throw ValidationError("--timeout must be above 0 and at most 300 seconds.") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        var checks = TerminalDiagnosis.checks(DoctorTerminal.facts(environment: environment))
        print(lines: checks)
        let configPath = endpoint.config ?? Configuration.defaultPath(environment: environment)
        let (configLine, configuration) = Self.configCheck(path: configPath)
        checks.append(configLine)
        checks.append(themesCheck(configPath: configPath))
        print(lines: checks.suffix(2))
        let storeLines = StoreDiagnosis.checks(StoreHealth.inspect(
            path: StoreLocation.resolve(explicit: store.database, environment: environment)))
        checks += storeLines
        print(lines: storeLines)
        for name in profileNames(configuration) {
            let profileLines = await profileChecks(name)
            checks += profileLines
            print(lines: profileLines)
        }
        writeText(checks.summary + "\n")
        if !checks.allPassed { throw ExitCode(ExitStatus.failed) }
    }

    /// The config file's line: parsed cleanly, absent (the demo), or the loader's error. Kept in one place so a
    /// richer check (line and column, unknown keys) can take its place.
    static func configCheck(path: String) -> (DoctorCheck, Configuration?) {
        guard FileManager.default.fileExists(atPath: path) else {
            return (DoctorCheck(
                "config", .passed, "no file at \(path): Parley starts on its built-in demo (parley config init writes one)"), nil)
        }
        do {
            let configuration = try Configuration.load(path: path, checks: WorkbenchKeys.problems)
            let count = configuration.profiles.count
            return (DoctorCheck("config", .passed, "\(path): \(count) profile\(count == 1 ? "" : "s")"), configuration)
        } catch {
            return (DoctorCheck("config", .failed, "\(error)", fix: "fix the file, or choose another with --config or PARLEY_CONFIG"), nil)
        }
    }

    private func themesCheck(configPath: String) -> DoctorCheck {
        let folder = URL(fileURLWithPath: configPath).deletingLastPathComponent()
        guard let shipped = ThemeLocator.shipped(configDirectory: folder) else {
            return DoctorCheck(
                "themes", .failed,
                "no theme files found (looked in \(ThemeLocator.folders(configDirectory: folder).dropFirst().joined(separator: ", ")))",
                fix: "reinstall with make install PREFIX=…; the built-in default theme still works")
        }
        return DoctorCheck("themes", .passed, shipped.names.joined(separator: ", ") + " in " + shipped.folder)
    }

    /// The profiles to check: the one named with --profile, an endpoint given with --base-url, else every profile.
    private func profileNames(_ configuration: Configuration?) -> [String?] {
        if endpoint.baseURL != nil || endpoint.profile != nil { return [endpoint.profile] }
        return (configuration?.profiles ?? []).map(\.name)
    }

    private func profileChecks(_ name: String?) async -> [DoctorCheck] {
        var options = endpoint
        options.profile = name
        let label = name ?? "(flags)"
        let resolved: Endpoint
        do {
            guard let found = try options.resolve() else { return [] }
            resolved = found
        } catch {
            return [DoctorCheck("profile \(label): settings", .failed, "\(error)", fix: "fix the profile in the config file")]
        }
        let provider: any ChatProvider
        do {
            provider = try ProviderCatalog.provider(for: resolved.settings)
        } catch {
            return [DoctorCheck("profile \(label): settings", .failed, "\(error)", fix: "fix the profile in the config file")]
        }
        var transportOptions = resolved.transportOptions
        transportOptions.connectTimeout = min(transportOptions.connectTimeout, timeout)
        transportOptions.idleTimeout = timeout
        let diagnosis = EndpointDiagnosis(
            profile: label, provider: provider, baseURL: resolved.settings.baseURL, keySource: resolved.keySource,
            hasKey: !(resolved.settings.apiKey ?? "").isEmpty, transport: CurlTransport(), options: transportOptions)
        return await diagnosis.checks()
    }

    private func print<Lines: Collection>(lines: Lines) where Lines.Element == DoctorCheck {
        writeText(lines.map { $0.line + "\n" }.joined())
    }
}
