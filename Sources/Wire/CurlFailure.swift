import CCurl
import Foundation

/// Turns libcurl result codes into `TransportError`s that say what failed and what to check.
enum CurlFailure {
    private static let tlsCodes: Set<UInt32> = [35, 51, 53, 54, 58, 59, 60, 64, 66, 77, 80, 82, 83, 90, 91]

    static func error(
        for code: CURLcode, detail: String, endpoint: String, host: String, options: TransportOptions
    ) -> TransportError {
        let raw = code.rawValue
        let said = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        switch raw {
        case 6:
            return TransportError(
                kind: .dns,
                message: "Could not resolve the host name \(host) (\(said)). "
                    + "Check the URL's host name, your network connection and any proxy settings.")
        case 7:
            return TransportError(
                kind: .refused,
                message: "Could not connect to \(endpoint) (\(said)). "
                    + "Check that the server is running and listening on that address and port.")
        case 28:
            return TransportError(
                kind: .connectTimeout,
                message: "Could not connect to \(endpoint) within \(seconds(options.connectTimeout)) s (\(said)). "
                    + "Check that the host is reachable and that no firewall or proxy is swallowing the connection.")
        case 18, 52, 56:
            return TransportError(
                kind: .reset,
                message: "The connection to \(endpoint) dropped before the response was complete (\(said)). "
                    + "The server may have crashed, restarted or closed the stream; check its logs and try again.")
        case 60:
            return TransportError(
                kind: .tls,
                message: "The certificate of \(endpoint) is not trusted (\(said)). If the server uses a private CA, "
                    + "give the profile ca_file: /path/to/ca.pem (or set SSL_CERT_FILE or CURL_CA_BUNDLE); to skip the "
                    + "check for this profile only, set insecure_skip_tls_verify: true.")
        case 77:
            return TransportError(
                kind: .tls,
                message: "The CA bundle for \(endpoint) could not be read (\(said)). Check the profile's ca_file, "
                    + "SSL_CERT_FILE and CURL_CA_BUNDLE: each must name a readable PEM file.")
        case _ where tlsCodes.contains(raw):
            return TransportError(
                kind: .tls,
                message: "The TLS connection to \(endpoint) failed (\(said)). "
                    + "Check the server's certificate and host name, and the CA bundle this machine trusts.")
        default:
            return TransportError(
                kind: .other,
                message: "The request to \(endpoint) failed: \(said) (libcurl error \(raw)).")
        }
    }

    static func idleTimeout(endpoint: String, seconds idle: Double) -> TransportError {
        TransportError(
            kind: .idleTimeout,
            message: "No data from \(endpoint) for \(seconds(idle)) s (idle timeout). "
                + "The server accepted the request but went silent; check that it is still working, or raise the idle timeout.")
    }

    /// Seconds as a person writes them: `0.3`, `10`, `2.5`.
    static func seconds(_ value: Double) -> String {
        String(format: "%g", value)
    }
}
