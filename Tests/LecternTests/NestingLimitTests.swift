import CommonMark
import Foundation
import Testing
@testable import Lectern

/// The one diagnostic parsing `source` gives.
private func parseError(_ source: String) -> Diagnostic? {
    do {
        _ = try parseLecture(source: source, file: "lectures/01-deep.md")
        return nil
    } catch {
        return error.items.count == 1 ? error.items[0] : nil
    }
}

/// Inputs nested as deep as they are long, each of which used to exhaust the
/// stack (exit 139): each is refused at its line with the limit named.
@Suite struct NestingLimitTests {
    @Test func blockQuotes() throws {
        let d = try #require(parseError("# Title\n\nText.\n\n" + String(repeating: ">", count: 30_000) + " x\n"))
        #expect(d.line == 5)
        #expect(d.message.hasPrefix("block quotes nested deeper than 100 levels"))
    }

    @Test func listItemsOneLinePerLevel() throws {
        var source = ""
        for i in 0..<1_000 { source += String(repeating: " ", count: 2 * i) + "- a\n" }
        let d = try #require(parseError(source))
        // List and item per line: line 50's paragraph is 101 levels below the document.
        #expect(d.line == 50)
        #expect(d.message.hasPrefix("lists nested deeper than 100 levels"))
    }

    @Test func listItemsOnOneLine() throws {
        let d = try #require(parseError(String(repeating: "- ", count: 15_000) + "a\n"))
        #expect(d.line == 1)
        #expect(d.message.hasPrefix("lists nested deeper than 100 levels"))
    }

    @Test func emphasis() throws {
        let source = "Intro.\n\n" + String(repeating: "*a ", count: 50_000) + "b" + String(repeating: " a*", count: 50_000) + "\n"
        let d = try #require(parseError(source))
        #expect(d.line == 3)
        #expect(d.message.hasPrefix("emphasis nested deeper than 100 levels"))
    }

    @Test func nestingAtTheLimitIsRead() throws {
        // 98 quotes, a paragraph and its text: 100 levels below the document.
        let lecture = try parseLecture(source: String(repeating: ">", count: 98) + " x\n", file: "lectures/01-deep.md")
        #expect(lecture.document.deeperThan(100) == nil)
        #expect(parseError(String(repeating: ">", count: 99) + " x\n")?.line == 1)
    }

    @Test func frontMatterFlowCollections() throws {
        let source = "---\ntitle: T\nmacros: " + String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000) + "\n---\n# x\n"
        let d = try #require(parseError(source))
        #expect(d.line == 3)
        #expect(d.message == "front matter nests collections deeper than 64 levels; Lectern reads YAML nested at most 64 deep")
    }

    @Test func yamlDepthEstimate() {
        #expect(yamlNestingProblem("a: 1\nb: [1, [2, {c: 3}]]\n") == nil)
        #expect(yamlNestingProblem("t: \"" + String(repeating: "[", count: 500) + "\"\n") == nil)  // quoted: text
        #expect(yamlNestingProblem("t: it's " + String(repeating: "[", count: 70) + "\n")?.line == 1)
        #expect(yamlNestingProblem("x:\n  " + String(repeating: "- ", count: 70) + "a\n")?.line == 2)
        var indented = ""
        for i in 0..<70 { indented += String(repeating: " ", count: i) + "k\(i):\n" }
        #expect(yamlNestingProblem(indented)?.line == 65)
    }

    @Test func courseFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nesting-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let yaml = "title: C\nterm: " + String(repeating: "{a: ", count: 5_000) + "1" + String(repeating: "}", count: 5_000) + "\n"
        try yaml.write(toFile: folder + "/course.yml", atomically: true, encoding: .utf8)
        #expect(throws: Diagnostic(file: folder + "/course.yml", line: 2,
                                   "the course file nests collections deeper than 64 levels; Lectern reads YAML nested at most 64 deep")) {
            try loadCourse(lecturesDirectory: folder)
        }
    }

    @Test func templateSections() throws {
        let source = "<p>\n" + String(repeating: "{{#title}}", count: 50_000) + "{{{body}}}" + String(repeating: "{{/title}}", count: 50_000)
        let error = #expect(throws: Diagnostic.self) { try Template(source, file: "lectures/_page.html") }
        #expect(error?.line == 2)
        #expect(error?.column == 1 + 10 * 100)
        #expect(error?.message == "sections nested deeper than 100 levels; templates nest sections at most 100 deep")
        // At the limit it parses and renders.
        let ok = try Template(String(repeating: "{{#t}}", count: 100) + "x" + String(repeating: "{{/t}}", count: 100), file: "t.html")
        #expect(ok.render(["t": true]) == "x")
    }

    @Test func iterativeWalkersOnADeepTree() {
        // CommonMark's own walkers do not recurse: a tree past the limit is still walked.
        let doc = CommonMark.parse(String(repeating: ">", count: 30_000) + " deep\n")
        var count = 0
        doc.forEach { _ in count += 1 }
        #expect(count == 30_000 + 3)  // document, quotes, paragraph, text
        #expect(doc.plainText == "deep")
        #expect(doc.deeperThan(30_002) == nil)
        #expect(doc.deeperThan(30_001)?.node.type == .text)
        #expect(doc.deeperThan(30_000)?.node.type == .paragraph)
    }

    @Test func mathGroups() throws {
        let d = try #require(parseError("$" + String(repeating: "{", count: 50_000) + "x" + String(repeating: "}", count: 50_000) + "$\n"))
        #expect(d.line == 1)
        #expect(d.message.hasPrefix("formula nested deeper than 100 atoms"))
    }
}
