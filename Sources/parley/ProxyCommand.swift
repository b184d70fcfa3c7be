import ArgumentParser
import ChatModel
import Config
import Foundation
import Providers
import Proxy
import Store
import Wire

/// `parley proxy`: a recording reverse proxy between any client and an API server.
struct ProxyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proxy",
        abstract: "Pass a client's requests to an API server, recording every turn in the local database.",
        discussion: """
            Point any client (your app, an SDK, curl) at the listen address instead of the server. Requests and \
            responses pass through byte for byte and unbuffered: each chunk goes to the client the moment it \
            arrives. Hop-by-hop headers are dropped, Host becomes the upstream's, and Accept-Encoding is not \
            forwarded, so the server sends bytes Parley can read. Chat turns (Dify /chat-messages, Helix \
            /api/v1/sessions/chat, PAIS /assistants/ID/chat/completions, Big Hummingbird /invoke, OpenAI \
            /chat/completions) are stored like Parley's own runs, credentials redacted, and grouped by the \
            server's conversation or session id; other requests pass through unrecorded. One line per exchange \
            goes to standard output. Ctrl-C stops.
            """)

    @Option(help: "Where to listen: HOST:PORT, or a port alone for 127.0.0.1. Only loopback without --allow-remote.")
    var listen = "127.0.0.1:8788"

    @Option(help: "The server to pass requests to, e.g. https://api.dify.ai; the request's path is appended.")
    var upstream: String

    @Option(help: "Decode turns as this kind (\(ProviderCatalog.kinds.joined(separator: ", "))); default: guessed from each path.")
    var provider: String?

    @Option(help: "A profile from the config file: its kind, TLS settings and options (never its key: clients bring their own).")
    var profile: String?

    @Option(help: "The config file (default $PARLEY_CONFIG, else $XDG_CONFIG_HOME/parley/config.yaml).")
    var config: String?

    @Flag(name: .customLong("allow-remote"), help: "Allow a --listen address other machines can reach.")
    var allowRemote = false

    @Flag(name: .customLong("no-store"), help: "Pass exchanges through without storing them.")
    var noStore = false

    @Option(help: "The database file (default $PARLEY_DB, else $XDG_DATA_HOME/parley/parley.sqlite).")
    var database: String?

    @Option(name: .customLong("connect-timeout"), help: "Seconds allowed to connect to the upstream.")
    var connectTimeout = 10.0

    @Option(name: .customLong("idle-timeout"), help: "Seconds the upstream may send nothing before the exchange is dropped.")
    var idleTimeout = 300.0

    func run() async throws {
        let address: ListenAddress
        do {
            address = try ListenAddress(parsing: listen)
        } catch {
            throw ValidationError("\(error)")
        }
        guard address.isLoopback || allowRemote else {
            throw ValidationError(
                "--listen \(address) can be reached from other machines, and the proxy passes their requests to "
                    + "\(upstream) with whatever credentials they send. Listen on 127.0.0.1, or add --allow-remote if you mean it.")
        }
        let settings = try proxySettings()
        if !address.isLoopback {
            writeNote(
                "warning: listening on \(address), reachable from other machines; anyone who can connect can use "
                    + "\(settings.upstream) through this proxy, and their requests are stored.")
        }
        let recorder = try noStore ? nil : ProxyRecorder(store: openStore(database), profile: profile, onProblem: { problem in
            if let problem { writeNote("cannot store an exchange (it still passes through): \(problem)") }
        })
        let server = ProxyServer(settings: settings, transport: CurlTransport(), recorder: recorder) { summary in
            writeText(summary.line + "\n")
        }
        let bound: Int
        do {
            bound = try await server.start(address)
        } catch {
            throw ValidationError("Cannot listen on \(address): \(error). Try another port, or port 0 for a free one.")
        }
        let shown = ListenAddress(host: address.host, port: bound)
        let kind = settings.kind.map { "decoding turns as \($0)" } ?? "guessing each turn's kind from its path"
        writeText("Proxying http://\(shown) → \(settings.upstream), \(kind)\(noStore ? ", storing nothing" : ""). Ctrl-C stops.\n")
        await waitForTerminationSignal()
        await server.stop()
    }

    /// The upstream, kind, options and TLS settings from the flags and, with --profile, the config file.
    private func proxySettings() throws -> ProxySettings {
        guard let scheme = upstream.split(separator: ":").first?.lowercased(), ["http", "https"].contains(scheme),
            upstream.contains("://")
        else {
            throw ValidationError("--upstream must be an http:// or https:// URL, such as https://api.openai.com (got \(upstream)).")
        }
        var transport = TransportOptions(connectTimeout: connectTimeout, idleTimeout: idleTimeout)
        var kind = provider
        var options: [String: String] = [:]
        if let profile {
            let chosen = try loadProfile(profile)
            kind = kind ?? chosen.provider
            options = chosen.options
            transport.skipTLSVerify = chosen.insecureSkipTLSVerify
            transport.caFile = try chosen.caFile.map { try caPath($0) }
            if chosen.insecureSkipTLSVerify {
                writeNote("warning: profile \"\(profile)\" sets insecure_skip_tls_verify: the upstream's TLS certificate is not checked.")
            }
        }
        if let kind, !ProviderCatalog.kinds.contains(kind) {
            throw ValidationError("Unknown provider kind \"\(kind)\". Known kinds: \(ProviderCatalog.kinds.joined(separator: ", ")).")
        }
        return ProxySettings(upstream: upstream, kind: kind, options: options, transportOptions: transport)
    }

    private func configPath() -> String {
        config ?? Configuration.defaultPath(environment: ProcessInfo.processInfo.environment)
    }

    private func loadProfile(_ name: String) throws -> Profile {
        do {
            guard let chosen = try Configuration.load(path: configPath()).profile(named: name) else {
                throw ConfigError("No profile named \"\(name)\".")
            }
            return chosen
        } catch {
            throw CommandFailure.config(error)
        }
    }

    /// A profile's `ca_file`, relative paths taken from the config file's folder; it must be readable.
    private func caPath(_ file: String) throws -> String {
        var path = file
        if path == "~" || path.hasPrefix("~/") {
            path = NSHomeDirectory() + path.dropFirst()
        } else if !path.hasPrefix("/") {
            path = (configPath() as NSString).deletingLastPathComponent + "/" + path
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw CommandFailure.config(ConfigError(
                "Profile \"\(profile ?? "")\": ca_file \(path) does not exist or cannot be read."))
        }
        return path
    }
}
