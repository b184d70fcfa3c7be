import ChatModel
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
        DifyAppReport(
            info: try await client.call(dify.infoRequest(), read: DifyApp.info),
            parameters: try await client.call(dify.parametersRequest(), read: DifyApp.parameters),
            toolIcons: try await client.call(dify.metaRequest(), read: DifyApp.toolIcons))
    }

    /// The report as lines of text.
    public var text: String {
        var lines = [info.mode.isEmpty ? info.name : "\(info.name) (\(info.mode))"]
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

    /// The report as one indented JSON document with sorted keys.
    public var json: String {
        let form = parameters.inputForm.map { field -> JSONLine.Value in
            var item = JSONLine()
            item.set("type", field.kind)
            item.set("variable", field.variable)
            item.set("label", field.label)
            item.set("required", .bool(field.required))
            item.set("options", .array(field.options.map(JSONLine.Value.string)))
            item.setIfPresent("default", field.defaultValue)
            item.setIfPresent("max_length", field.maxLength)
            return .object(item)
        }
        var infoObject = JSONLine()
        infoObject.set("name", info.name)
        infoObject.set("description", info.description)
        infoObject.set("tags", .array(info.tags.map(JSONLine.Value.string)))
        infoObject.setIfPresent("mode", info.mode.isEmpty ? nil : info.mode)
        infoObject.setIfPresent("author_name", info.authorName)
        var parametersObject = JSONLine()
        parametersObject.set("opening_statement", parameters.openingStatement)
        parametersObject.set("suggested_questions", .array(parameters.suggestedQuestions.map(JSONLine.Value.string)))
        parametersObject.set("suggested_questions_after_answer", .bool(parameters.suggestedQuestionsAfterAnswer))
        parametersObject.set("citations", .bool(parameters.citationsEnabled))
        parametersObject.set("file_upload", .bool(parameters.fileUploadEnabled))
        parametersObject.set("user_input_form", .array(form))
        var meta = JSONLine()
        meta.set("tool_icons", .object(JSONLine(toolIcons)))
        var document = JSONLine()
        document.set("info", .object(infoObject))
        document.set("parameters", .object(parametersObject))
        document.set("meta", .object(meta))
        return document.text(.document) + "\n"
    }
}
