import ChatModel
import Providers
import TestSupport
import Wire

extension CollectedResponse {
    /// The normalized events the OpenAI decoder makes of this response, read the way a turn reads it.
    var openAIEvents: [StreamEvent] {
        var reader = ResponseReader(decoder: OpenAIDecoder())
        var records: [RawRecord] = []
        if let head { reader.begin(head) }
        for chunk in chunks { records += reader.feed(chunk, at: 0) }
        records += reader.finish(at: 0, error: failure)
        return records.flatMap(\.events)
    }
}

extension Array where Element == StreamEvent {
    /// The text deltas, in order.
    var textPieces: [String] {
        compactMap { event -> String? in
            if case .text(let piece) = event { return piece }
            return nil
        }
    }

    /// Tool-call steps in their final, completed form.
    var completedSteps: [Step] {
        compactMap { event -> Step? in
            if case .step(let step) = event, step.status == .completed { return step }
            return nil
        }
    }
}
