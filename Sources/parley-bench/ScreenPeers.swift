import Foundation

/// How elia and oterm are configured and driven to one prompt against the stream server.
///
/// Each gets its own fresh home (the scenario's isolated environment) with a config that names the stream's
/// base URL, so nothing of the user's is read or written:
/// - elia (elia-chat): `config.toml` with one model `openai/m` (LiteLLM's OpenAI-compatible route) at the base
///   URL as the default; its first screen is the prompt box; Ctrl-J sends.
/// - oterm: `OLLAMA_URL` is the stream's prefix; oterm lists and shows the model through Ollama's API there
///   (`OllamaRoutes`) and chats through `/v1/chat/completions` below it. Its start-up animation is turned off
///   (`"splash-screen": false`), so the start-up time is oterm's own. A chat is opened as a user does: Ctrl-N,
///   the model typed into the dialog's filter, and a click on Save (a mouse event typed into the pane: the
///   dialog's Enter key does not save while a text field has the focus).
enum ScreenPeers {
    static func run(
        _ kind: Peers.Kind, executable: String, server: StreamServer, chunks: Int, paced: Bool,
        environment: [String: String], folder: String
    ) throws -> ScreenPeerRun {
        let command = "exec '\(executable)'"
        var environment = environment
        switch kind {
        case .elia:
            let config = environment["XDG_CONFIG_HOME"]! + "/elia"
            try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
            try """
                default_model = "bench"

                [[models]]
                id = "bench"
                name = "openai/m"
                api_base = "\(server.baseURL(chunks: chunks, paced: paced))"
                api_key = "not-used"

                """.write(toFile: config + "/config.toml", atomically: true, encoding: .utf8)
            var run = ScreenPeerRun(
                command: command, environment: environment, folder: folder,
                isReady: { $0.contains("Enter your message") })
            run.submitKey = "C-j"
            return run
        case .oterm:
            let data = environment["XDG_DATA_HOME"]! + "/oterm"
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            try #"{"splash-screen": false}"#.write(toFile: data + "/config.json", atomically: true, encoding: .utf8)
            let base = server.baseURL(chunks: chunks, paced: paced)
            environment["OLLAMA_URL"] = String(base.dropLast("/v1".count))
            return ScreenPeerRun(
                command: command, environment: environment, folder: folder,
                isReady: { $0.contains("Ctrl+N to start a new chat") }, opensChat: openOtermChat)
        case .llm:
            throw BenchError("llm is not a full-screen peer")
        }
    }

    /// Opens a chat with the model `m:latest` in oterm's new-chat dialog; returns a problem, or nil.
    ///
    /// Clicks rather than keys: which field has the focus while the dialog mounts is not fixed, and a click
    /// lands where it is aimed. A click on the model in the list selects it (oterm then reads its details); a
    /// click on Save opens the chat, and is repeated while it opens nothing, as Save takes clicks only once the
    /// details are in.
    private static func openOtermChat(_ tmux: TmuxScreen) throws -> String? {
        try tmux.press("C-n")
        let listed = try tmux.wait(seconds: 30, until: { $0.contains("Type model name") && count(OllamaRoutes.model, in: $0) >= 1 })
        guard listed.met, let option = position(of: OllamaRoutes.model, in: listed.screen) else {
            return "oterm's new-chat dialog did not list the model within 30 s" + lastLines(listed.screen)
        }
        try tmux.settle()
        for _ in 0..<4 {
            try click(tmux, row: option.row, column: option.column + 1)
            if try tmux.wait(seconds: 5, until: { $0.contains("Model: \(OllamaRoutes.model)") }).met { break }
        }
        let chosen = try tmux.wait(seconds: 5, until: { $0.contains("Model: \(OllamaRoutes.model)") && $0.contains("Save") })
        guard chosen.met, let save = position(of: "Save", in: chosen.screen) else {
            return "oterm did not take the model \(OllamaRoutes.model) after four clicks on it" + lastLines(chosen.screen)
        }
        for _ in 0..<4 {
            try click(tmux, row: save.row, column: save.column + 1)
            if try tmux.wait(seconds: 5, until: { $0.contains("chat #1") && $0.contains("submit") }).met { return nil }
        }
        return "oterm did not open the chat after four clicks on Save, 5 s apart" + lastLines(try tmux.capture())
    }

    /// An SGR mouse press and release at a 1-based row and column, typed into the pane.
    private static func click(_ tmux: TmuxScreen, row: Int, column: Int) throws {
        try tmux.type("\u{1B}[<0;\(column);\(row)M")
        try tmux.type("\u{1B}[<0;\(column);\(row)m")
    }

    private static func count(_ word: String, in screen: String) -> Int {
        screen.components(separatedBy: word).count - 1
    }

    private static func lastLines(_ screen: String) -> String {
        let lines = screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return "; screen: " + lines.prefix(6).joined(separator: " / ").prefix(300)
    }

    /// The 1-based row and column where `word` first shows on `screen`.
    private static func position(of word: String, in screen: String) -> (row: Int, column: Int)? {
        for (index, line) in screen.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let range = line.range(of: word) {
                return (index + 1, line.distance(from: line.startIndex, to: range.lowerBound) + 1)
            }
        }
        return nil
    }
}
