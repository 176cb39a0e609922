#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation
import Synchronization

// A small HTTP/1.1 server for the preview, on 127.0.0.1 only, that holds against
// what any web page the author visits can send it: the request line and headers
// are capped (414, 431), connections and their time are bounded, only GET and
// HEAD are answered, and the Host must be the loopback address with the port
// (no DNS rebinding). One thread per connection, at most `maxConnections`.

/// One request the server read: the method, the target as sent, and its headers (names lowercased).
struct HTTPServerRequest: Sendable {
    var method: String
    var target: String
    var headers: [String: String]

    /// The target's path, without the query.
    var path: String { String(target.prefix { $0 != "?" }) }
    /// The value of `name` in the query, if any (not percent-decoded).
    func query(_ name: String) -> String? {
        guard let q = target.firstIndex(of: "?") else { return nil }
        for pair in target[target.index(after: q)...].split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if kv.first == Substring(name) { return kv.count > 1 ? String(kv[1]) : "" }
        }
        return nil
    }
}

/// The response to a request: its status, content type and body.
struct HTTPServerResponse: Sendable {
    var status: Int
    var contentType = "text/plain; charset=utf-8"
    var headers: [(String, String)] = []
    var body: [UInt8]

    init(status: Int, contentType: String = "text/plain; charset=utf-8", headers: [(String, String)] = [], body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.headers = headers
        self.body = body
    }

    init(status: Int, text: String) { self.init(status: status, body: Array((text + "\n").utf8)) }
}

/// Limits of ``HTTPServer``.
struct HTTPLimits: Sendable {
    /// Bytes of the request line; a longer one is answered 414.
    var requestLine = 8_192
    /// Bytes of the request line and headers together; more is answered 431.
    var head = 8_192
    /// Connections open at once; one more is answered 503 and closed.
    var maxConnections = 64
    /// Seconds a client has to send a whole request head.
    var headSeconds = 10.0
    /// Seconds an open connection may wait for its next request.
    var idleSeconds = 5.0
    /// Seconds any one connection may live.
    var connectionSeconds = 120.0
    /// Requests one connection may make.
    var requestsPerConnection = 100
}

final class HTTPServer: Sendable {
    private let listener: Int32
    private let wake: (read: Int32, write: Int32)
    /// The port bound (the one asked for, or the free one taken for 0).
    let port: UInt16
    private let limits: HTTPLimits
    private let handler: @Sendable (HTTPServerRequest) -> HTTPServerResponse
    private let open = Mutex(0)
    /// Requests being answered now.
    private let answering = Mutex(0)

    /// Binds 127.0.0.1:`port` (0 takes a free one).
    init(port: UInt16, limits: HTTPLimits = HTTPLimits(),
         handler: @escaping @Sendable (HTTPServerRequest) -> HTTPServerResponse) throws(Diagnostic) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw Diagnostic(file: "127.0.0.1:\(port)", "cannot open a socket: \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 128) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw Diagnostic(file: "127.0.0.1:\(port)", "cannot listen: \(reason); choose another port with --port (0 takes a free one)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) {
            _ = $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0, fcntl(fds[0], F_SETFD, FD_CLOEXEC) == 0, fcntl(fds[1], F_SETFD, FD_CLOEXEC) == 0 else {
            close(fd)
            throw Diagnostic(file: "127.0.0.1:\(port)", "cannot make a pipe: \(String(cString: strerror(errno)))")
        }
        listener = fd
        wake = (fds[0], fds[1])
        self.port = UInt16(bigEndian: address.sin_port)
        self.limits = limits
        self.handler = handler
    }

    /// Accepts connections until ``stop()``; each is served on a thread of its own.
    func run() {
        while true {
            var fds = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0), pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, -1)
            if ready < 0 { if errno == EINTR { continue }; break }
            if fds[1].revents != 0 { break }
            let client = acceptClosingOnExec(listener)
            if client < 0 { continue }
            let admitted = open.withLock { count -> Bool in
                guard count < limits.maxConnections else { return false }
                count += 1
                return true
            }
            guard admitted else {
                setTimeouts(client, seconds: 1)
                send(HTTPServerResponse(status: 503, text: "too many connections"), head: false, to: client, keepAlive: false)
                close(client)
                continue
            }
            let thread = Thread { [self] in
                serve(client)
                close(client)
                open.withLock { $0 -= 1 }
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        close(listener)
    }

    /// Stops accepting; ``run()`` returns. Then waits up to `seconds` for the
    /// requests being answered (a page's long poll, woken by the stop) to be sent.
    func stop(waiting seconds: Double = 2) {
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
        let deadline = monotonic() + seconds
        while answering.withLock({ $0 }) > 0 && monotonic() < deadline { Thread.sleep(forTimeInterval: 0.01) }
    }

    private func setTimeouts(_ fd: Int32, seconds: Double) {
        var tv = timeval(tv_sec: .init(seconds), tv_usec: .init((seconds - seconds.rounded(.down)) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Reads requests from one connection and answers them, within the limits.
    private func serve(_ fd: Int32) {
        setTimeouts(fd, seconds: 10)
        let closing = monotonic() + limits.connectionSeconds
        var buffer: [UInt8] = []
        for served in 0..<limits.requestsPerConnection {
            let wait = served == 0 ? limits.headSeconds : limits.idleSeconds
            switch readHead(fd, into: &buffer, firstByteWithin: wait, closing: closing) {
            case .closed:
                return
            case .failed(let status, let message):
                send(HTTPServerResponse(status: status, text: message), head: false, to: fd, keepAlive: false)
                drain(fd)
                return
            case .head(let head):
                answering.withLock { $0 += 1 }
                defer { answering.withLock { $0 -= 1 } }
                guard let request = parse(head) else {
                    send(HTTPServerResponse(status: 400, text: "bad request"), head: false, to: fd, keepAlive: false)
                    return
                }
                // No request the preview answers has a body: one that comes with one ends the connection.
                let hasBody = request.headers["transfer-encoding"] != nil || (request.headers["content-length"].flatMap { Int($0) } ?? 0) > 0
                let response: HTTPServerResponse
                if request.method != "GET" && request.method != "HEAD" {
                    response = HTTPServerResponse(status: 405, headers: [("Allow", "GET, HEAD")], body: Array("only GET and HEAD\n".utf8))
                } else if !hostAllowed(request.headers["host"]) {
                    response = HTTPServerResponse(status: 421, text: "the preview answers only http://127.0.0.1:\(port)/ and http://localhost:\(port)/")
                } else {
                    response = handler(request)
                }
                let keepAlive = !hasBody && request.headers["connection"]?.lowercased() != "close"
                    && served + 1 < limits.requestsPerConnection && monotonic() < closing
                guard send(response, head: request.method == "HEAD", to: fd, keepAlive: keepAlive), keepAlive else { return }
            }
        }
    }

    /// Closes our side, then reads and drops what the client is still sending (at most
    /// 2 MB, for at most a second), so that closing does not reset the connection
    /// before the client has read the error.
    private func drain(_ fd: Int32) {
        shutdown(fd, Int32(SHUT_WR))
        let until = monotonic() + 1
        var dropped = 0
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while dropped < 2 << 20, monotonic() < until {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&p, 1, 200) > 0 else { return }
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return }
            dropped += n
        }
    }

    /// The Host a browser sends for this server: the loopback name or address, with the port.
    func hostAllowed(_ host: String?) -> Bool {
        guard let host = host?.lowercased() else { return false }
        return ["127.0.0.1", "localhost", "[::1]"].contains { host == "\($0):\(port)" }
    }

    enum HeadResult { case head([UInt8]), closed, failed(Int, String) }

    /// Reads one request head (up to the blank line) into `buffer`, keeping what follows it there.
    private func readHead(_ fd: Int32, into buffer: inout [UInt8], firstByteWithin wait: Double, closing: Double) -> HeadResult {
        let deadline = min(monotonic() + limits.headSeconds, closing)
        var firstByteBy = min(monotonic() + wait, deadline)
        var scanned = 0
        var chunk = [UInt8](repeating: 0, count: 4_096)
        while true {
            // Look for the end of the head in what has come.
            if let end = headEnd(buffer, from: max(0, scanned - 3)) {
                let head = Array(buffer[..<end])
                buffer.removeFirst(end)
                return .head(head)
            }
            scanned = buffer.count
            let lineEnd = buffer.firstIndex(of: UInt8(ascii: "\n"))
            if lineEnd == nil && buffer.count > limits.requestLine { return .failed(414, "request line longer than \(limits.requestLine) bytes") }
            if buffer.count > limits.head { return .failed(431, "request headers longer than \(limits.head) bytes") }
            let now = monotonic()
            let until = buffer.isEmpty ? firstByteBy : deadline
            if now >= until { return buffer.isEmpty ? .closed : .failed(408, "request not sent in time") }
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&p, 1, Int32(max(1, min((until - now) * 1000, 60_000))))
            if ready < 0 && errno != EINTR { return .closed }
            if ready <= 0 { continue }
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, min($0.count, limits.head + 1 - buffer.count + 1), 0) }
            if n <= 0 { return .closed }
            buffer += chunk[..<n]
            firstByteBy = deadline
        }
    }

    /// The index just past the first blank line (CRLF CRLF, or LF LF) at or after `from`.
    private func headEnd(_ b: [UInt8], from: Int) -> Int? {
        var i = from
        while i < b.count {
            if b[i] == UInt8(ascii: "\n") {
                if i + 1 < b.count, b[i + 1] == UInt8(ascii: "\n") { return i + 2 }
                if i + 2 < b.count, b[i + 1] == UInt8(ascii: "\r"), b[i + 2] == UInt8(ascii: "\n") { return i + 3 }
            }
            i += 1
        }
        return nil
    }

    private func parse(_ head: [UInt8]) -> HTTPServerRequest? {
        let text = String(decoding: head, as: UTF8.self)
        var lines = text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        guard !lines.isEmpty else { return nil }
        let first = lines.removeFirst().split(separator: " ")
        guard first.count == 3, first[2].hasPrefix("HTTP/1."), first[1].hasPrefix("/") else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let name = line[..<colon].lowercased()
            if headers[name] != nil, name == "host" || name == "content-length" { return nil }  // ambiguous
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return HTTPServerRequest(method: String(first[0]), target: String(first[1]), headers: headers)
    }

    @discardableResult
    private func send(_ response: HTTPServerResponse, head: Bool, to fd: Int32, keepAlive: Bool) -> Bool {
        var text = "HTTP/1.1 \(response.status) \(reason(response.status))\r\n"
        text += "Content-Type: \(response.contentType)\r\nContent-Length: \(response.body.count)\r\n"
        text += "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n"
        for (name, value) in response.headers { text += "\(name): \(value)\r\n" }
        text += keepAlive ? "\r\n" : "Connection: close\r\n\r\n"
        var bytes = Array(text.utf8)
        if !head { bytes += response.body }
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            sent += n
        }
        return true
    }

    private func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 414: "URI Too Long"
        case 421: "Misdirected Request"
        case 431: "Request Header Fields Too Large"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}

/// Seconds on a clock that only goes forward.
func monotonic() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// accept4 with SOCK_CLOEXEC, so that no program a build starts meanwhile inherits the
/// connection (glibc has it; Swift's headers do not declare it, so it is looked up).
private func acceptClosingOnExec(_ listener: Int32) -> Int32 {
    typealias Accept4 = @convention(c) (Int32, UnsafeMutablePointer<sockaddr>?, UnsafeMutablePointer<socklen_t>?, Int32) -> Int32
    if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "accept4") {
        return unsafeBitCast(symbol, to: Accept4.self)(listener, nil, nil, Int32(SOCK_CLOEXEC.rawValue))
    }
    let fd = accept(listener, nil, nil)
    if fd >= 0 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    return fd
}
