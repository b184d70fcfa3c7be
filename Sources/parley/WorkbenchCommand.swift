import ArgumentParser
import Config
import FixtureServer
import Foundation
import Providers
import Sessions
import TerminalUI
import Wire
import WorkbenchApp

/// `parley` with no subcommand: the full-screen workbench, on the built-in demo when no endpoint is set.
struct WorkbenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "The full-screen workbench (the default command).",
        discussion: """
            Without --base-url or a config profile, Parley starts its built-in demo: a scripted server on a free \
            loopback port, so every pane comes alive without a key or a network. --provider picks which API the demo \
            speaks (\(ProviderKind.names.joined(separator: ", "))).
            """)

    @OptionGroup var endpoint: EndpointOptions

    @Flag(help: "Start the built-in demo even when a profile is configured.")
    var demo = false

    @Flag(name: .customLong("no-store"), help: "Keep nothing: do not read or write the local database.")
    var noStore = false

    @Option(help: "The database file (default $PARLEY_DB, else $XDG_DATA_HOME/parley/parley.sqlite).")
    var database: String?

    @Option(help: "A theme name (default, light, high-contrast, or one in $XDG_CONFIG_HOME/parley/themes) or a .theme file (default: theme in the config file).")
    var theme: String?

    @Flag(name: .customLong("no-mouse"), help: "Leave the mouse to the terminal (its own selection) instead of clicks and the wheel (default: mouse in the config file, else on).")
    var noMouse = false

    func run() async throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw ValidationError(
                "The workbench needs a terminal. For scripts and pipes use `parley send`, `parley replay` or `parley conversations`.")
        }
        let configuration = try endpoint.loadConfiguration()
        let keyBindings: [String: [Key]]
        do {
            keyBindings = try WorkbenchKeys.bindings(in: configuration)
        } catch {
            throw CommandFailure.config(error)
        }
        var theme = try loadTheme(theme ?? configuration.theme)
        if Theme.noColorRequested(ProcessInfo.processInfo.environment) { theme = theme.withoutColors() }
        let resolved = demo ? nil : try endpoint.resolve()
        var demoServer: FixtureServer?
        let label: String
        let settings: ProviderSettings
        if let resolved {
            label = resolved.label
            settings = resolved.settings
        } else {
            let server = FixtureServer(library: try ScenarioLibrary.builtIn())
            let port = try await server.start(host: "127.0.0.1", port: 0)
            demoServer = server
            settings = try Self.demoSettings(kind: endpoint.provider, root: "http://127.0.0.1:\(port)")
            label = "demo · \(settings.kind) at \(settings.baseURL)"
        }
        let runner = try WorkbenchProfiles.runner(
            for: resolved ?? Endpoint(label: label, settings: settings, transportOptions: endpoint.transportOptions(configuration: configuration)))
        let store = noStore ? nil : try openStore(database ?? databasePath(in: configuration))
        var app = AppConfiguration(
            runner: runner, store: store, providerKind: settings.kind, profile: resolved == nil ? "demo" : resolved?.profile,
            endpointLabel: label, keyVariable: resolved?.keyVariable, theme: theme, handlesSignals: true)
        app.keyBindings = keyBindings
        app.mouse = noMouse ? false : configuration.mouse
        if resolved?.profile != nil, let path = configuration.source {
            app.profileChoices = WorkbenchProfiles.choices(configuration)
            let flags = [endpoint.connectTimeout.map { ["--connect-timeout", "\($0)"] }, endpoint.idleTimeout.map { ["--idle-timeout", "\($0)"] }]
            app.switchProfile = WorkbenchProfiles.switcher(configPath: path, flags: flags.compactMap { $0 }.flatMap { $0 })
        }
        let status = try await WorkbenchApp.run(app)
        await demoServer?.stop()
        if status != 0 { throw ExitCode(status) }
    }

    /// Where the built-in fixture server answers each provider kind, with the settings that kind needs (from
    /// the registry).
    static func demoSettings(kind: String, root: String) throws -> ProviderSettings {
        do {
            return try ProviderCatalog.demoSettings(kind: kind, root: root)
        } catch {
            throw ValidationError("\(error)")
        }
    }

    private func loadTheme(_ theme: String?) throws -> Theme {
        guard let theme else { return .standard }
        let environment = ProcessInfo.processInfo.environment
        let configDirectory = URL(fileURLWithPath: Configuration.defaultPath(environment: environment)).deletingLastPathComponent()
        let candidates = ThemeLocator.candidates(for: theme, configDirectory: configDirectory)
        guard let path = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }),
            let data = FileManager.default.contents(atPath: path)
        else {
            if theme == "default" { return .standard }
            throw ValidationError("No theme \"\(theme)\": looked for \(candidates.joined(separator: " and ")).")
        }
        do {
            return try Theme.parse(String(decoding: data, as: UTF8.self), name: theme)
        } catch {
            throw ValidationError("\(path): \(error)")
        }
    }
}
