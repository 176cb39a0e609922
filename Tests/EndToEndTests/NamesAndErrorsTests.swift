import Foundation
import Testing

/// The files of a folder and their contents, for comparing two sites.
private func contents(of folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
        files[name] = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
    }
    return files
}

/// Names in pages and ledgers, and errors, whatever the files are called and however they are named.
@Suite struct NamesAndErrorsTests {
    @Test func pagesDoNotDependOnHowTheLecturesFolderIsSpelled() throws {
        let h = try Harness(fixture: "results-pass")
        defer { h.remove() }
        let absolute = h.directory.appendingPathComponent("lectures").path
        let parent = h.directory.lastPathComponent
        var sites: [[String: Data]] = []
        for (i, spelling) in ["lectures", "./lectures/", absolute, "../\(parent)/lectures"].enumerated() {
            let r = try h.run(["build", "-q", "--lectures", spelling, "--output", "site\(i)"])
            #expect(r.status == 0, "\(spelling): \(r.stderr)")
            sites.append(try contents(of: h.directory.appendingPathComponent("site\(i)")))
        }
        #expect(sites.allSatisfy { $0 == sites[0] })
        let ledger = try h.read("site0/01-results.checks.json")
        #expect(ledger.contains("\"file\":\"lectures/01-results.md\""))
        for site in sites {
            for (name, data) in site { #expect(!String(decoding: data, as: UTF8.self).contains(absolute), "\(name)") }
        }
    }

    @Test func aFileNameIsPercentEncodedInLinks() throws {
        let h = try Harness(lectures: ["01-a.md": "# A\n\nText.\n", "02-#?.md": "# Odd\n\nText.\n"])
        defer { h.remove() }
        #expect(try h.run(["build", "-q"]).status == 0)
        #expect(h.exists("output/02-#?.html"))
        let index = try h.read("output/index.html")
        #expect(index.contains("href=\"02-%23%3F.html\""))
        #expect(!index.contains("href=\"02-#?.html\""))
        #expect(try h.read("output/01-a.html").contains("href=\"02-%23%3F.html\""))
    }

    @Test func aControlCharacterInAFileNameIsEscapedInErrors() throws {
        let h = try Harness(lectures: ["01-a\u{1B}[31m.md": "# A\n\n```swift run\nlet x: Int = \"no\"\n```\n"])
        defer { h.remove() }
        let r = try h.run(["build"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("lectures/01-a\\u{1b}[31m.md:4:14: error: cannot convert value of type 'String' to specified type 'Int'"), "\(r.stderr)")
        #expect(!r.stderr.contains("\u{1B}"))
    }

    @Test func aLongStderrLineIsCut() throws {
        // A trap whose message is 1 MiB without a newline: the error shows its start and counts the rest.
        let h = try Harness(lectures: ["01-loud.md": """
            # Loud

            ```swift run
            fatalError(String(repeating: "e", count: 1 << 20))
            ```

            """])
        defer { h.remove() }
        let r = try h.run(["build"])
        #expect(r.status == 1)
        #expect(r.stderr.utf8.count < 20_000, "\(r.stderr.utf8.count) bytes")
        #expect(r.stderr.contains("more bytes)"), "\(r.stderr.prefix(2_000))")
        for line in r.stderr.split(separator: "\n") { #expect(line.utf8.count < 1_200) }
    }

    @Test func optionValuesOutOfRangeAreErrorsWithTheRange() throws {
        let h = try Harness(lectures: ["01-a.md": "# A\n\n```swift run timeout=4294967296\nprint(1)\n```\n"])
        defer { h.remove() }
        let r = try h.run(["build"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("lectures/01-a.md:3: error: cell option 'timeout=4294967296' needs a whole number of seconds from 1 to 86400, as in timeout=10"))
        let cli = try h.run(["build", "--timeout", "1e300"])
        #expect(cli.status == 2)
        #expect(cli.stderr.contains("--timeout 1e+300 is out of range: give seconds above 0 and at most 86400"))
        let seeds = try h.run(["check", "--seeds=-1"])
        #expect(seeds.status == 2)
        #expect(seeds.stderr.contains("--seeds -1 is out of range: give 0 to 1000 more seeds"))
    }
}
