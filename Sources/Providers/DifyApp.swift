import ChatModel
import Foundation

/// What a Dify app tells a client about itself: `parameters`, `info`, `meta` and uploaded files.
public enum DifyApp {
    /// One field of the app's user input form (`inputs` the app expects).
    public struct InputField: Sendable, Equatable {
        /// `text-input`, `paragraph`, `select`, `number`, `file`, …
        public var kind: String
        public var variable: String
        public var label: String
        public var required: Bool
        public var options: [String]
        public var defaultValue: String?
        public var maxLength: Int?
    }

    /// `GET /v1/parameters`, the parts a chat client shows.
    public struct Parameters: Sendable, Equatable {
        public var openingStatement: String
        public var suggestedQuestions: [String]
        public var suggestedQuestionsAfterAnswer: Bool
        public var citationsEnabled: Bool
        public var inputForm: [InputField]
        public var fileUploadEnabled: Bool
    }

    /// `GET /v1/info`.
    public struct Info: Sendable, Equatable {
        public var name: String
        public var description: String
        public var tags: [String]
        public var mode: String
        public var authorName: String?
    }

    /// `POST /v1/files/upload` (201): the id to send as `upload_file_id`.
    public struct UploadedFile: Sendable, Equatable {
        public var id: String
        public var name: String
        public var size: Int?
        public var mimeType: String?
        public var createdAt: Date?
    }

    public static func parameters(status: Int, body: [UInt8]) throws -> Parameters {
        let json = try CompanionReply.object(status: status, body: body, error: DifyErrors.httpError)
        let form = json.values("user_input_form").compactMap { item -> InputField? in
            guard let (kind, value) = item.objectMembers?.first, let field = value.objectMembers else { return nil }
            let object = JSONObject(field)
            return InputField(
                kind: kind, variable: object.string("variable") ?? "", label: object.string("label") ?? "",
                required: object.bool("required") ?? false,
                options: object.strings("options"),
                defaultValue: object.string("default").flatMap { $0.isEmpty ? nil : $0 },
                maxLength: object.int("max_length"))
        }
        let upload = json.object("file_upload")
        let uploadEnabled = upload?.bool("enabled") ?? upload?.object("image")?.bool("enabled") ?? false
        return Parameters(
            openingStatement: json.string("opening_statement") ?? "",
            suggestedQuestions: json.strings("suggested_questions"),
            suggestedQuestionsAfterAnswer: json.object("suggested_questions_after_answer")?.bool("enabled") ?? false,
            citationsEnabled: json.object("retriever_resource")?.bool("enabled") ?? false,
            inputForm: form, fileUploadEnabled: uploadEnabled)
    }

    public static func info(status: Int, body: [UInt8]) throws -> Info {
        let json = try CompanionReply.object(status: status, body: body, error: DifyErrors.httpError)
        return Info(
            name: json.string("name") ?? "", description: json.string("description") ?? "",
            tags: json.strings("tags"),
            mode: json.string("mode") ?? "", authorName: json.string("author_name"))
    }

    /// `GET /v1/meta`: each tool's icon, a URL or an emoji (`content`).
    public static func toolIcons(status: Int, body: [UInt8]) throws -> [String: String] {
        let json = try CompanionReply.object(status: status, body: body, error: DifyErrors.httpError)
        guard let icons = json.object("tool_icons") else { return [:] }
        var out: [String: String] = [:]
        for key in icons.keys {
            if let url = icons.string(key) {
                out[key] = url
            } else if let emoji = icons.object(key)?.string("content") {
                out[key] = emoji
            }
        }
        return out
    }

    public static func uploadedFile(status: Int, body: [UInt8]) throws -> UploadedFile {
        let json = try CompanionReply.object(status: status, body: body, error: DifyErrors.httpError)
        return UploadedFile(
            id: json.string("id") ?? "", name: json.string("name") ?? "", size: json.int("size"),
            mimeType: json.string("mime_type"), createdAt: json.unixDate("created_at"))
    }
}
