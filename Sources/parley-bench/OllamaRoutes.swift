/// The few Ollama API answers the benchmark's stream server gives, so a peer that finds its models through
/// Ollama's API (oterm lists and shows them there, then chats through Ollama's OpenAI-compatible `/v1`) can
/// open a chat with the one model, `m`.
///
/// Nothing here depends on the request; an unknown route gets a 404 with Ollama's error shape.
enum OllamaRoutes {
    /// The model the routes offer.
    static let model = "m:latest"

    /// The status line and JSON body for a route (the part of the path after `/api/`).
    static func document(for route: String) -> (status: String, body: String) {
        switch route {
        case "tags":
            return ("200 OK", #"{"models":[{"name":"\#(model)","model":"\#(model)","modified_at":"2024-01-01T00:00:00Z","size":1000,"digest":"0000000000000000000000000000000000000000000000000000000000000000","details":\#(details)}]}"#)
        case "show":
            return ("200 OK", #"{"modelfile":"","parameters":"","template":"{{ .Prompt }}","details":\#(details),"model_info":{"general.architecture":"llama"},"capabilities":["completion"],"modified_at":"2024-01-01T00:00:00Z"}"#)
        case "version":
            return ("200 OK", #"{"version":"0.5.0"}"#)
        case "ps":
            return ("200 OK", #"{"models":[]}"#)
        default:
            return ("404 Not Found", #"{"error":"the benchmark's server has no /api/\#(route)"}"#)
        }
    }

    private static let details = #"{"parent_model":"","format":"gguf","family":"llama","families":["llama"],"parameter_size":"1B","quantization_level":"Q4_0"}"#
}
