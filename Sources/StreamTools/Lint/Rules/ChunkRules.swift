import ChatModel
import Foundation
import Wire

/// The OpenAI chat-completion chunk protocol, which Helix and PAIS imitate: `[DONE]`, `finish_reason`, the usage
/// chunk, deltas and streamed tool calls.
struct ChunkRules {
    private var findings: FindingCollector
    private var ended = false
    private var sawDone = false
    private var sawFinish = false
    private var failed = false
    private var usageChunks = 0
    private var usageRecord: Int?
    private var sawFunctionCall: (record: Int, offset: Int)?
    private var sawToolCalls = false
    /// Tool calls seen, by choice and call index, with whether their id and name came already.
    private var calls: [String: (id: Bool, name: Bool)] = [:]

    static func check(_ stream: LintStream, requestBody: [UInt8]?, _ findings: inout FindingCollector) {
        var rules = ChunkRules(findings: findings)
        for (record, event) in stream.events { rules.check(record, event) }
        rules.finish(stream, includeUsage: requestBody.flatMap(Self.asksForUsage))
        findings = rules.findings
    }

    private mutating func check(_ record: LintStream.Record, _ event: SSEEvent) {
        if ended {
            findings.add(.afterEnd, at: record, "An event after \(failed ? "the error" : "[DONE]"): \(FramingRules.preview(Array(event.dataBytes))).")
        }
        if event.type != "message" {
            findings.add(.unknownEvent, at: record, "An event named \"\(event.type)\"; this protocol names no event types.")
        }
        if event.data.trimmingCharacters(in: .whitespaces) == "[DONE]" {
            sawDone = true
            ended = true
            return
        }
        let json: JSONValue
        do {
            json = try JSONReader.parse(event.data)
        } catch {
            findings.add(.invalidJSON, at: record, "\(error) in \(FramingRules.preview(Array(event.dataBytes))).")
            return
        }
        if let error = json["error"], error != .null {
            findings.add(.errorEvent, at: record, "An error event: \(FramingRules.preview(Array(event.dataBytes))).")
            failed = true
            ended = true
            return
        }
        let choices = json["choices"]?.arrayValue ?? []
        let carriesContent = choices.contains { choice in
            let finish = choice["finish_reason"]?.stringValue != nil
            let delta = choice["delta"]?.objectMembers?.contains { $0.value != .null && $0.value != .string("") } ?? false
            return finish || delta
        }
        if let usage = json["usage"], usage != .null {
            usageChunks += 1
            if usageChunks > 1 {
                findings.add(.usagePlacement, at: record, "Usage came in more than one chunk.")
            }
            usageRecord = record.index
            if !choices.isEmpty {
                findings.add(.usageChoices, at: record, "The usage chunk has \(choices.count) choice\(choices.count == 1 ? "" : "s") where [] is expected.")
            }
        } else if carriesContent, let usageRecord {
            findings.add(.usagePlacement, at: record, "Content after the usage chunk (record \(usageRecord)).")
        }
        for (position, choice) in choices.enumerated() {
            if choice["finish_reason"]?.stringValue != nil { sawFinish = true }
            guard let delta = choice["delta"] else { continue }
            checkDelta(delta, choice: choice["index"]?.intValue ?? position, record)
        }
    }

    private mutating func checkDelta(_ delta: JSONValue, choice: Int, _ record: LintStream.Record) {
        let nulls = (delta.objectMembers ?? []).filter { $0.value == .null }.map(\.key)
        if !nulls.isEmpty {
            findings.add(.explicitNull, at: record, "A delta sets \(nulls.map { "\"\($0)\"" }.joined(separator: ", ")) to null.")
        }
        if let call = delta["function_call"], call != .null, sawFunctionCall == nil {
            sawFunctionCall = (record.index, record.offset)
        }
        guard let toolCalls = delta["tool_calls"]?.arrayValue else { return }
        sawToolCalls = true
        for (position, call) in toolCalls.enumerated() {
            let key = "\(choice).\(call["index"]?.intValue ?? position)"
            var seen = calls[key] ?? (false, false)
            if let id = call["id"], id != .null {
                if seen.id {
                    findings.add(.toolCallIDRepeated, at: record, "Tool call \(key) repeats its id \(id.compactText) in a later fragment.")
                }
                seen.id = true
            }
            if let name = call["function"]?["name"], name != .null {
                if seen.name {
                    findings.add(.toolCallNameRepeated, at: record, "Tool call \(key) repeats its name \(name.compactText) in a later fragment.")
                }
                seen.name = true
            }
            calls[key] = seen
        }
    }

    private mutating func finish(_ stream: LintStream, includeUsage: Bool?) {
        let last = stream.records.last
        if let sawFunctionCall, sawToolCalls {
            findings.add(
                .legacyFunctionCall, record: sawFunctionCall.record, offset: sawFunctionCall.offset,
                "Deltas carry a legacy function_call as well as tool_calls.")
        }
        if !ended {
            if sawFinish {
                findings.add(.doneMissing, record: last?.index, offset: stream.body.count, "The stream ended after a finish_reason without [DONE].")
            } else {
                findings.add(
                    .endMissing, record: last?.index, offset: stream.body.count,
                    "The stream ended with neither [DONE] nor a finish_reason.")
            }
        } else if sawDone, !sawFinish, !failed {
            findings.add(.finishReasonMissing, record: last?.index, offset: stream.body.count, "No choice ever had a finish_reason.")
        }
        if includeUsage == true, usageChunks == 0, !failed {
            findings.add(
                .usageMissing, record: last?.index, offset: stream.body.count,
                "The request set stream_options.include_usage, and no chunk carried usage.")
        }
    }

    /// Whether the request asked for a usage chunk; `nil` when the body is not a JSON object.
    static func asksForUsage(_ body: [UInt8]) -> Bool? {
        guard let json = try? JSONReader.parse(body), json.objectMembers != nil else { return nil }
        return json["stream_options"]?["include_usage"]?.boolValue ?? false
    }
}
