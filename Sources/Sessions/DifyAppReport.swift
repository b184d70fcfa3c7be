import Foundation
import Providers

/// What a Dify app says about itself (`info`, `parameters`, `meta`), fetched together and shown readably.
///
/// Before chatting with an app a user needs its input form (which `inputs` to pass with `-o input.NAME=…`),
/// its opening statement and suggested questions; this gathers them in one place.
public struct DifyAppReport: Sendable, Equatable {
    public var info: DifyApp.Info
    public var parameters: DifyApp.Parameters
    /// Tool name to icon: a URL or an emoji.
    public var toolIcons: [String: String]

    /// Fetches the three documents; the first that fails is thrown with Dify's own message.
    public static func fetch(from dify: DifyProvider, client: CompanionClient) async throws -> DifyAppReport {
        let info = try await client.fetch(dify.infoRequest())
        let parameters = try await client.fetch(dify.parametersRequest())
        let meta = try await client.fetch(dify.metaRequest())
        return DifyAppReport(
            info: try DifyApp.info(status: info.status, body: info.body),
            parameters: try DifyApp.parameters(status: parameters.status, body: parameters.body),
            toolIcons: try DifyApp.toolIcons(status: meta.status, body: meta.body))
    }

    /// The report as lines of text.
    public var text: String {
        var lines = ["\(info.name) (\(info.mode))"]
        if !info.description.isEmpty { lines.append(info.description) }
        if !info.tags.isEmpty { lines.append("tags: " + info.tags.joined(separator: ", ")) }
        if let author = info.authorName, !author.isEmpty { lines.append("author: \(author)") }
        lines.append("")
        lines.append("Opening statement:")
        lines.append(parameters.openingStatement.isEmpty ? "  (none)" : "  " + parameters.openingStatement)
        lines.append("Suggested questions:")
        lines += parameters.suggestedQuestions.isEmpty ? ["  (none)"] : parameters.suggestedQuestions.map { "  - " + $0 }
        lines.append("Input form:")
        lines += parameters.inputForm.isEmpty ? ["  (none)"] : parameters.inputForm.map(Self.fieldLine)
        lines.append("Features: " + [
            "citations " + (parameters.citationsEnabled ? "on" : "off"),
            "suggested questions after answers " + (parameters.suggestedQuestionsAfterAnswer ? "on" : "off"),
            "file upload " + (parameters.fileUploadEnabled ? "on" : "off"),
        ].joined(separator: ", "))
        lines.append("Tools:")
        lines += toolIcons.isEmpty ? ["  (none)"] : toolIcons.keys.sorted().map { "  \($0)  \(toolIcons[$0] ?? "")" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `  name  “Your name”  text-input, required, at most 48 characters`
    static func fieldLine(_ field: DifyApp.InputField) -> String {
        var details = [field.kind, field.required ? "required" : "optional"]
        if !field.options.isEmpty { details.append("options: " + field.options.joined(separator: " | ")) }
        if let maxLength = field.maxLength { details.append("at most \(maxLength) characters") }
        if let value = field.defaultValue { details.append("default \(value)") }
        return "  \(field.variable)  “\(field.label)”  " + details.joined(separator: ", ")
    }

    /// The report as one JSON document with sorted keys.
    public func json() throws -> String {
        let form: [[String: Any]] = parameters.inputForm.map { field in
            var item: [String: Any] = [
                "type": field.kind, "variable": field.variable, "label": field.label, "required": field.required,
                "options": field.options,
            ]
            if let value = field.defaultValue { item["default"] = value }
            if let maxLength = field.maxLength { item["max_length"] = maxLength }
            return item
        }
        var infoObject: [String: Any] = [
            "name": info.name, "description": info.description, "tags": info.tags, "mode": info.mode,
        ]
        if let author = info.authorName { infoObject["author_name"] = author }
        let document: [String: Any] = [
            "info": infoObject,
            "parameters": [
                "opening_statement": parameters.openingStatement, "suggested_questions": parameters.suggestedQuestions,
                "suggested_questions_after_answer": parameters.suggestedQuestionsAfterAnswer,
                "citations": parameters.citationsEnabled, "file_upload": parameters.fileUploadEnabled,
                "user_input_form": form,
            ] as [String: Any],
            "meta": ["tool_icons": toolIcons],
        ]
        let data = try JSONSerialization.data(
            withJSONObject: document, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
