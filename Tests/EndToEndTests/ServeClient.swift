import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A running `lectern serve`, started on a free port (`--port 0`): the server
/// prints `Serving http://127.0.0.1:PORT/` as its first line, and this reads it.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var outText = ""
    private var errText = ""

    init(in directory: URL, arguments: [String]) throws {
        process.executableURL = Harness.buildDirectory.appendingPathComponent("lectern")
        process.arguments = ["serve"] + arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        out.fileHandleForReading.readabilityHandler = { [weak self] h in
            let d = h.availableData
            self?.lock.withLock { self?.outText += String(decoding: d, as: UTF8.self) }
        }
        err.fileHandleForReading.readabilityHandler = { [weak self] h in
            let d = h.availableData
            self?.lock.withLock { self?.errText += String(decoding: d, as: UTF8.self) }
        }
        try process.run()
    }

    var stdout: String { lock.withLock { outText } }
    var stderr: String { lock.withLock { errText } }

    /// Waits until `condition` holds, checking every 20 ms; false after `timeout` seconds.
    static func wait(timeout: Double, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return condition()
    }

    /// The port from the first line, once it is printed.
    func port(timeout: Double = 30) -> UInt16? {
        var port: UInt16?
        _ = Self.wait(timeout: timeout) {
            let text = stdout
            guard let line = text.split(separator: "\n", omittingEmptySubsequences: false).first,
                  text.contains("\n"),
                  let start = line.range(of: "Serving http://127.0.0.1:"),
                  let slash = line[start.upperBound...].firstIndex(of: "/") else { return !process.isRunning }
            port = UInt16(line[start.upperBound..<slash])
            return true
        }
        return port
    }

    /// Sends `signal` and waits for the exit; the status, or nil if it did not exit in time (then it is killed).
    func stop(signal: Int32 = SIGTERM, timeout: Double = 15) -> Int32? {
        if process.isRunning { kill(process.processIdentifier, signal) }
        return waitForExit(timeout: timeout)
    }

    /// The exit status once the process ends, or nil after `timeout` seconds (then it is killed).
    func waitForExit(timeout: Double) -> Int32? {
        if Self.wait(timeout: timeout, until: { !process.isRunning }) {
            return process.terminationStatus
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return nil
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

/// One HTTP/1.1 GET over a plain loopback socket, bounded by `timeout` seconds.
struct HTTPGet {
    var status: Int
    var headers: String
    var body: String

    enum Failure: Error { case socket(String), timeout, malformed(String) }

    init(port: UInt16, path: String, timeout: Double = 30) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure.socket("socket: errno \(errno)") }
        defer { close(fd) }
        var tv = timeval()
        tv.tv_sec = .init(timeout)
        tv.tv_usec = .init((timeout - timeout.rounded(.down)) * 1e6)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure.socket("connect: errno \(errno)") }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, 0) }) == request.count else {
            throw Failure.socket("send: errno \(errno)")
        }
        let deadline = Date().addingTimeInterval(timeout)
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        var expected: Int?
        while Date() < deadline {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0 { throw Failure.timeout }
            if n == 0 { break }
            data += buffer[0..<n]
            if expected == nil, let end = Self.headerEnd(data) {
                let head = String(decoding: data[0..<end], as: UTF8.self).lowercased()
                if let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
                   let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) {
                    expected = end + 4 + length
                }
            }
            if let expected, data.count >= expected { break }
        }
        guard let end = Self.headerEnd(data) else { throw Failure.malformed(String(decoding: data, as: UTF8.self)) }
        let head = String(decoding: data[0..<end], as: UTF8.self)
        let statusLine = head.split(separator: "\r\n").first ?? ""
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, let code = Int(parts[1]) else { throw Failure.malformed(head) }
        status = code
        headers = head
        body = String(decoding: data[(end + 4)...], as: UTF8.self)
    }

    private static func headerEnd(_ d: [UInt8]) -> Int? {
        guard d.count >= 4 else { return nil }
        for i in 0...(d.count - 4) where d[i] == 13 && d[i + 1] == 10 && d[i + 2] == 13 && d[i + 3] == 10 { return i }
        return nil
    }
}

/// The `{"generation":G,"errors":E}` answer of the reload long poll.
struct BuildEvent: Decodable, Equatable {
    var generation: Int
    var errors: Int

    /// Long-polls until the build after `since` is done, for at most `timeout` seconds.
    static func wait(port: UInt16, since: Int, timeout: Double) throws -> BuildEvent? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let r = try HTTPGet(port: port, path: "/_lectern/events?since=\(since)", timeout: 40)
            guard r.status == 200 else { return nil }
            let event = try JSONDecoder().decode(BuildEvent.self, from: Data(r.body.utf8))
            if event.generation > since { return event }
        }
        return nil
    }
}
