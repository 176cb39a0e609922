import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `lectern serve` on a free loopback port (`--port 0`; the port is read from the
/// first line it prints), driven over HTTP. Every wait is bounded.
@Suite(.serialized) struct ServeTests {
    @Test func servesRebuildsOnChangeSignalsReloadAndStopsOnSIGTERM() throws {
        let h = try Harness(fixture: "basic")
        defer { h.remove() }
        let server = try ServeProcess(in: h.directory, arguments: ["--port", "0"])
        let port = try #require(server.port(), "no Serving line; stdout: \(server.stdout) stderr: \(server.stderr)")

        // The first build.
        let first = try #require(try BuildEvent.wait(port: port, since: 0, timeout: 180), "\(server.stderr)")
        #expect(first == BuildEvent(generation: 1, errors: 0), "\(server.stderr)")
        let page = try HTTPGet(port: port, path: "/01-intro.html")
        #expect(page.status == 200)
        #expect(page.headers.lowercased().contains("content-type: text/html; charset=utf-8"))
        #expect(page.body.containsCellOutput("x is 21\n"))
        #expect(page.body.contains("<script data-lectern-preview>"))
        #expect(page.body.contains("var seen = 1;"))
        #expect(!page.body.contains("lectern-preview-errors"))
        let index = try HTTPGet(port: port, path: "/")
        #expect(index.status == 200 && index.body.contains("<a href=\"01-intro.html\"><span class=\"lecture-number\">1</span><span class=\"lecture-title\">Intro</span></a>"))
        #expect(try HTTPGet(port: port, path: "/style.css").body.contains("font-family"))
        // The reload script is added at serve time only: the preview's files have none, and
        // the published output folder is not touched.
        let onDisk = try h.read(".lectern-cache/preview/01-intro.html")
        #expect(onDisk.contains("x is 21") && !onDisk.contains("<script data-lectern-preview"))
        #expect(!h.exists("output"))

        // A missing page answers 404 with the reload script; paths cannot leave the preview.
        let missing = try HTTPGet(port: port, path: "/03-not-yet.html")
        #expect(missing.status == 404 && missing.body.contains("<script data-lectern-preview>"))
        let escape = try HTTPGet(port: port, path: "/../../../../etc/passwd")
        #expect(escape.status == 404 && !escape.body.contains("root:"))

        // An open page's long poll is answered when an edited lecture is rebuilt.
        let lecture = h.directory.appendingPathComponent("lectures/01-intro.md")
        let original = try String(contentsOf: lecture, encoding: .utf8)
        let pending = LongPoll(port: port, since: 1)
        try original.replacingOccurrences(of: "print(\"x is\", x)", with: "print(\"x is now\", x)")
            .write(to: lecture, atomically: true, encoding: .utf8)
        let second = try #require(pending.result(timeout: 120), "\(server.stdout)\n\(server.stderr)")
        #expect(second == BuildEvent(generation: 2, errors: 0))
        let edited = try HTTPGet(port: port, path: "/01-intro.html")
        #expect(edited.body.containsCellOutput("x is now 21\n"))
        #expect(edited.body.contains("var seen = 2;"))
        #expect(server.stdout.contains("changed: 01-intro.md"))
        // Only the edited lecture is compiled again.
        let rebuilt = server.stdout.components(separatedBy: "changed: 01-intro.md\n").last ?? ""
        let secondLine = rebuilt.split(separator: "\n").first { $0.hasPrefix("lectures/02-second.md ") } ?? ""
        #expect(secondLine.hasSuffix("(cached)"), "\(server.stdout)")
        #expect(!(rebuilt.split(separator: "\n").first { $0.hasPrefix("lectures/01-intro.md ") } ?? "(cached)").hasSuffix("(cached)"))

        // A compile error shows in the page (escaped, at its file:line) and in the terminal;
        // the other cells' pages still render.
        try original.replacingOccurrences(of: "let x = 21", with: "let x: Int = \"<oops>\"")
            .write(to: lecture, atomically: true, encoding: .utf8)
        let third = try #require(try BuildEvent.wait(port: port, since: 2, timeout: 120))
        #expect(third.generation == 3 && third.errors >= 1)
        let broken = try HTTPGet(port: port, path: "/01-intro.html")
        #expect(broken.status == 200)
        #expect(broken.body.contains("<div id=\"lectern-preview-errors\""))
        #expect(broken.body.contains("lectures/01-intro.md:6:14: error: cannot convert value of type"), "\(broken.body)")
        #expect(broken.body.htmlText.contains("let x: Int = \"<oops>\""))
        #expect(!broken.body.contains("<oops>"))
        #expect(try HTTPGet(port: port, path: "/02-second.html").body.contains("lectern-preview-errors"))
        #expect(ServeProcess.wait(timeout: 10) { server.stderr.contains("lectures/01-intro.md:6:14: error: cannot convert value of type 'String'") },
                "\(server.stderr)")

        // Fixing it brings the page back.
        try original.write(to: lecture, atomically: true, encoding: .utf8)
        let fourth = try #require(try BuildEvent.wait(port: port, since: 3, timeout: 120))
        #expect(fourth == BuildEvent(generation: 4, errors: 0))
        let fixed = try HTTPGet(port: port, path: "/01-intro.html")
        #expect(fixed.body.contains("x is 21") && !fixed.body.contains("lectern-preview-errors"))

        // SIGTERM: a clean exit, with a waiting page answered.
        let waiting = LongPoll(port: port, since: 4)
        Thread.sleep(forTimeInterval: 0.5)
        #expect(server.stop(signal: SIGTERM) == 0, "\(server.stderr)")
        #expect(waiting.result(timeout: 10) == BuildEvent(generation: 4, errors: 0))
        #expect(server.stdout.hasSuffix("stopped\n"))

        // The published site never carries the preview's script.
        #expect(try h.run(["build"]).status == 0)
        let site = h.directory.appendingPathComponent("output").path
        for name in try FileManager.default.subpathsOfDirectory(atPath: site)
        where name.hasSuffix(".html") || name.hasSuffix(".js") {
            let text = try h.read("output/\(name)")
            // (The slides have a script of their own, slides.js; not the preview's.)
            #expect(!text.contains("_lectern") && !text.contains("data-lectern-preview"), "\(name)")
        }
    }

    @Test func aMissingLecturesFolderShowsItsErrorUntilItExistsAndSIGINTStops() throws {
        let h = try Harness(fixture: "basic")
        defer { h.remove() }
        let server = try ServeProcess(in: h.directory, arguments: ["--port", "0", "--lectures", "drafts"])
        let port = try #require(server.port(), "\(server.stderr)")
        #expect(try BuildEvent.wait(port: port, since: 0, timeout: 60) == BuildEvent(generation: 1, errors: 1))
        let page = try HTTPGet(port: port, path: "/")
        #expect(page.body.contains("drafts: error: lectures folder not found"))
        #expect(page.body.contains("<script data-lectern-preview>"))

        let drafts = h.directory.appendingPathComponent("drafts")
        try FileManager.default.createDirectory(at: drafts, withIntermediateDirectories: true)
        try "# Draft\n\n```swift run\nprint(6 * 7)\n```\n".write(to: drafts.appendingPathComponent("01-draft.md"),
                                                                 atomically: true, encoding: .utf8)
        let event = try #require(try BuildEvent.wait(port: port, since: 1, timeout: 120), "\(server.stderr)")
        #expect(event.errors == 0)
        let index = try HTTPGet(port: port, path: "/")
        #expect(index.body.contains("<span class=\"lecture-title\">Draft</span>") && !index.body.contains("lectern-preview-errors"))
        #expect(try HTTPGet(port: port, path: "/01-draft.html").body.containsCellOutput("42\n"))

        #expect(server.stop(signal: SIGINT) == 0, "\(server.stderr)")
    }

    @Test func aStopDuringABuildWaitsForItAndASecondSignalStopsAtOnce() throws {
        let h = try Harness(fixture: "basic")
        defer { h.remove() }
        let slow = h.directory.appendingPathComponent("slow")
        try FileManager.default.createDirectory(at: slow, withIntermediateDirectories: true)
        try "# Slow\n\n```swift run\nimport Foundation\nThread.sleep(forTimeInterval: 3)\nprint(\"slept\")\n```\n"
            .write(to: slow.appendingPathComponent("01-slow.md"), atomically: true, encoding: .utf8)

        // One signal: the build in progress finishes (no program is left running), then exit 0.
        let server = try ServeProcess(in: h.directory, arguments: ["--port", "0", "--lectures", "slow"])
        _ = try #require(server.port(), "\(server.stderr)")
        #expect(server.stop(signal: SIGTERM, timeout: 120) == 0, "\(server.stderr)")
        let out = server.stdout
        let waiting = try #require(out.range(of: "stopping: waiting for the build in progress to finish"), "\(out)")
        let built = try #require(out.range(of: "build 1: 1 lecture(s)"), "\(out)")
        #expect(waiting.upperBound < built.lowerBound)
        #expect(out.hasSuffix("stopped\n"))

        // A second signal stops at once, exit 1.
        let hasty = try ServeProcess(in: h.directory, arguments: ["--port", "0", "--lectures", "slow", "--no-cache"])
        _ = try #require(hasty.port(), "\(hasty.stderr)")
        kill(hasty.process.processIdentifier, SIGTERM)
        #expect(ServeProcess.wait(timeout: 30) { hasty.stdout.contains("stopping: waiting") }, "\(hasty.stdout)")
        #expect(hasty.stop(signal: SIGINT, timeout: 10) == 1)
        #expect(hasty.stderr.contains("stopped before the build in progress finished"))
        #expect(!hasty.stdout.contains("build 1:"))
    }

    @Test func aPortInUseIsABadInvocation() throws {
        let h = try Harness(fixture: "basic")
        defer { h.remove() }
        // Hold a loopback port ourselves.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { p in
                bind(fd, p, length) == 0 && listen(fd, 1) == 0 && getsockname(fd, p, &length) == 0
            }
        }
        try #require(bound)
        let port = UInt16(bigEndian: addr.sin_port)

        let server = try ServeProcess(in: h.directory, arguments: ["--port", "\(port)"])
        #expect(server.waitForExit(timeout: 30) == 2)
        #expect(server.stderr.contains("127.0.0.1:\(port): error: cannot listen"), "\(server.stderr)")
        #expect(!h.exists(".lectern-cache/preview"))
    }
}

/// A reload long poll running on its own thread, as an open page's would.
final class LongPoll: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var event: BuildEvent?

    /// Asks `/_lectern/events?since=N` again each time it is answered with N (the
    /// server holds each request up to 20 s), until it names another build, or the
    /// server goes away: then the last answer stands.
    init(port: UInt16, since: Int) {
        Thread.detachNewThread { [self] in
            var last: BuildEvent?
            let deadline = Date().addingTimeInterval(120)
            while Date() < deadline {
                guard let r = try? HTTPGet(port: port, path: "/_lectern/events?since=\(since)", timeout: 40),
                      let e = try? JSONDecoder().decode(BuildEvent.self, from: Data(r.body.utf8)) else { break }
                last = e
                if e.generation != since { break }
            }
            lock.withLock { event = last }
            done.signal()
        }
    }

    /// The answer, or nil after `timeout` seconds.
    func result(timeout: Double) -> BuildEvent? {
        guard done.wait(timeout: .now() + timeout) == .success else { return nil }
        return lock.withLock { event }
    }
}
