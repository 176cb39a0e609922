import Foundation
import Testing

/// Runs the built `lectern` binary on a copy of a fixture folder.
struct Harness {
    let directory: URL

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The folder holding the test binary, `lectern` and the engine library.
    static var buildDirectory: URL {
        URL(fileURLWithPath: Bundle.main.executablePath ?? CommandLine.arguments[0])
            .resolvingSymlinksInPath().deletingLastPathComponent()
    }

    static var fixtures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    }

    /// A fresh temporary copy of the fixture `name`.
    init(fixture name: String) throws {
        let tmp = FileManager.default.temporaryDirectory
            .appendingPathComponent("lectern-e2e-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(name).appendingPathComponent("lectures"),
                                         to: tmp.appendingPathComponent("lectures"))
        directory = tmp
    }

    /// A fresh temporary folder holding `lectures/` with the given files.
    init(lectures files: [String: Data]) throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("lectern-e2e-\(UUID().uuidString)")
        let lectures = tmp.appendingPathComponent("lectures")
        try FileManager.default.createDirectory(at: lectures, withIntermediateDirectories: true)
        for (name, data) in files {
            let url = lectures.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        directory = tmp
    }

    init(lectures files: [String: String]) throws {
        try self.init(lectures: files.mapValues { Data($0.utf8) })
    }

    /// Runs `lectern ARGS` in the fixture's copy.
    @discardableResult
    func run(_ arguments: [String], environment: [String: String]? = nil) throws -> Result {
        try Self.run(Self.buildDirectory.appendingPathComponent("lectern"), arguments,
                     in: directory, environment: environment)
    }

    /// Runs `executable ARGS` in `folder` to the end. Its standard output and error go
    /// to files, not pipes: a child that fills one pipe while the parent waits on the
    /// other would never finish.
    static func run(_ executable: URL, _ arguments: [String], in folder: URL,
                    environment: [String: String]? = nil) throws -> Result {
        let outputs = FileManager.default.temporaryDirectory.appendingPathComponent("lectern-e2e-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outputs) }
        let outFile = outputs.appendingPathComponent("stdout"), errFile = outputs.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outFile.path, contents: nil)
        FileManager.default.createFile(atPath: errFile.path, contents: nil)
        let out = try FileHandle(forWritingTo: outFile), err = try FileHandle(forWritingTo: errFile)
        let process = Process()
        if let environment { process.environment = environment }
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: try Data(contentsOf: outFile), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: errFile), as: UTF8.self))
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(path), encoding: .utf8)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent(path).path)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

extension String {
    /// The text of an HTML fragment: tags removed, the five entities decoded.
    var htmlText: String {
        var out = ""
        var inTag = false
        for ch in self {
            if ch == "<" { inTag = true; continue }
            if ch == ">" && inTag { inTag = false; continue }
            if !inTag { out.append(ch) }
        }
        return out.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

extension String {
    /// Whether a page shows a cell output block holding exactly `text`.
    func containsCellOutput(_ text: String) -> Bool {
        range(of: #"<pre class="cell-output"[^>]*>"# + NSRegularExpression.escapedPattern(for: text) + "</pre>",
              options: .regularExpression) != nil
    }

    /// Whether a page shows a cell output block whose text starts with `prefix`.
    func containsCellOutput(startingWith prefix: String) -> Bool {
        range(of: #"<pre class="cell-output"[^>]*>"# + NSRegularExpression.escapedPattern(for: prefix),
              options: .regularExpression) != nil
    }
}
