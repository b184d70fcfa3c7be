import ChatModel
import Foundation
import Providers
import Wire

/// Checks one profile's endpoint with one real request: name resolution, connection, TLS and authentication.
///
/// The request is the provider's `credentialCheck` (it changes nothing on the server); for a provider without
/// one, a plain `GET` of the base URL without credentials shows whether the server can be reached, and the
/// authentication line is skipped. The transport is the one turns use, so TLS trust, proxies and the redirect
/// rule apply; the connection and every read are bounded by `options`' timeouts.
public struct EndpointDiagnosis: Sendable {
    public var profile: String
    public var provider: any ChatProvider
    public var baseURL: String
    /// Where the key comes from, in words (`the environment variable DIFY_KEY`); `nil` when there is none.
    public var keySource: String?
    public var hasKey: Bool
    public var transport: any HTTPTransport
    public var options: TransportOptions

    public init(
        profile: String, provider: any ChatProvider, baseURL: String, keySource: String?, hasKey: Bool,
        transport: any HTTPTransport, options: TransportOptions
    ) {
        self.profile = profile
        self.provider = provider
        self.baseURL = baseURL
        self.keySource = keySource
        self.hasKey = hasKey
        self.transport = transport
        self.options = options
    }

    /// The four lines for this profile.
    public func checks() async -> [DoctorCheck] {
        let check = (provider as? any CredentialChecking)?.credentialCheck
            ?? .skipped(reason: "\(provider.kind) has no request that is free of side effects")
        let request: HTTPRequest
        let what: String
        switch check {
        case .request(let probe, let name):
            request = probe
            what = name
        case .skipped:
            request = HTTPRequest(method: "GET", url: baseURL, headers: [HTTPHeader("Accept", "*/*")])
            what = "GET " + baseURL
        }
        let endpoint = request.endpoint ?? baseURL
        let host = endpoint.split(separator: ":").dropLast().joined(separator: ":")
        let tls = request.url.lowercased().hasPrefix("https://")
        let outcome = await send(request)
        var lines: [DoctorCheck] = []
        let notTried = "not tried"
        switch outcome {
        case .failure(let error) where error.kind == .dns:
            lines.append(line("name resolution", .failed, error.message, fix: "check base_url's host name in the profile"))
            lines += [line("connection", .skipped, notTried), line("TLS", .skipped, notTried)]
            lines.append(line("authentication", .skipped, notTried))
            return lines
        case .failure(let error) where error.kind == .invalidRequest:
            lines.append(line("name resolution", .failed, error.message, fix: "fix base_url in the profile"))
            lines += [line("connection", .skipped, notTried), line("TLS", .skipped, notTried)]
            lines.append(line("authentication", .skipped, notTried))
            return lines
        case .failure(let error) where error.kind == .refused || error.kind == .connectTimeout:
            lines.append(line("name resolution", .passed, "\(host) resolves"))
            lines.append(line("connection", .failed, error.message, fix: "start the server, or fix base_url's port"))
            lines += [line("TLS", .skipped, notTried), line("authentication", .skipped, notTried)]
            return lines
        case .failure(let error) where error.kind == .tls:
            lines.append(line("name resolution", .passed, "\(host) resolves"))
            lines.append(line("connection", .passed, "\(endpoint) accepts connections"))
            lines.append(line("TLS", .failed, error.message, fix: "give the profile ca_file: with your CA's PEM file"))
            lines.append(line("authentication", .skipped, notTried))
            return lines
        case .failure(let error):
            lines.append(line("name resolution", .passed, "\(host) resolves"))
            lines.append(line("connection", .passed, "\(endpoint) accepts connections"))
            lines.append(tlsLine(tls))
            lines.append(line(
                "authentication", .failed, "\(what): \(error.message)",
                fix: "check that base_url points at the API itself and that the server answers"))
            return lines
        case .success(let status, let body):
            lines.append(line("name resolution", .passed, "\(host) resolves"))
            lines.append(line("connection", .passed, "\(endpoint) answered"))
            lines.append(tlsLine(tls))
            if case .skipped(let reason) = check {
                lines.append(line("authentication", .skipped, reason))
            } else {
                lines.append(authentication(status: status, body: body, what: what, endpoint: endpoint))
            }
            return lines
        }
    }

    private enum Outcome {
        case success(status: Int, body: [UInt8])
        case failure(TransportError)
    }

    private func send(_ request: HTTPRequest) async -> Outcome {
        let call = transport.start(request, options: options)
        var status = 0
        var body: [UInt8] = []
        do {
            for try await part in call.parts {
                switch part {
                case .head(let head): status = head.status
                case .body(let bytes):
                    body += bytes.prefix(max(0, 64 << 10 - body.count))
                    if body.count >= 64 << 10 { call.cancel() }
                }
            }
        } catch let error as TransportError {
            if error.kind == .cancelled, status != 0 { return .success(status: status, body: body) }
            return .failure(error)
        } catch {
            return .failure(TransportError(kind: .other, message: "\(error)"))
        }
        return .success(status: status, body: body)
    }

    private func tlsLine(_ tls: Bool) -> DoctorCheck {
        guard tls else { return line("TLS", .skipped, "plain http://, no TLS") }
        return options.skipTLSVerify
            ? line("TLS", .passed, "connected, but the certificate is NOT verified (insecure_skip_tls_verify)")
            : line("TLS", .passed, "certificate verified" + (options.caFile.map { " against \($0)" } ?? ""))
    }

    private func authentication(status: Int, body: [UInt8], what: String, endpoint: String) -> DoctorCheck {
        let said = ErrorDocument.providerError(status: status, body: body).message
        switch status {
        case 200..<300:
            return line("authentication", .passed, "\(what) answered \(status)" + (hasKey ? ", the key is accepted" : ""))
        case 403 where provider.kind == "helix" && said.contains("app API keys"):
            return line(
                "authentication", .passed,
                "\(what) answered 403 for an app-scoped key: the key is valid, and Helix lets it reach chat only")
        case 401, 403:
            let source = keySource.map { "the key from \($0)" } ?? "no key (the profile names none)"
            let fix = hasKey
                ? "check \(keySource ?? "the key"): it may be mistyped, expired or revoked, or belong to another app or server"
                : "give the profile api_key_env: NAME (or api_key_command:) with a valid key"
            return line(
                "authentication", .failed, "\(what) answered \(status) from \(endpoint) with \(source): \(said)", fix: fix)
        case 404:
            return line(
                "authentication", .failed, "\(what) answered 404 from \(endpoint): \(said)",
                fix: "check base_url: the API root is missing or wrong (Dify's ends in /v1, OpenAI-compatible ones usually do)")
        default:
            return line(
                "authentication", .failed, "\(what) answered \(status) from \(endpoint): \(said)",
                fix: "check the server's logs; it could not answer a request that changes nothing")
        }
    }

    private func line(_ name: String, _ outcome: DoctorCheck.Outcome, _ detail: String, fix: String? = nil) -> DoctorCheck {
        DoctorCheck("profile \(profile): \(name)", outcome, detail, fix: fix)
    }
}
