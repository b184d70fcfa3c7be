import ChatModel
import TerminalUI

/// The Request tab: the inspected run's request as the store keeps it (method, URL, headers with credentials
/// redacted, body pretty-printed) and the response status and headers; `c` copies it as `curl`.
enum RequestTab {
    static func lines(_ state: AppState, width: Int, theme: Theme, limit: Int) -> [StyledLine] {
        guard state.inspectedReply != nil else { return [StyledLine("No reply yet.", theme.style("dim"))] }
        guard let log = state.inspectedLog else {
            return StyledLine.wrap("No request: this reply was typed or imported, not received here.",
                                   style: theme.style("dim"), width: width)
        }
        guard let request = state.inspector.request, request.runID == log.id.value else {
            let text = state.inspector.requestAnswered && state.inspector.requestFor == log.id.value
                ? "No stored request for this reply: requests are kept in the store, and this run is not in it."
                : "Reading the request from the store…"
            return StyledLine.wrap(text, style: theme.style("dim"), width: width)
        }
        var out = DetailLines(width: width, limit: limit)
        out.appendText(request.method + " " + request.url, indent: "", style: theme.style("value").adding(.bold), prettyJSON: false)
        for header in request.headers { out.append(headerLine(header, width: width, theme: theme)) }
        if !request.body.isEmpty {
            out.append(StyledLine())
            out.append(StyledLine("body (\(request.body.count) bytes):", theme.style("label")))
            out.appendText(String(decoding: request.body.prefix(PrettyJSON.maximumBytes), as: UTF8.self), indent: "",
                           style: theme.style("value"))
        }
        out.append(StyledLine())
        if let status = request.responseStatus {
            let at = request.responseAt.map { " after " + Format.seconds($0) } ?? ""
            out.append(StyledLine("response \(status)\(at)", theme.style(status < 400 ? "label" : "error").adding(.bold)))
            for header in request.responseHeaders { out.append(headerLine(header, width: width, theme: theme)) }
        } else {
            out.append(StyledLine("response: no head yet", theme.style("dim")))
        }
        return out.lines
    }

    private static func headerLine(_ header: HTTPHeader, width: Int, theme: Theme) -> StyledLine {
        let name = ControlSanitizer.sanitize(header.name, keepNewlines: false)
        let value = ControlSanitizer.sanitize(header.value, keepNewlines: false)
        let role = value.contains(CredentialFields.redactionMarker) ? "warning" : "value"
        return StyledLine([Span(name + ": ", theme.style("label")), Span(TextWrap.truncate(value, width: max(1, width - name.count - 2)), theme.style(role))])
    }
}
