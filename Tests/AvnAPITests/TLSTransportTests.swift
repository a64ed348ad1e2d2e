import AvnAPI
import AvnTestSupport
import Foundation
import Testing

/// HTTPS through `openssl s_server` on loopback with a test CA made for the run.
@Suite("TLS", .serialized)
final class TLSTransportTests {
    private let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("avn-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try makeCertificates()
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    /// A CA, a server certificate it signs for `localhost` only, and one it
    /// signs for the address 127.0.0.1 only.
    private func makeCertificates() throws {
        let script = """
            set -e
            openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=avn-test-ca \\
                -keyout ca.key -out ca.pem 2>/dev/null
            openssl req -newkey rsa:2048 -nodes -subj /CN=localhost \\
                -keyout server.key -out server.csr 2>/dev/null
            printf 'subjectAltName=DNS:localhost\\n' > ext.cnf
            openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial \\
                -days 2 -extfile ext.cnf -out server.pem 2>/dev/null
            openssl req -newkey rsa:2048 -nodes -subj /CN=address \\
                -keyout address.key -out address.csr 2>/dev/null
            printf 'subjectAltName=IP:127.0.0.1\\n' > address.cnf
            openssl x509 -req -in address.csr -CA ca.pem -CAkey ca.key -CAcreateserial \\
                -days 2 -extfile address.cnf -out address.pem 2>/dev/null
            openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=other-ca \\
                -keyout other.key -out other.pem 2>/dev/null
            """
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = folder
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
    }

    /// Starts `openssl s_server -www` on a free loopback port, with the
    /// certificate and key `name`.pem and `name`.key.
    private func startServer(certificate name: String = "server") throws
        -> (port: Int, server: ChildProcess)
    {
        for port in (20000..<20100).shuffled() {
            let server = ChildProcess()
            server.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            server.arguments = [
                "s_server", "-accept", "127.0.0.1:\(port)", "-cert", "\(name).pem", "-key",
                "\(name).key", "-www", "-quiet",
            ]
            server.currentDirectoryURL = folder
            server.standardOutput = FileHandle.nullDevice
            server.standardError = FileHandle.nullDevice
            try server.run()
            for _ in 0..<50 {
                if let socket = loopbackConnection(port: UInt16(port)) {
                    close(socket)
                    return (port, server)
                }
                if !server.isRunning { break }
                usleep(20_000)
            }
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
        }
        throw TransportError.other(detail: "no port for the TLS test server")
    }

    private func stop(_ server: ChildProcess) {
        kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()
    }

    private func get(
        port: Int, host: String, caFile: String?, environment: [String: String] = [:]
    ) throws -> HTTPResponse {
        let transport = try SocketTransport(
            timeoutSeconds: 5, caFile: caFile, proxies: ProxySettings(environment: environment))
        return try transport.send(
            HTTPRequest(method: .get, path: "/"),
            to: try #require(URL(string: "https://\(host):\(port)")))
    }

    @Test func aServerSignedByTheGivenCAIsTrusted() throws {
        let (port, server) = try startServer()
        defer { stop(server) }
        let response = try get(port: port, host: "localhost", caFile: folder.path + "/ca.pem")
        #expect(response.status == 200)
    }

    @Test func anUntrustedCertificateIsRefused() throws {
        let (port, server) = try startServer()
        defer { stop(server) }
        #expect {
            try get(port: port, host: "localhost", caFile: folder.path + "/other.pem")
        } throws: { error in
            guard case .tls(let detail) = error as? TransportError else { return false }
            return !detail.isEmpty
        }
    }

    @Test func withoutACAFileTheSystemRootsDecideAndDoNotKnowTheTestCA() throws {
        let (port, server) = try startServer()
        defer { stop(server) }
        #expect {
            try get(port: port, host: "localhost", caFile: nil)
        } throws: { error in
            guard case .tls(let detail) = error as? TransportError else { return false }
            return detail.contains("certificate verify failed")
        }
    }

    @Test func aWrongHostNameIsRefused() throws {
        let (port, server) = try startServer()
        defer { stop(server) }
        // The certificate names localhost, not 127.0.0.1.
        #expect {
            try get(port: port, host: "127.0.0.1", caFile: folder.path + "/ca.pem")
        } throws: { error in
            guard case .tls = error as? TransportError else { return false }
            return true
        }
    }

    @Test func anAddressIsCheckedAgainstTheCertificatesAddresses() throws {
        let (port, server) = try startServer(certificate: "address")
        defer { stop(server) }
        let response = try get(port: port, host: "127.0.0.1", caFile: folder.path + "/ca.pem")
        #expect(response.status == 200)
        // The same server by name: the certificate names no host.
        #expect {
            try get(port: port, host: "localhost", caFile: folder.path + "/ca.pem")
        } throws: { error in
            guard case .tls(let detail) = error as? TransportError else { return false }
            return detail.contains("certificate verify failed")
        }
    }

    @Test func aTunnelThroughAnHTTPProxyReachesTheServer() throws {
        let (port, server) = try startServer()
        defer { stop(server) }
        let proxy = try ConnectProxy()
        let response = try get(
            port: port, host: "localhost", caFile: folder.path + "/ca.pem",
            environment: ["HTTPS_PROXY": "http://user:p%40ss@127.0.0.1:\(proxy.port)"])
        #expect(response.status == 200)
        let lines = proxy.request.components(separatedBy: "\r\n")
        #expect(lines.first == "CONNECT localhost:\(port) HTTP/1.1")
        #expect(lines.contains("Host: localhost:\(port)"))
        let credentials = Data("user:p@ss".utf8).base64EncodedString()
        #expect(lines.contains("Proxy-Authorization: Basic \(credentials)"))
    }

    @Test func aProxyThatRefusesTheTunnelIsAnError() throws {
        let proxy = try ConnectProxy(
            refusal: "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n")
        #expect {
            try get(
                port: 443, host: "localhost", caFile: folder.path + "/ca.pem",
                environment: ["https_proxy": "127.0.0.1:\(proxy.port)"])
        } throws: { error in
            guard case .cannotConnect(let host, let detail) = error as? TransportError else {
                return false
            }
            return host == "localhost" && detail.contains("answered 407 to CONNECT")
        }
    }

    @Test func hostsInNoProxyAreReachedDirectly() throws {
        let (port, server) = try startServer()
        defer { stop(server) }
        let closed = try LocalHTTPServer(listening: false)
        defer { closed.stop() }
        let response = try get(
            port: port, host: "localhost", caFile: folder.path + "/ca.pem",
            environment: [
                "HTTPS_PROXY": "http://127.0.0.1:\(closed.port)",
                "NO_PROXY": "example.com,localhost",
            ])
        #expect(response.status == 200)
    }
}
