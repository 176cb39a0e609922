import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Whether process `pid` is still running (a zombie waiting to be reaped is not).
private func isRunning(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return false }
    let state = stat[stat.index(close, offsetBy: 2)]
    return state != "Z" && state != "X"
}

/// A lecture whose cell starts `sleep 300` (in a session of its own, as Foundation's
/// Process does), writes the program's and the sleep's pids to `pids`, then sleeps.
private let sleeper = """
    # Sleeper

    ```swift run
    import Foundation
    let child = Process()
    child.executableURL = URL(fileURLWithPath: "/bin/sleep")
    child.arguments = ["300"]
    try child.run()
    try "\\(getpid()) \\(child.processIdentifier)".write(toFile: lectureDirectory + "/pids", atomically: true, encoding: .utf8)
    Thread.sleep(forTimeInterval: 300)
    ```

    """

/// No process outlives Lectern: a signal to `build`, `check` or `serve`, even
/// SIGKILL, ends the lecture's program and what its cells started.
@Suite(.serialized) struct SignalTests {
    /// Starts `lectern ARGS` on the sleeper lecture, waits for its pids, sends `signal`,
    /// and returns Lectern's exit status and the pids.
    private func interrupt(_ arguments: [String], with sig: Int32, in h: Harness) throws -> (status: Int32, pids: [Int32], stderr: String) {
        let process = Process()
        process.executableURL = Harness.buildDirectory.appendingPathComponent("lectern")
        process.arguments = arguments
        process.currentDirectoryURL = h.directory
        let errFile = h.directory.appendingPathComponent("stderr.txt")
        FileManager.default.createFile(atPath: errFile.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errFile)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let pidsFile = h.directory.appendingPathComponent("lectures/pids").path
        let deadline = Date().addingTimeInterval(180)
        var pids: [Int32] = []
        while Date() < deadline {
            if let text = try? String(contentsOfFile: pidsFile, encoding: .utf8) {
                pids = text.split(separator: " ").compactMap { Int32($0) }
                if pids.count == 2 { break }
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        kill(process.processIdentifier, sig)
        process.waitUntilExit()
        return (process.terminationStatus, pids, (try? String(contentsOf: errFile, encoding: .utf8)) ?? "")
    }

    private func expectNoSurvivors(_ pids: [Int32]) {
        let gone = Date().addingTimeInterval(5)
        while Date() < gone, pids.contains(where: isRunning) { Thread.sleep(forTimeInterval: 0.05) }
        for pid in pids where isRunning(pid) {
            kill(pid, SIGKILL)
            Issue.record("process \(pid) outlived lectern")
        }
    }

    @Test func sigintDuringBuild() throws {
        let h = try Harness(lectures: ["01-sleeper.md": sleeper])
        defer { h.remove() }
        let (status, pids, stderr) = try interrupt(["build"], with: SIGINT, in: h)
        #expect(pids.count == 2, "\(stderr)")
        #expect(status == 128 + SIGINT)
        #expect(stderr.contains("stopped by SIGINT; no program is left running"))
        expectNoSurvivors(pids)
    }

    @Test func sigtermDuringCheck() throws {
        let h = try Harness(lectures: ["01-sleeper.md": sleeper])
        defer { h.remove() }
        let (status, pids, _) = try interrupt(["check"], with: SIGTERM, in: h)
        #expect(pids.count == 2)
        #expect(status == 128 + SIGTERM)
        expectNoSurvivors(pids)
    }

    @Test func sigkillDuringBuild() throws {
        // Lectern cannot act on SIGKILL: the program learns of its parent's death from the system.
        let h = try Harness(lectures: ["01-sleeper.md": sleeper])
        defer { h.remove() }
        let (_, pids, _) = try interrupt(["build"], with: SIGKILL, in: h)
        #expect(pids.count == 2)
        expectNoSurvivors(pids)
    }

    @Test func secondSignalToServe() throws {
        let h = try Harness(lectures: ["01-sleeper.md": sleeper])
        defer { h.remove() }
        let server = try ServeProcess(in: h.directory, arguments: ["--port", "0"])
        _ = try #require(server.port(), "\(server.stderr)")
        let pidsFile = h.directory.appendingPathComponent("lectures/pids").path
        #expect(ServeProcess.wait(timeout: 180) { FileManager.default.fileExists(atPath: pidsFile) })
        Thread.sleep(forTimeInterval: 0.2)
        let pids = try String(contentsOfFile: pidsFile, encoding: .utf8).split(separator: " ").compactMap { Int32($0) }
        kill(server.process.processIdentifier, SIGTERM)
        #expect(ServeProcess.wait(timeout: 30) { server.stdout.contains("stopping: waiting") }, "\(server.stdout)")
        #expect(server.stop(signal: SIGINT, timeout: 10) == 1)
        #expect(pids.count == 2)
        expectNoSurvivors(pids)
    }
}
