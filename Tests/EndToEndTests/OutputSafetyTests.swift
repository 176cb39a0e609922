import Foundation
import Testing

/// The id of a process that has ended (a child run to its end).
private func deadPID() throws -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/true")
    try p.run()
    p.waitUntilExit()
    return p.processIdentifier
}

/// Lectern deletes or replaces only what it made.
@Suite struct OutputSafetyTests {
    let lecture = ["01-a.md": "# A\n\nSome text.\n"]

    @Test func aLectureFileIsNotAnOutputFolder() throws {
        let h = try Harness(lectures: lecture)
        defer { h.remove() }
        let r = try h.run(["build", "--output", "lectures/01-a.md"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("lectures/01-a.md: error: refusing to write the site to lectures/01-a.md: it is a file"))
        #expect(try h.read("lectures/01-a.md") == "# A\n\nSome text.\n")
    }

    @Test func aFolderOfOtherFilesIsRefused() throws {
        let h = try Harness(lectures: lecture)
        defer { h.remove() }
        try FileManager.default.createDirectory(at: h.directory.appendingPathComponent("data"), withIntermediateDirectories: true)
        try "1,2\n".write(to: h.directory.appendingPathComponent("data/runs.csv"), atomically: true, encoding: .utf8)
        let r = try h.run(["build", "--output", "data"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("data: error: refusing to write the site to data: the folder holds files and is not a site Lectern built (it has no .lectern-site); choose another --output"))
        #expect(try h.read("data/runs.csv") == "1,2\n")
        #expect(!h.exists("data/index.html"))
    }

    @Test func anEmptyFolderOrAnEarlierSiteIsReplaced() throws {
        let h = try Harness(lectures: lecture)
        defer { h.remove() }
        try FileManager.default.createDirectory(at: h.directory.appendingPathComponent("site"), withIntermediateDirectories: true)
        #expect(try h.run(["build", "--output", "site"]).status == 0)
        #expect(try h.read("site/.lectern-site").contains("built by lectern"))
        try "stale".write(to: h.directory.appendingPathComponent("site/stale.html"), atomically: true, encoding: .utf8)
        #expect(try h.run(["build", "--output", "site"]).status == 0)
        #expect(!h.exists("site/stale.html"))
        #expect(h.exists("site/01-a.html"))
    }

    @Test func cleanRemovesOnlyACache() throws {
        let h = try Harness(lectures: lecture)
        defer { h.remove() }
        let refused = try h.run(["clean", "--cache-dir", "lectures"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("lectures: error: refusing to delete lectures: it is not a Lectern cache (it has no CACHEDIR.TAG)"))
        #expect(h.exists("lectures/01-a.md"))
        // A folder of other files is not taken as a cache either.
        let used = try h.run(["build", "--cache-dir", "lectures"])
        #expect(used.status == 2)
        #expect(!h.exists("lectures/CACHEDIR.TAG"))
        #expect(try h.run(["build"]).status == 0)
        #expect(try h.read(".lectern-cache/CACHEDIR.TAG").hasPrefix("Signature: 8a477f597d28d172789f06886806bc55\n"))
        let cleaned = try h.run(["clean"])
        #expect(cleaned.status == 0)
        #expect(cleaned.stdout == "removed .lectern-cache/\n")
        #expect(!h.exists(".lectern-cache"))
    }

    @Test func leftoversOfKilledBuildsAreSwept() throws {
        let h = try Harness(lectures: lecture)
        defer { h.remove() }
        let pid = try deadPID()
        let fm = FileManager.default
        for name in [".output.old-\(pid)", ".output.partial-\(pid)", ".output.partial-\(pid + 1_000_000)"] {
            try fm.createDirectory(at: h.directory.appendingPathComponent(name), withIntermediateDirectories: true)
            try "".write(to: h.directory.appendingPathComponent(name + "/.lectern-site"), atomically: true, encoding: .utf8)
        }
        // A folder that only looks like one, without the marker, is the user's: kept.
        try fm.createDirectory(at: h.directory.appendingPathComponent(".output.old-\(pid + 1)/x"), withIntermediateDirectories: true)
        #expect(try h.run(["build", "-q"]).status == 0)
        let left = try fm.contentsOfDirectory(atPath: h.directory.path).filter { $0.hasPrefix(".output") }.sorted()
        #expect(left == [".output.old-\(pid + 1)"])
    }

    @Test func aSiteLeftAsideByAKilledSwapIsPutBack() throws {
        let h = try Harness(lectures: lecture)
        defer { h.remove() }
        #expect(try h.run(["build", "-q"]).status == 0)
        let pid = try deadPID()
        // Killed between the two renames of the old two-step swap: only the old site, aside.
        try FileManager.default.moveItem(at: h.directory.appendingPathComponent("output"),
                                         to: h.directory.appendingPathComponent(".output.old-\(pid)"))
        try "# Broken\n\n```swift run bogus-option\n```\n".write(to: h.directory.appendingPathComponent("lectures/02-b.md"),
                                                                 atomically: true, encoding: .utf8)
        let r = try h.run(["build"])
        #expect(r.status == 1)  // the new lecture has an error: the site is not rewritten...
        #expect(h.exists("output/01-a.html"))  // ...but the earlier one is back
        #expect(!h.exists(".output.old-\(pid)"))
        #expect(r.stdout.contains("put back the site a killed build left in .output.old-\(pid)"))
    }
}
