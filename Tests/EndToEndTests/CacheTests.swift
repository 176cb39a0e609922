import Foundation
import Testing

@Suite struct CacheTests {
    private func cacheEntries(_ h: Harness) throws -> [URL] {
        let cache = h.directory.appendingPathComponent(".lectern-cache")
        return try FileManager.default.contentsOfDirectory(at: cache, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.count == 64 }
    }

    /// The compiler's module cache goes to the user's cache folder, and only when a program is compiled.
    @Test func theModuleCacheIsTheUsersAndMadeOnlyForCells() throws {
        let h = try Harness(lectures: ["01-prose.md": "# Prose\n\nNo cells here.\n"])
        defer { h.remove() }
        let home = h.directory.appendingPathComponent("home").path
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home
        environment["XDG_CACHE_HOME"] = nil
        #expect(try h.run(["build"], environment: environment).status == 0)
        #expect(!FileManager.default.fileExists(atPath: home + "/.cache"))
        try Data("# Cell\n\n```swift run\nprint(1)\n```\n".utf8).write(to: h.directory.appendingPathComponent("lectures/02-cell.md"))
        #expect(try h.run(["build"], environment: environment).status == 0)
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: home + "/.cache/lectern/module-cache")).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: h.directory.appendingPathComponent(".lectern-cache/module-cache").path))
    }

    @Test func unchangedAndProseOnlyRebuildsUseTheCache() throws {
        let h = try Harness(fixture: "basic")
        defer { h.remove() }
        let cold = try h.run(["build"])
        #expect(cold.status == 0)
        #expect(cold.stdout.contains("lectures/01-intro.md") && cold.stdout.contains("(compile "))
        let warm = try h.run(["build"])
        #expect(warm.status == 0)
        #expect(warm.stdout.contains("lectures/01-intro.md") && warm.stdout.contains("(cached)"))
        #expect(!warm.stdout.contains("(compile "))

        // A prose-only edit changes the page but compiles and runs nothing.
        let path = h.directory.appendingPathComponent("lectures/01-intro.md")
        let source = try String(contentsOf: path, encoding: .utf8)
        try source.replacingOccurrences(of: "Some *prose*", with: "Some *edited prose*")
            .write(to: path, atomically: true, encoding: .utf8)
        let prose = try h.run(["build"])
        #expect(prose.status == 0)
        #expect(!prose.stdout.contains("(compile "), "\(prose.stdout)")
        #expect(try h.read("output/01-intro.html").contains("Some <em>edited prose</em>"))

        // A code edit recompiles that lecture only.
        try source.replacingOccurrences(of: "print(\"x is\", x)", with: "print(\"x is now\", x)")
            .write(to: path, atomically: true, encoding: .utf8)
        let code = try h.run(["build"])
        #expect(code.stdout.contains("lectures/01-intro.md") && code.stdout.contains("(compile "))
        #expect(code.stdout.contains("lectures/02-second.md 0") && code.stdout.split(separator: "\n").contains { $0.hasPrefix("lectures/02-second.md") && $0.hasSuffix("(cached)") })
        #expect(code.status == 0, "\(code.stderr)")
        #expect(try h.read("output/01-intro.html").contains("x is now 21"))
    }

    @Test func corruptEntriesAreRebuiltNotTrusted() throws {
        let h = try Harness(fixture: "basic")
        defer { h.remove() }
        #expect(try h.run(["build"]).status == 0)
        let good = try h.read("output/01-intro.html")
        for entry in try cacheEntries(h) {
            let program = entry.appendingPathComponent("program")
            if FileManager.default.fileExists(atPath: program.path) {
                try Data("garbage".utf8).write(to: program)
            }
            let records = entry.appendingPathComponent("run-23/records")
            if FileManager.default.fileExists(atPath: records.path) {
                try Data("{\"k\":\"inline\",\"o\":0,\"e\":0,\"index\":0,\"text\":\"forged\"}\n".utf8).write(to: records)
            }
        }
        let r = try h.run(["build"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("(compile "))
        #expect(try h.read("output/01-intro.html") == good)
    }

    /// The cached exit status and the cached diagnostics are checked with the outputs: a flipped byte reruns.
    @Test func statusAndDiagnosticsAreVerifiedToo() throws {
        let h = try Harness(fixture: "basic")
        defer { h.remove() }
        #expect(try h.run(["build"]).status == 0)
        let good = try h.read("output/01-intro.html")
        var flipped = 0
        for entry in try cacheEntries(h) {
            let status = entry.appendingPathComponent("run-23/status")
            if var text = try? String(contentsOf: status, encoding: .utf8), text.hasPrefix("exited 0 ") {
                // "exited 0 <sum>" becomes "exited 3 <sum>": a failed run, were it believed.
                text = "exited 3 " + text.dropFirst("exited 0 ".count)
                try Data(text.utf8).write(to: status)
                flipped += 1
            }
            let diagnostics = entry.appendingPathComponent("diagnostics")
            if let data = try? Data(contentsOf: diagnostics), let last = data.indices.last {
                var bytes = [UInt8](data)
                bytes[last] ^= 0x20
                try Data(bytes).write(to: diagnostics)
                flipped += 1
            }
        }
        #expect(flipped >= 2)
        let r = try h.run(["build"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdout.contains("(cached)"))
        #expect(try h.read("output/01-intro.html") == good)
    }

    @Test func noCacheAndClean() throws {
        let h = try Harness(fixture: "basic")
        defer { h.remove() }
        #expect(try h.run(["build"]).status == 0)
        let fresh = try h.run(["build", "--no-cache"])
        #expect(fresh.stdout.contains("(compile "))
        let clean = try h.run(["clean"])
        #expect(clean.status == 0)
        #expect(!h.exists(".lectern-cache"))
        #expect(h.exists("lectures/01-intro.md"))
    }

    @Test func twoBuildsAtOnceNeverMix() throws {
        let h = try Harness(fixture: "basic")
        defer { h.remove() }
        let group = DispatchGroup()
        let results = Locked<[Int32]>([])
        for _ in 0..<2 {
            group.enter()
            DispatchQueue.global().async {
                let status = (try? h.run(["build", "--no-cache"]).status) ?? -1
                results.mutate { $0.append(status) }
                group.leave()
            }
        }
        group.wait()
        #expect(results.value == [0, 0])
        #expect(try h.read("output/01-intro.html").contains("x is 21"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: h.directory.path).filter { $0.contains(".partial-") || $0.contains(".old-") }
        #expect(leftovers.isEmpty)
    }
}

final class Locked<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    init(_ value: T) { stored = value }
    var value: T { lock.withLock { stored } }
    func mutate(_ f: (inout T) -> Void) { lock.withLock { f(&stored) } }
}

@Suite struct DataFileTests {
    static let lecture = """
        ---
        title: Data
        data: [numbers.txt]
        ---

        ```swift run
        let text = try String(contentsOfFile: lectureDirectory + "/numbers.txt", encoding: .utf8)
        print("sum", text.split(separator: "\\n").compactMap { Int($0) }.reduce(0, +))
        ```
        """

    @Test func changingADeclaredDataFileReruns() throws {
        let h = try Harness(lectures: ["01-data.md": Self.lecture, "numbers.txt": "1\n2\n3\n"])
        defer { h.remove() }
        #expect(try h.run(["build"]).status == 0)
        #expect(try h.read("output/01-data.html").contains("sum 6"))
        let warm = try h.run(["build"])
        #expect(warm.stdout.contains("(cached)"))
        try Data("10\n20\n".utf8).write(to: h.directory.appendingPathComponent("lectures/numbers.txt"))
        let changed = try h.run(["build"])
        #expect(changed.status == 0)
        #expect(!changed.stdout.contains("(cached)"), "\(changed.stdout)")
        #expect(try h.read("output/01-data.html").contains("sum 30"))
    }

    @Test func aMissingDataFileIsAnErrorAtItsLine() throws {
        let h = try Harness(lectures: ["01-data.md": Self.lecture])
        defer { h.remove() }
        let r = try h.run(["build"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("lectures/01-data.md:3: error: data file 'numbers.txt' cannot be read"), "\(r.stderr)")
    }
}
