import ArgumentParser
import Foundation
import Providers
import Sessions
import Wire

/// `parley replay`: decodes a recorded response file without a network.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Decode a recorded response (a bare body, or a whole HTTP response as `curl -i` prints it).",
        discussion: """
            With --provider sse, prints how the body was cut into server-sent events, one JSON line each.
            Otherwise prints the normalized events the provider's adapter makes of it.
            """)

    @Option(help: "How to read the body: sse, or a provider kind (\(ProviderCatalog.kinds.joined(separator: ", "))).")
    var provider: String

    @Flag(help: "One JSON line per event instead of plain text.")
    var jsonl = false

    @Argument(help: "The file to decode; - reads standard input.")
    var file: String

    func run() throws {
        let bytes = try readInput(file)
        let response: RecordedResponse
        do {
            response = try RecordedResponse.parse(bytes)
        } catch {
            throw ValidationError("\(file): \(error)")
        }
        if provider == "sse" {
            var parser = SSEParser()
            let frames = parser.feed(response.body) + parser.finish()
            let lines = frames.compactMap(EventPrinter.sseLine(for:))
            print(lines.joined(separator: "\n"))
            return
        }
        let decoder: any StreamDecoder
        do {
            decoder = try ProviderCatalog.decoder(for: provider)
        } catch {
            throw ValidationError("\(error) Use --provider sse to see the bare event stream.")
        }
        var reader = ResponseReader(decoder: decoder)
        reader.begin(response.head)
        let records = reader.feed(response.body, at: 0) + reader.finish(at: 0)
        var printer = EventPrinter(mode: jsonl ? .jsonLines : .text)
        let output = printer.output(for: records.flatMap(\.events))
        FileHandle.standardOutput.write(Data(output.standardOutput.utf8))
        FileHandle.standardError.write(Data(output.standardError.utf8))
        if records.flatMap(\.events).contains(where: { if case .failed = $0 { return true } else { return false } }) {
            throw ExitCode(1)
        }
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
