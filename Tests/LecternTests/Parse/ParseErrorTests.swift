import Foundation
import Testing
@testable import Lectern

/// A lecture that cannot be parsed is an error at its file:line:col, before any cell runs.
/// (That such an error leaves the previous site and every source as they were is
/// an end-to-end test: `BadInputTests.aParseErrorLosesNothing`.)
@Suite struct ParseErrorTests {
    /// The diagnostics parsing `source` as `lectures/02-x.md` throws, as printed.
    private func errors(_ source: String) -> [String] {
        do {
            _ = try parseLecture(source: source, file: "lectures/02-x.md")
            return []
        } catch {
            return error.items.map(\.description)
        }
    }

    @Test func invalidUTF8IsAnErrorAtItsLine() throws {
        let dir = FileManager.default.temporaryDirectory.path + "/lectern-parse-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var bytes = Data("# Broken\n\nline two\n".utf8)
        bytes.append(contentsOf: [0xFF, 0xFE, 0x0A])
        try bytes.write(to: URL(fileURLWithPath: dir + "/02-bad.md"))
        #expect(throws: Diagnostics.self) { try parseLecture(file: dir + "/02-bad.md") }
        do {
            _ = try parseLecture(file: dir + "/02-bad.md")
        } catch {
            #expect(error.items.map(\.description) == ["\(dir)/02-bad.md:4: error: the file is not valid UTF-8"])
        }
    }

    @Test func unterminatedDisplayMathIsTextWithAWarning() throws {
        #expect(errors("# M\n\nText\n\n$$x + y\n") == [])
        let lecture = try parseLecture(source: "# M\n\nText\n\n$$x + y\n", file: "lectures/02-x.md")
        #expect(lecture.warnings.map(\.description) == [
            "lectures/02-x.md:5:1: warning: unclosed $$: no closing $$ in this paragraph, so it stays text"
        ])
        #expect(lecture.math.isEmpty)
    }

    @Test func unknownTeXCommandPointsAtItsColumn() {
        #expect(errors("# T\n\nInline $x + \\alpah$ here.\n") == [
            "lectures/02-x.md:3:13: error: unknown command \\alpah; did you mean \\alpha?"
        ])
    }

    @Test func unknownFrontMatterKeyIsOnlyAWarning() throws {
        #expect(errors("---\ntitel: x\n---\n# F\n") == [])
        let lecture = try parseLecture(source: "---\ntitel: x\n---\n# F\n", file: "lectures/02-x.md")
        #expect(lecture.warnings.map(\.description) == [
            "lectures/02-x.md:2:1: warning: unknown front matter key 'titel'; did you mean 'title'? (kept for templates; Lectern itself does not read it)"
        ])
    }

    @Test func unknownCellOption() {
        #expect(errors("# O\n\n```swift run hide-cod\nprint(1)\n```\n") == [
            "lectures/02-x.md:3: error: unknown cell option 'hide-cod'; did you mean 'hide-code'? (known options: run, hide-code, hide-output, allow-error, expect-compile-error, fold, timeout=SECONDS, slides=false, slides=output)"
        ])
    }

    @Test func aGoodLectureParsesWithoutErrors() {
        #expect(errors("# Fine\n\n$x$ and\n\n```swift run\nprint(\"fine\")\n```\n") == [])
    }
}
