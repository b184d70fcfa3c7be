import ArgumentParser
import ChatModel
import Foundation
import Providers
import Sessions
import Store
import Wire
import WorkbenchApp

/// `parley replay`: decodes a recorded response file without a network, optionally with its original timing.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Decode a recorded response: a Parley recording, a bare body, or a whole HTTP response as `curl -i` prints it.",
        discussion: """
            On a terminal, opens the workbench on the response: the transcript and inspector fill as they did \
            live, at the original pace (--speed scales it, --max-gap caps waits; a file without timing plays at \
            once). --paused starts paused; Space pauses and plays, n shows one more record and b goes back one, \
            + and - change the speed, Esc, q or Ctrl-C quits. With --jsonl, --provider sse, or a standard output that is \
            a file or a pipe, prints instead. \
            With --provider sse, prints how the body was cut into server-sent events, one JSON line each. \
            Otherwise prints the normalized events the provider's adapter makes of it. A Parley recording \
            (from `parley export ID --format raw`) can be played with its original timing: --timing, or \
            --speed 2 for twice as fast (0.01 to 1000). No wait between two pieces is longer than 60 s (--max-gap); \
            a longer one is shortened, with a note on standard error. As with send, control characters in the \
            replayed text are shown visibly on standard error and on a terminal; a standard output that is a file \
            or a pipe gets the answer exactly.
            """)

    @Option(help: "How to read the body: sse, or a provider kind (\(ProviderCatalog.kinds.joined(separator: ", "))); default: guessed from a recording's request path.")
    var provider: String?

    @Flag(help: "One JSON line per event instead of plain text.")
    var jsonl = false

    @Flag(help: "Deliver a recording's pieces with the gaps they originally had.")
    var timing = false

    @Option(help: "Like --timing, at this many times the original speed (0.5 is half as fast).")
    var speed: Double?

    @Option(name: .customLong("max-gap"), help: "With --timing or --speed: the longest wait between two pieces, in seconds (0 to 3600).")
    var maxGap = ReplayPacing.defaultMaxGap

    @Flag(help: "On a terminal: start the replay paused, before the first record.")
    var paused = false

    @Argument(help: "The file to decode; - reads standard input.")
    var file: String

    func validate() throws {
        let speeds = ReplayPacing.speeds
        if let speed, !speeds.contains(speed) {
            throw ValidationError(
                "--speed must be between \(speeds.lowerBound) and \(Int(speeds.upperBound)), such as 2 or 0.5 (got \(speed)).")
        }
        if !ReplayPacing.maxGaps.contains(maxGap) {
            throw ValidationError("--max-gap must be between 0 and \(Int(ReplayPacing.maxGaps.upperBound)) seconds (got \(maxGap)).")
        }
    }

    func run() async throws {
        let source: ReplaySource
        do {
            source = try ReplaySource(bytes: try readInput(file), name: file)
        } catch let error as ValidationError {
            throw error
        } catch {
            throw ValidationError("\(file): \(error)")
        }
        let provider = try ReplayScreen.kind(self.provider, for: source, file: file)
        let onScreen = !jsonl && provider != "sse" && isatty(STDOUT_FILENO) == 1 && isatty(STDIN_FILENO) == 1
        let pace = speed ?? (timing || onScreen ? 1 : 0)
        if speed != nil || timing, !source.isTimed {
            throw ValidationError(
                "\(file) carries no timing; --timing and --speed need a Parley recording (parley export ID --format raw).")
        }
        if onScreen {
            let options = ReplayTapes.Options(speed: pace, maxGap: maxGap, paused: paused)
            return try await ReplayScreen.run(source, file: file, kind: provider, options: options)
        }
        if pace > 0 { noteShortenedGaps(source.recording, speed: pace) }
        let pieces = RecordingReader.replay(
            source.recording, speed: pace, maxGap: maxGap, now: { ProcessInfo.processInfo.systemUptime },
            sleep: { try await Task.sleep(nanoseconds: UInt64($0 * 1_000_000_000)) })
        if provider == "sse" {
            var parser = SSEParser()
            for try await piece in pieces { emitLines(parser.feed(piece.bytes).compactMap(EventPrinter.sseLine(for:))) }
            emitLines(parser.finish().compactMap(EventPrinter.sseLine(for:)))
            return
        }
        let decoder: any StreamDecoder
        do {
            decoder = try ProviderCatalog.decoder(for: provider)
        } catch {
            throw ValidationError("\(error) Use --provider sse to see the bare event stream.")
        }
        var reader = ResponseReader(decoder: decoder, limits: .unlimited)
        if let head = source.head { reader.begin(head) }
        var printer = EventPrinter(mode: jsonl ? .jsonLines : .text, exactAnswer: isatty(STDOUT_FILENO) == 0)
        var failed = false
        func emit(_ records: [RawRecord]) {
            let events = records.flatMap(\.events)
            failed = failed || events.contains { if case .failed = $0 { true } else { false } }
            let output = printer.output(for: events)
            FileHandle.standardOutput.write(Data(output.standardOutput.utf8))
            FileHandle.standardError.write(Data(output.standardError.utf8))
        }
        for try await piece in pieces { emit(reader.feed(piece.bytes, at: piece.t)) }
        emit(reader.finish(at: source.duration))
        if failed { throw ExitCode(1) }
    }

    /// Says on standard error where the recording asks for a wait longer than replay will make.
    private func noteShortenedGaps(_ recording: Recording, speed: Double) {
        let pacing = ReplayPacing(times: recording.chunks.map(\.t), speed: speed, maxGap: maxGap)
        guard let first = pacing.shortened.first else { return }
        let others = pacing.shortened.count > 1 ? " (and \(pacing.shortened.count - 1) more)" : ""
        let asked = first.seconds.isFinite ? "\(Self.seconds(first.seconds)) s" : "for ever"
        writeNote(
            "replay: piece \(first.index + 1) of \(file) would wait \(asked)\(others); waits are capped at "
                + "\(Self.seconds(pacing.maxGap)) s (--max-gap), so the timing after it is not the original.")
    }

    /// Seconds as people write them: `60`, `0.05`, `1e+300`.
    private static func seconds(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }

    private func emitLines(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        FileHandle.standardOutput.write(Data(lines.map { $0 + "\n" }.joined().utf8))
    }
}

/// The bytes of a file, or of standard input for `-`, with an error that names the path.
func readInput(_ path: String) throws -> [UInt8] {
    if path == "-" { return [UInt8](FileHandle.standardInput.readDataToEndOfFile()) }
    guard let data = FileManager.default.contents(atPath: path) else {
        throw ValidationError("Cannot read \(path): no such file, or it is not readable.")
    }
    return [UInt8](data)
}
