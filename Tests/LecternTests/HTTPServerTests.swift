import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import Lectern

/// A loopback connection that sends raw bytes and reads until the server closes or `timeout` passes.
private func exchange(port: UInt16, _ request: [UInt8], timeout: Double = 10) -> String {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var tv = timeval(tv_sec: .init(timeout), tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = port.bigEndian
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { return "connect failed" }
    var sent = 0
    while sent < request.count {
        let n = request[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        if n <= 0 { break }  // the server may close before taking everything
        sent += n
    }
    var data = [UInt8]()
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n <= 0 { break }
        data += buffer[..<n]
    }
    return String(decoding: data, as: UTF8.self)
}

private func get(_ target: String, host: String, method: String = "GET") -> [UInt8] {
    Array("\(method) \(target) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n".utf8)
}

@Suite struct HTTPServerTests {
    let server: HTTPServer

    init() throws {
        var limits = HTTPLimits()
        limits.headSeconds = 0.5
        server = try HTTPServer(port: 0, limits: limits) { request in
            HTTPServerResponse(status: 200, text: "page \(request.path)")
        }
        let s = server
        Thread { s.run() }.start()
    }

    @Test func answersGetAndHead() {
        let host = "127.0.0.1:\(server.port)"
        let page = exchange(port: server.port, get("/a.html?x=1", host: host))
        #expect(page.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(page.contains("Content-Length: 13\r\n") && page.hasSuffix("\r\n\r\npage /a.html\n"))
        let head = exchange(port: server.port, get("/a.html", host: "localhost:\(server.port)", method: "HEAD"))
        #expect(head.hasPrefix("HTTP/1.1 200 OK\r\n") && head.contains("Content-Length: 13\r\n") && head.hasSuffix("\r\n\r\n"))
        let post = exchange(port: server.port, get("/a.html", host: host, method: "POST"))
        #expect(post.hasPrefix("HTTP/1.1 405 Method Not Allowed\r\n") && post.contains("Allow: GET, HEAD\r\n"))
        server.stop(waiting: 0)
    }

    @Test func hostMustBeTheLoopbackWithThePort() {
        for host in ["evil.example:\(server.port)", "127.0.0.1", "localhost:1", "127.0.0.1:\(server.port).evil.example"] {
            #expect(exchange(port: server.port, get("/", host: host)).hasPrefix("HTTP/1.1 421 Misdirected Request\r\n"), "\(host)")
        }
        #expect(exchange(port: server.port, get("/", host: "[::1]:\(server.port)")).hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(exchange(port: server.port, Array("GET / HTTP/1.1\r\n\r\n".utf8)).hasPrefix("HTTP/1.1 421 "))
        server.stop(waiting: 0)
    }

    @Test func longRequestLinesAndHeadersAreRefused() {
        let host = "127.0.0.1:\(server.port)"
        // A 1 MB request line: refused after the first 8 KB, at once.
        let start = Date()
        let long = exchange(port: server.port, get("/" + String(repeating: "a", count: 1 << 20), host: host))
        #expect(long.hasPrefix("HTTP/1.1 414 URI Too Long\r\n"))
        #expect(Date().timeIntervalSince(start) < 5)
        let headers = "GET / HTTP/1.1\r\nHost: \(host)\r\n" + String(repeating: "X-Filler: \(String(repeating: "b", count: 100))\r\n", count: 100) + "\r\n"
        #expect(exchange(port: server.port, Array(headers.utf8)).hasPrefix("HTTP/1.1 431 Request Header Fields Too Large\r\n"))
        server.stop(waiting: 0)
    }

    @Test func aSlowClientIsCutOff() {
        // Half a request, then nothing: the server gives up after its head time (0.5 s here).
        let start = Date()
        let reply = exchange(port: server.port, Array("GET / HTTP/1.1\r\nHost: 127.0.0.1".utf8))
        #expect(reply.hasPrefix("HTTP/1.1 408 Request Timeout\r\n"))
        #expect(Date().timeIntervalSince(start) < 5)
        server.stop(waiting: 0)
    }

    @Test func filesOnlyInsideThePreview() throws {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("preview-\(UUID().uuidString)").path
        defer { try? fm.removeItem(atPath: root) }
        try fm.createDirectory(atPath: root + "/site", withIntermediateDirectories: true)
        try "page".write(toFile: root + "/site/a.html", atomically: true, encoding: .utf8)
        try "secret".write(toFile: root + "/secret.txt", atomically: true, encoding: .utf8)
        try fm.createSymbolicLink(atPath: root + "/site/out.txt", withDestinationPath: root + "/secret.txt")
        try fm.createSymbolicLink(atPath: root + "/site/in.html", withDestinationPath: root + "/site/a.html")
        #expect(readInside(root + "/site", root + "/site/a.html") == Array("page".utf8))
        #expect(readInside(root + "/site", root + "/site/in.html") == Array("page".utf8))
        #expect(readInside(root + "/site", root + "/site/out.txt") == nil)
        #expect(readInside(root + "/site", root + "/site") == nil)
        server.stop(waiting: 0)
    }
}
