import ArgumentParser
import Foundation
import Sessions
import Store

/// `parley export`: one conversation as Markdown, as JSON, or its raw streams as replayable recordings.
struct ExportCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case md
        case json
        case raw
    }

    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a stored conversation as Markdown, JSON, or raw recordings for `parley replay`.",
        discussion: """
            md is for reading; json holds everything the store keeps for the conversation (messages, runs, raw \
            records); raw writes each reply's stream as a recording, which `parley replay --timing FILE` plays \
            back with its original timing. One recording goes to standard output unless --output names a file \
            or directory; several are written as <id>-<n>.parley-recording into --output DIR, else the \
            current directory.
            """)

    @OptionGroup var storage: StoreOptions

    @Option(help: "md, json or raw.")
    var format: Format = .md

    @Option(help: "Write to this file (md, json, one recording) or directory (raw) instead of standard output.")
    var output: String?

    @Argument(help: "The conversation's id, or the first characters of it.")
    var id: String

    func run() throws {
        let (store, id) = try storage.conversation(self.id)
        switch format {
        case .md: try emit(try store.exportMarkdown(conversation: id))
        case .json: try emit(try store.exportJSON(conversation: id) + "\n")
        case .raw: try exportRecordings(store, id: id)
        }
    }

    private func emit(_ text: String) throws {
        guard let output else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        try write(text, to: output)
        writeNote("wrote \(output)")
    }

    private func exportRecordings(_ store: SQLiteStore, id: String) throws {
        let recordings = try store.recordings(conversation: id)
        guard !recordings.isEmpty else {
            throw ValidationError(
                "Conversation \(ConversationListing.shortID(id)) has no recorded streams: it was pulled from remote "
                    + "history or holds no replies. --format md or json exports what it has.")
        }
        var isDirectory: ObjCBool = false
        let outputIsDirectory = output.map { FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && isDirectory.boolValue } ?? false
        if recordings.count == 1, !outputIsDirectory {
            try emit(recordings[0].recording.jsonLines)
            return
        }
        let directory = output ?? FileManager.default.currentDirectoryPath
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw CommandFailure.cannotCreate("Cannot create the directory \(directory): \(error.localizedDescription)")
        }
        var names: [String] = []
        for (index, entry) in recordings.enumerated() {
            let name = "\(ConversationListing.shortID(id))-\(index + 1).parley-recording"
            try write(entry.recording.jsonLines, to: (directory as NSString).appendingPathComponent(name))
            names.append(name)
        }
        writeNote("wrote \(names.count) recordings to \(directory): \(names.joined(separator: ", "))")
    }

    private func write(_ text: String, to path: String) throws {
        let privately: [FileAttributeKey: Any] = [.posixPermissions: 0o600]
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: privately) else {
            throw CommandFailure.cannotCreate("Cannot write \(path): check that its directory exists and is writable.")
        }
    }
}
