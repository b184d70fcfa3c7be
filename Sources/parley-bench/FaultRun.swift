import ChatModel
import FixtureServer
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs `parley send` once against one fault for one provider kind and judges what it left behind.
///
/// Each run gets its own fixture server (a second one for the redirect), its own database and home, the key
/// in an environment variable, and short connect and idle timeouts so stalls end in seconds. GNU time
/// gives the peak RSS; the database is read as the run left it.
struct FaultRun {
    static let key = "sk-parley-fault-table-0123456789"
    static let idleTimeout = "2"
    static let deadline = 60.0
    static let memoryBar = 100 << 20

    var parley: String
    var fault: Fault
    var provider: FaultProvider
    var environment: [String: String]
    var folder: String
    /// The port of the self-signed TLS server, when the table has one.
    var tlsPort: Int?

    func run() async throws -> FaultRow {
        var row = FaultRow(fault: fault.title, kind: provider.kind, message: "", exit: "", stored: "", peak: "")
        if fault.needsStream, !provider.streams {
            row.message = "(a blocking JSON API has no event stream)"
            return row
        }
        let (host, servers, listener) = try await startServing()
        defer { if let listener { close(listener) } }
        let scheme = if case .selfSignedTLS = fault.serving { "https" } else { "http" }
        let prefix = servers.isEmpty ? "" : "/scenario/fault"
        let sent = Result { try send(baseURL: "\(scheme)://\(host)\(prefix)\(provider.basePath)") }
        for server in servers { await server.stop() }
        let outcome = try sent.get()

        row.exit = outcome.exit.map(String.init) ?? outcome.ending
        row.time = String(format: "%.2f s", outcome.wall)
        row.message = Self.shown(outcome.stderr, host: host)
        let stored = StoredReply.read(database: database)
        row.stored = stored.map { "\($0.status), \(Figure.bytes($0.textBytes))" } ?? "nothing"
        row.peak = Figure.megabytes(outcome.peak)
        var problems = judge(outcome, stored: stored, host: host)
        if outcome.peak > Self.memoryBar { problems.append("peak RSS over \(Figure.megabytes(Self.memoryBar))") }
        for place in ["stdout": outcome.stdout, "stderr": outcome.stderr] where place.value.contains(Self.key) {
            problems.append("the key is on \(place.key)")
        }
        if StoredReply.contains(Self.key, database: database) { problems.append("the key is in the database") }
        if case .redirect = fault.serving, servers.count == 2,
           servers[1].receivedRequests.contains(where: { $0.headers.contains { $0.value.contains(Self.key) } }) {
            problems.append("the key went to the other port")
        }
        row.problems = problems
        return row
    }

    private var database: String { folder + "/parley.sqlite" }

    /// Starts what the fault needs: its host:port, the fixture servers to stop afterwards (the one asked
    /// first, then a redirect's target), and a listening socket to close.
    private func startServing() async throws -> (host: String, servers: [FixtureServer], listener: Int32?) {
        switch fault.serving {
        case .refused:
            return ("127.0.0.1:\(try FaultListeners.closedPort())", [], nil)
        case .unresolvable:
            return ("parley-fault.invalid:8080", [], nil)
        case .silent:
            let (socket, port) = try FaultListeners.bind(listening: 16)
            return ("127.0.0.1:\(port)", [], socket)
        case .selfSignedTLS:
            guard let tlsPort else { throw BenchError("no TLS server for the self-signed row") }
            return ("127.0.0.1:\(tlsPort)", [], nil)
        case .redirect:
            let target = try await Self.server(
                serving: Self.scenario(provider, status: 200, contentType: "", events: FaultReply.events(provider)))
            let location = "http://127.0.0.1:\(target.port ?? 0)/scenario/fault" + provider.concreteRoute
            do {
                let server = try await Self.server(
                    serving: Self.scenario(provider, status: 307, contentType: "text/plain", events: [], location: location))
                return ("127.0.0.1:\(server.port ?? 0)", [server, target], nil)
            } catch {
                await target.stop()
                throw error
            }
        case .scenario(let status, let contentType, let events):
            let server = try await Self.server(
                serving: Self.scenario(provider, status: status, contentType: contentType, events: events(provider)))
            return ("127.0.0.1:\(server.port ?? 0)", [server], nil)
        }
    }

    /// The first line of standard error, shortened, with this run's port and conversation id written as PORT
    /// and ID (another loopback port, a redirect's target, as PORT2) so the table only changes when Parley's
    /// behaviour does.
    static func shown(_ stderr: String, host: String) -> String {
        var line = String(stderr.split(separator: "\n").first ?? "(nothing)")
        if let colon = host.lastIndex(of: ":") {
            line = line.replacingOccurrences(of: host, with: host[..<colon] + ":PORT")
                .replacingOccurrences(of: "port \(host[host.index(after: colon)...])", with: "port PORT")
        }
        line = line.replacingOccurrences(of: #"conversation [0-9a-f]{8}"#, with: "conversation ID", options: .regularExpression)
        line = line.replacingOccurrences(of: #"127\.0\.0\.1:[0-9]+"#, with: "127.0.0.1:PORT2", options: .regularExpression)
        return line.count > 140 ? line.prefix(139) + "…" : line
    }

    /// Whether the exit status, the message and the stored reply are what the fault's outcome asks for.
    private func judge(_ outcome: Outcome, stored: StoredReply?, host: String) -> [String] {
        var problems: [String] = []
        let completed = outcome.exit == 0 && stored?.status == "complete"
        // A name that does not resolve is the whole problem, so naming it is enough; everywhere else host:port.
        let named = if case .unresolvable = fault.serving { String(host.prefix { $0 != ":" }) } else { host }
        let namesHost = outcome.stderr.contains(named)
        switch fault.outcome {
        case .completes(let text):
            if outcome.exit != 0 { problems.append("exit \(outcome.exit.map(String.init) ?? outcome.ending), not 0") }
            if stored?.status != "complete" { problems.append("not stored complete") }
            if let stored, stored.text != text(provider) {
                problems.append("stored \(Figure.bytes(stored.textBytes)) of \(Figure.bytes(text(provider).utf8.count)) sent")
            }
        case .fails(let arrived, let mentioning):
            if outcome.exit != 1 { problems.append("exit \(outcome.exit.map(String.init) ?? outcome.ending), not 1") }
            if !namesHost { problems.append("no message names \(named)") }
            if let mentioning, !outcome.stderr.contains(mentioning) { problems.append("no message says \(mentioning)") }
            // Where the server explains itself (an HTTP error) its words are the advice; elsewhere Parley's must be.
            if mentioning == nil, !outcome.stderr.lowercased().contains("check") {
                problems.append("no message says what to check")
            }
            if !["failed", "interrupted"].contains(stored?.status ?? "") { problems.append("not stored as failed") }
            let expected = arrived(provider)
            if !(stored?.text ?? "").hasPrefix(expected) {
                let kept = Figure.bytes(stored?.textBytes ?? 0)
                problems.append("stored \(kept) of \(Figure.bytes(expected.utf8.count)) that arrived")
            }
        case .completesOrNamesLimit:
            if !completed, !outcome.stderr.lowercased().contains("limit") {
                problems.append("neither completed nor named a limit (exit \(outcome.exit.map(String.init) ?? outcome.ending))")
            }
        case .completesOrRefuses:
            if !completed, !(outcome.exit == 1 && namesHost) {
                problems.append("neither completed nor refused with a message naming \(named)")
            }
        }
        return problems
    }

    /// What one `parley send` did.
    struct Outcome {
        var exit: Int?
        var ending: String
        var stdout: String
        var stderr: String
        var peak: Int
        var wall: Double
    }

    private func send(baseURL: String) throws -> Outcome {
        let (stdout, stderr, usage) = (folder + "/send.stdout", folder + "/send.stderr", folder + "/send.usage")
        var environment = environment
        environment["PARLEY_DB"] = database
        environment["PARLEY_FAULT_KEY"] = Self.key
        let arguments = ["send", "--provider", provider.kind, "--base-url", baseURL, "--api-key-env", "PARLEY_FAULT_KEY",
                         "--idle-timeout", Self.idleTimeout, "--connect-timeout", "3"] + provider.arguments + ["hi"]
        let child = try ChildProcess(
            executable: CommandRun.timeExecutable, arguments: ["-f", "%M", "-o", usage, parley] + arguments,
            environment: environment, stdout: stdout, stderr: stderr)
        let measured = child.measure(deadline: Self.deadline, memoryCap: 2 << 30)
        let text = { (file: String) in
            FileManager.default.contents(atPath: file).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
        let peak = text(usage).split(separator: "\n").last
            .flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.map { $0 * 1024 }
        var exit: Int?
        var ending = ""
        switch measured.ending {
        case .exited(let code):
            // GNU time exits with the command's status, and says so on its last line when a signal ended it.
            exit = Int(code)
            if text(usage).contains("Command terminated by signal") { ending = "signal"; exit = nil }
        case .signalled(let signal): ending = "signal \(signal)"
        case .killedForTime: ending = "killed after \(Int(Self.deadline)) s"
        case .killedForMemory: ending = "killed over 2 GB"
        }
        return Outcome(exit: exit, ending: ending, stdout: text(stdout), stderr: text(stderr),
                       peak: max(peak ?? 0, measured.sampledPeakBytes), wall: measured.wallSeconds)
    }

    /// A scenario named `fault` on the kind's route, with these events.
    static func scenario(
        _ provider: FaultProvider, status: Int, contentType: String, events: [ScenarioEvent], location: String? = nil
    ) throws -> Scenario {
        let type = !contentType.isEmpty ? contentType
            : provider.streams ? "text/event-stream; charset=utf-8" : "application/json"
        let text = #"{"name":"fault","route":{"method":"POST","path":"\#(provider.route)"},"status":\#(status),"#
            + #""headers":{"Content-Type":"\#(type)","Cache-Control":"no-cache""#
            + (location.map { #","Location":"\#(JSONValue.escape($0))""# } ?? "") + #"},"events":[]}"#
        var scenario = try Scenario(json: JSONReader.parse(Array(text.utf8)), source: "fault table")
        scenario.events = events
        return scenario
    }

    /// A fixture server on a free loopback port with the built-in scenarios (Big Hummingbird's session
    /// creation) and `scenario`, which the base URL's `/scenario/fault` prefix forces.
    static func server(serving scenario: Scenario) async throws -> FixtureServer {
        let builtIn = try ScenarioLibrary.builtIn().scenarios.filter { $0.name != "fault" }
        let library = ScenarioLibrary(scenarios: builtIn + [scenario])
        let server = FixtureServer(library: library)
        _ = try await server.start()
        return server
    }
}
