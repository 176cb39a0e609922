import Foundation
import Testing

/// Bad input gets a clear error at file:line, a non-zero exit, and loses nothing.
@Suite struct BadInputTests {
    static let good = "# Fine\n\n```swift run\nprint(\"fine\")\n```\n"
    /// A good lecture without cells, where compiling one would only cost time.
    static let prose = "# Fine\n\nNo cells here.\n"

    /// Builds `good` once successfully, then again after `change`; the second build must
    /// fail with `status` and `message`, leave the first site as it was, and keep every source.
    private func expectFailure(_ files: [String: Data], status: Int32, message: String, good: String = BadInputTests.prose,
                               arguments: [String] = ["build"], environment: [String: String]? = nil,
                               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let h = try Harness(lectures: ["01-fine.md": good])
        defer { h.remove() }
        #expect(try h.run(["build"]).status == 0, sourceLocation: sourceLocation)
        let site = try h.read("output/01-fine.html")
        for (name, data) in files {
            try data.write(to: h.directory.appendingPathComponent("lectures/\(name)"))
        }
        let r = try h.run(arguments, environment: environment)
        #expect(r.status == status, "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.contains(message), "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(try h.read("output/01-fine.html") == site, sourceLocation: sourceLocation)
        for (name, data) in files where FileManager.default.isReadableFile(atPath: h.directory.appendingPathComponent("lectures/\(name)").path) {
            #expect(FileManager.default.contents(atPath: h.directory.appendingPathComponent("lectures/\(name)").path) == data,
                    sourceLocation: sourceLocation)
        }
        #expect(try h.read("lectures/01-fine.md") == good, sourceLocation: sourceLocation)
    }

    /// A lecture that does not parse fails the build and changes nothing; which parse
    /// errors there are is tested on the parser (LecternTests' ParseErrorTests).
    @Test func aParseErrorLosesNothing() throws {
        try expectFailure(["02-opt.md": Data("# O\n\n```swift run hide-cod\nprint(1)\n```\n".utf8)], status: 1,
                          message: "lectures/02-opt.md:3: error: unknown cell option 'hide-cod'")
    }

    /// Every error is reported, even when they fill more than a pipe's buffer.
    @Test func manyErrorsAreAllReported() throws {
        let cells = String(repeating: "```swift run hide-cod\nprint(1)\n```\n\n", count: 1500)
        let h = try Harness(lectures: ["01-many.md": "# Many\n\n" + cells])
        defer { h.remove() }
        let r = try h.run(["check"])
        #expect(r.status == 1)
        #expect(r.stderr.utf8.count > 1 << 17)
        #expect(r.stderr.components(separatedBy: "error: unknown cell option 'hide-cod'").count - 1 == 1500)
    }

    @Test func indexMdIsNotALecture() throws {
        // Lectures are NN-slug.md files: index.md is skipped and cannot replace the course index.
        let h = try Harness(lectures: ["01-fine.md": Self.good, "index.md": "# I\n"])
        defer { h.remove() }
        let r = try h.run(["build", "-v"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("skipped lectures/index.md: not a lecture"))
        #expect(try h.read("output/index.html").contains("01-fine.html"))
    }

    @Test func unreadableLecture() throws {
        // Root reads any file, so make it unreadable by being a directory instead.
        let h = try Harness(lectures: ["01-fine.md": Self.prose])
        defer { h.remove() }
        try FileManager.default.createDirectory(at: h.directory.appendingPathComponent("lectures/02-dir.md"), withIntermediateDirectories: true)
        let r = try h.run(["build"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("lectures/02-dir.md: error: cannot read the file"), "\(r.stderr)")
    }

    @Test func emptyLecturesFolder() throws {
        let h = try Harness(lectures: [String: String]())
        defer { h.remove() }
        let r = try h.run(["build"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("lectures: error: no lectures: the folder has no NN-slug.md files"))
    }

    @Test func swiftcMissing() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = "/nonexistent"
        environment["LECTERN_SWIFTC"] = nil
        try expectFailure([:], status: 2, message: "swiftc: error: the Swift compiler `swiftc` was not found on PATH",
                          good: Self.good, arguments: ["build", "--no-cache"], environment: environment)
    }

    @Test func engineMissing() throws {
        try expectFailure([:], status: 2, message: "error: engine library libLecternRuntime.so not found",
                          good: Self.good, arguments: ["build", "--engine-path", "/nonexistent"])
    }

    @Test func outputThatCannotBeWritten() throws {
        let h = try Harness(lectures: ["01-fine.md": Self.prose])
        defer { h.remove() }
        // A file where the output's parent folder should be.
        try Data().write(to: h.directory.appendingPathComponent("blocker"))
        let r = try h.run(["build", "--output", "blocker/site"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("blocker/site: error: cannot write the site"), "\(r.stderr)")
        #expect(try h.read("lectures/01-fine.md") == Self.prose)
    }

    @Test func outputThatHoldsTheRepository() throws {
        let h = try Harness(lectures: ["01-fine.md": Self.prose])
        defer { h.remove() }
        try Data().write(to: h.directory.appendingPathComponent("Package.swift"))
        let r = try h.run(["build", "--output", "."])
        #expect(r.status == 2)
        #expect(r.stderr.contains("refusing to write the site into ."), "\(r.stderr)")
        #expect(h.exists("Package.swift") && h.exists("lectures/01-fine.md"))
    }
}
