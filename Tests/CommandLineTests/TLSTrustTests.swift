import FixtureServer
import Foundation
import TestSupport
import XCTest

/// A private CA is trusted through a profile's `ca_file` or the usual environment variables; skipping the check
/// takes an explicit profile setting and is warned about. A real TLS server on loopback, certificates made by
/// `openssl` for each test.
final class TLSTrustTests: CommandTestCase {
    private var tls: SpawnedProcess?
    private var folder: URL!
    private var tlsBase = ""
    private var caFile: String { folder.appendingPathComponent("ca.pem").path }

    override func setUp() async throws {
        try await super.setUp()
        folder = try makeTemporaryFolder("parley-tls")
        try makeCertificates()
        let script = folder.appendingPathComponent("https_server.py")
        try Self.serverScript.write(to: script, atomically: true, encoding: .utf8)
        let server = try SpawnedProcess(
            executable: "/usr/bin/python3",
            arguments: [script.path, folder.appendingPathComponent("server.pem").path, folder.appendingPathComponent("server.key").path, base],
            logDirectory: folder.appendingPathComponent("logs"))
        tls = server
        let port = try XCTUnwrap(server.waitForLines(count: 1, timeout: 20) { $0.hasPrefix("port ") }.first, server.output)
        tlsBase = "https://127.0.0.1:\(port.dropFirst(5))"
    }

    override func tearDown() async throws {
        tls?.stop()
        try await super.tearDown()
    }

    private func send(_ options: [String], extra: [String: String] = [:]) throws -> CommandResult {
        var environment = self.environment
        // This machine may point both at its system bundle; each test says which CA it trusts.
        environment.merge(["CURL_CA_BUNDLE": "", "SSL_CERT_FILE": ""].merging(extra) { _, new in new }) { _, new in new }
        return try ParleyBinary.run(["send", "--no-store", "--no-stream"] + options + ["hello"], environment: environment)
    }

    private func writeProfile(_ lines: String) throws {
        let config = URL(fileURLWithPath: environment["XDG_CONFIG_HOME"]!).appendingPathComponent("parley")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try """
            profiles:
              private:
                provider: openai
                base_url: \(tlsBase)/v1
            \(lines)
            """.write(to: config.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
    }

    func testAnUntrustedCertificateIsAClearErrorNamingTheServerAndWhatToDo() throws {
        let result = try send(["--base-url", tlsBase + "/v1"])
        XCTAssertEqual(result.exitCode, 1, result.standardError)
        XCTAssertTrue(result.standardError.contains(tlsBase.dropFirst("https://".count)), "names host:port: \(result.standardError)")
        XCTAssertTrue(result.standardError.contains("ca_file"), "says what to do: \(result.standardError)")
        XCTAssertTrue(result.standardError.contains("SSL_CERT_FILE"), result.standardError)
    }

    func testTheCAFromSSLCertFileOrCurlCABundleIsTrusted() throws {
        for variable in ["SSL_CERT_FILE", "CURL_CA_BUNDLE"] {
            let result = try send(["--base-url", tlsBase + "/v1"], extra: [variable: caFile])
            XCTAssertEqual(result.exitCode, 0, "\(variable): \(result.standardError)")
            XCTAssertEqual(result.standardOutput, "Answered over TLS.\n", variable)
        }
    }

    func testAProfilesCAFileIsTrusted() throws {
        try writeProfile("    ca_file: \(caFile)")
        let result = try send(["--profile", "private"])
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        XCTAssertEqual(result.standardOutput, "Answered over TLS.\n")
        XCTAssertFalse(result.standardError.contains("warning"), result.standardError)
    }

    func testAMissingCAFileIsAnErrorNamingTheProfile() throws {
        try writeProfile("    ca_file: /nonexistent/ca.pem")
        let result = try send(["--profile", "private"])
        XCTAssertEqual(result.exitCode, 78, result.standardError)
        XCTAssertTrue(result.standardError.contains("Profile \"private\": ca_file /nonexistent/ca.pem"), result.standardError)
    }

    func testSkippingVerificationNeedsTheProfileSettingAndWarns() throws {
        try writeProfile("    insecure_skip_tls_verify: true")
        let result = try send(["--profile", "private"])
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        XCTAssertEqual(result.standardOutput, "Answered over TLS.\n")
        XCTAssertTrue(result.standardError.contains("warning: profile \"private\" sets insecure_skip_tls_verify"), result.standardError)
    }

    func testARedirectFromHTTPSToHTTPIsRefused() throws {
        let result = try send(["--base-url", tlsBase + "/down/v1"], extra: ["SSL_CERT_FILE": caFile])
        XCTAssertEqual(result.exitCode, 1, result.standardError)
        XCTAssertTrue(result.standardError.contains("https to http"), result.standardError)
        XCTAssertTrue(result.standardError.contains(base), "names the plain http origin: \(result.standardError)")
        XCTAssertEqual(server?.receivedRequests.count, 0, "nothing went out unencrypted")
    }

    func testDoctorNamesAnUntrustedCertificateOnTheTLSLineAndATrustedOneAsVerified() throws {
        var environment = self.environment
        environment.merge(["CURL_CA_BUNDLE": "", "SSL_CERT_FILE": ""]) { _, new in new }
        try writeProfile("")
        let untrusted = try ParleyBinary.run(["doctor", "--profile", "private"], environment: environment)
        XCTAssertEqual(untrusted.exitCode, 1, untrusted.standardOutput)
        let failed = untrusted.lines.first { $0.contains("profile private: TLS") } ?? ""
        XCTAssertTrue(failed.hasPrefix("FAIL") && failed.contains("not trusted") && failed.contains("ca_file"), failed)
        XCTAssertTrue(untrusted.lines.contains { $0.hasPrefix("ok") && $0.contains("profile private: connection") })

        try writeProfile("    ca_file: \(caFile)")
        let trusted = try ParleyBinary.run(["doctor", "--profile", "private"], environment: environment)
        let verified = trusted.lines.first { $0.contains("profile private: TLS") } ?? ""
        XCTAssertTrue(verified.hasPrefix("ok") && verified.contains("certificate verified against \(caFile)"), verified)
    }

    /// A CA and a certificate for 127.0.0.1 signed by it.
    private func makeCertificates() throws {
        let extensions = folder.appendingPathComponent("server.ext")
        try "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
            .write(to: extensions, atomically: true, encoding: .utf8)
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try openssl(["req", "-x509"] + ec + [
            "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Parley Test CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        ])
        try openssl(["req"] + ec + ["-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"])
        try openssl([
            "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "server.pem", "-days", "2", "-extfile", extensions.path,
        ])
    }

    private func openssl(_ arguments: [String]) throws {
        let process = try SpawnedProcess(
            executable: "/usr/bin/openssl", arguments: arguments.map { $0.hasSuffix(".key") || $0.hasSuffix(".pem") || $0.hasSuffix(".csr") ? folder.appendingPathComponent($0).path : $0 },
            logDirectory: folder.appendingPathComponent("openssl"))
        let status = process.waitForExit(timeout: 30)
        XCTAssertEqual(status, 0, "openssl \(arguments.joined(separator: " ")): \(process.output)")
    }

    /// An HTTPS server answering every POST with one OpenAI chat completion, and `/down/…` with a redirect to
    /// plain http (the URL given as the last argument).
    private static let serverScript = #"""
        import http.server, ssl, sys

        cert, key, plain = sys.argv[1], sys.argv[2], sys.argv[3]

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", "0")))
                if self.path.startswith("/down/"):
                    self.send_response(301)
                    self.send_header("Location", plain + self.path[len("/down"):])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body = b'{"id":"c1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"Answered over TLS."},"finish_reason":"stop"}]}'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        print("port", server.server_address[1], flush=True)
        server.serve_forever()
        """#
}
