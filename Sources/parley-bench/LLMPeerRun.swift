import Foundation

/// Simon Willison's `llm` CLI against the stream server, measured exactly like `parley send`.
///
/// `llm` reads OpenAI-compatible models from `extra-openai-models.yaml` in its user folder (`LLM_USER_PATH`); the
/// run writes one there naming the stream's base URL, and runs `llm -m bench --no-log hi`, which streams the
/// reply to standard output, where `CommandRun` looks for the last word.
struct LLMPeerRun {
    var executable: String
    var baseURL: String
    var environment: [String: String]
    var folder: String

    func run(deadline: Double, memoryCap: Int) throws -> CommandRun.Result {
        let home = folder + "/llm-home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let models = """
            - model_id: bench
              model_name: m
              api_base: "\(baseURL)"

            """
        try models.write(toFile: home + "/extra-openai-models.yaml", atomically: true, encoding: .utf8)
        var environment = environment
        environment["LLM_USER_PATH"] = home
        return try CommandRun(
            executable: executable, arguments: ["-m", "bench", "--no-log", "hi"],
            environment: environment, folder: folder, checksOutput: true
        ).run(deadline: deadline, memoryCap: memoryCap)
    }
}
