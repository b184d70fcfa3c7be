/// Decides whether a redirect may be followed: only within the origin the request was sent to.
///
/// Requests carry credentials (an `Authorization` header, or a custom key header that libcurl would forward
/// anywhere), so a redirect is followed only when scheme, host and port stay those of the first request.
/// Anything else ends the call with a `.redirect` error naming both origins, so the user decides.
struct RedirectCheck {
    /// The origin of the request as first sent.
    let origin: CurlURL

    /// `nil` when the redirect from `current` (the URL just requested) to `location` may be followed, else the
    /// error that explains why not.
    func refusal(status: Int, location: String, current: String) -> TransportError? {
        let here = origin.origin
        guard let target = CurlURL.resolve(location, against: current) else {
            return TransportError(
                kind: .redirect,
                message: "The server at \(here) answered HTTP \(status) with a Location Parley cannot read "
                    + "(\"\(location)\"). Check the base URL, or the server's redirect configuration.")
        }
        let scheme = CurlURL.scheme(of: target) ?? "?"
        guard scheme == "http" || scheme == "https", let next = try? CurlURL(target) else {
            return TransportError(
                kind: .redirect,
                message: "The server at \(here) redirected (HTTP \(status)) to a \(scheme): URL; Parley follows only "
                    + "http and https redirects. Check the base URL.")
        }
        if origin.scheme == "https", next.scheme == "http" {
            return TransportError(
                kind: .redirect,
                message: "The server at \(here) redirected (HTTP \(status)) to plain \(next.origin); Parley does not move "
                    + "from https to http, which would send the request and its credentials unencrypted. "
                    + "Check the server's TLS setup or the base URL.")
        }
        guard next.origin.lowercased() == here.lowercased() else {
            return TransportError(
                kind: .redirect,
                message: "The server at \(here) redirected (HTTP \(status)) to another origin, \(next.origin); Parley "
                    + "follows redirects only within one origin (scheme, host and port), so neither the request nor "
                    + "its credentials were sent there. If \(next.origin) is the right server, use it as the base URL.")
        }
        return nil
    }
}
