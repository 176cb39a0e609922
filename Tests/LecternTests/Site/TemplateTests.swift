import Foundation
import Testing
@testable import Lectern

private func render(_ source: String, _ context: TemplateValue) throws -> String {
    try Template(source, file: "t.html").render(context)
}

private func diagnostic(_ source: String, knownNames: Set<String>? = nil) -> Diagnostic? {
    do {
        _ = try Template(source, file: "lectures/_page.html", knownNames: knownNames)
        return nil
    } catch {
        return error
    }
}

@Suite struct TemplateTests {
    // Spec-style table: template, context, expected output.
    @Test(arguments: [
        ("plain text", [:], "plain text"),
        ("{{a}}", ["a": "x<y & \"z\" 'w'"], "x&lt;y &amp; &quot;z&quot; 'w'"),
        ("{{{a}}}", ["a": "<b>bold</b>"], "<b>bold</b>"),
        ("{{& a}}", ["a": "<i>"], "<i>"),
        ("[{{ a }}]", ["a": "spaced"], "[spaced]"),
        ("[{{missing}}]", [:], "[]"),
        ("{{flag}}", ["flag": true], "true"),
        ("{{#flag}}yes{{/flag}}{{^flag}}no{{/flag}}", ["flag": true], "yes"),
        ("{{#flag}}yes{{/flag}}{{^flag}}no{{/flag}}", ["flag": false], "no"),
        ("{{#flag}}yes{{/flag}}{{^flag}}no{{/flag}}", [:], "no"),
        ("{{#s}}<{{.}}>{{/s}}{{^s}}none{{/s}}", ["s": ""], "none"),
        ("{{#s}}<{{.}}>{{/s}}", ["s": "text"], "<text>"),
        ("{{#items}}[{{.}}]{{/items}}", ["items": ["a", "b", "c"]], "[a][b][c]"),
        ("{{#items}}x{{/items}}{{^items}}empty{{/items}}", ["items": []], "empty"),
        ("{{#items}}{{name}}={{v}};{{/items}}", ["items": [["name": "a", "v": "1"], ["name": "b", "v": "2"]]], "a=1;b=2;"),
        ("{{#items}}{{title}}/{{course}};{{/items}}", ["course": "C", "items": [["title": "t1"], ["title": "t2", "course": "D"]]], "t1/C;t2/D;"),
        ("{{#prev}}<a href=\"{{href}}\">{{title}}</a>{{/prev}}", ["prev": ["href": "a.html", "title": "A"]], "<a href=\"a.html\">A</a>"),
        ("{{prev.href}}|{{prev.nope}}|{{nope.href}}", ["prev": ["href": "a.html"]], "a.html||"),
        ("{{#outer}}{{#inner}}{{x}}{{/inner}}{{/outer}}", ["outer": ["inner": ["x": "deep"]], "x": "top"], "deep"),
        ("a{{! a comment with }} inside }}b", [:], "a inside }}b"),
        ("{{a}}{{b}}", ["a": "1", "b": "2"], "12"),
        ("{ {{a}} }", ["a": "x"], "{ x }"),
    ] as [(String, TemplateValue, String)])
    func renders(_ source: String, _ context: TemplateValue, _ expected: String) throws {
        #expect(try render(source, context) == expected)
    }

    @Test func standaloneSectionLinesDisappear() throws {
        let source = "<ul>\n  {{#items}}\n  <li>{{.}}</li>\n  {{/items}}\n</ul>\n{{! note }}\nend"
        #expect(try render(source, ["items": ["a", "b"]]) == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\nend")
    }

    @Test func tagsSharingALineAreNotStandalone() throws {
        #expect(try render("x {{#a}}\ny{{/a}} z\n", ["a": true]) == "x \ny z\n")
        #expect(try render("{{#a}}{{/a}}\n", ["a": true]) == "\n")
        #expect(try render("{{#a}}\n{{/a}}", ["a": true]) == "")
        #expect(try render("  {{#a}}  \r\nx\n{{/a}}", ["a": true]) == "x\n")
    }

    @Test func unclosedSectionIsAnErrorAtItsOpening() throws {
        let d = try #require(diagnostic("<p>\n  {{#toc}}\n  <li>{{title}}</li>\n"))
        #expect(d.description == "lectures/_page.html:2:3: error: unclosed section '{{#toc}}'; close it with '{{/toc}}'")
    }

    @Test func mismatchedCloseNamesBothPlaces() throws {
        let d = try #require(diagnostic("{{#a}}\n{{#b}}\n{{/a}}{{/b}}"))
        #expect(d.line == 3 && d.column == 1)
        #expect(d.message == "'{{/a}}' does not close section 'b' opened at 2:1; close it with '{{/b}}' first")
        let stray = try #require(diagnostic("ok\n  x {{/a}}"))
        #expect(stray.description == "lectures/_page.html:2:5: error: '{{/a}}' closes no open section")
    }

    @Test func unclosedTagIsAnError() throws {
        let d = try #require(diagnostic("line one\nab {{title"))
        #expect(d.description == "lectures/_page.html:2:4: error: unclosed tag '{{'; close it with '}}'")
        let raw = try #require(diagnostic("{{{body}}"))
        #expect(raw.line == 1 && raw.column == 1 && raw.message.contains("'}}}'"))
    }

    @Test func unsupportedAndMalformedTags() throws {
        let partial = try #require(diagnostic("\n\n    {{> header}}"))
        #expect(partial.line == 3 && partial.column == 5)
        #expect(partial.message.hasPrefix("unsupported tag '{{> header}}'"))
        #expect(try #require(diagnostic("{{=<% %>=}}")).message.hasPrefix("unsupported tag"))
        let spaced = try #require(diagnostic("é {{two words}}"))
        #expect(spaced.column == 3)
        #expect(spaced.message.hasPrefix("unknown tag '{{two words}}'"))
        #expect(try #require(diagnostic("{{}}")).message.hasPrefix("empty tag"))
        #expect(try #require(diagnostic("{{a..b}}")).message.hasPrefix("unknown tag"))
    }

    @Test func unknownNamesAreErrorsWithSuggestions() throws {
        let names: Set<String> = ["title", "course_title", "toc"]
        let d = try #require(diagnostic("<h1>{{titl}}</h1>", knownNames: names))
        #expect(d.description == "lectures/_page.html:1:5: error: unknown name 'titl' in tag '{{titl}}'; did you mean 'title'?")
        let far = try #require(diagnostic("{{#zzz}}{{/zzz}}", knownNames: names))
        #expect(far.message == "unknown name 'zzz' in tag '{{#zzz}}'; known names: course_title, title, toc")
        #expect(diagnostic("{{#toc}}{{title}}{{.}}{{/toc}}{{{course_title}}}", knownNames: names) == nil)
    }

    @Test func defaultTemplatesParseWithTheirNames() throws {
        _ = try Template(defaultPageTemplate, file: "page", knownNames: PageContext.names)
        _ = try Template(defaultIndexTemplate, file: "index", knownNames: IndexContext.names)
    }

    @Test func defaultPageRendersEverything() throws {
        let page = PageContext(
            courseTitle: "ML & Few Labels", title: "Policy <Gradients>", number: 23, date: "2024-11-22",
            author: "Z. Hu", summary: "REINFORCE", seed: 7, body: "<p id=\"b\">Body</p>",
            toc: [.init(level: 2, id: "intro", title: "Intro & why"), .init(level: 3, id: "q", title: "Q")],
            prev: .init(href: "22-bandits.html", title: "Bandits"), next: nil, root: "", ledger: "<table></table>")
        let html = try Template(defaultPageTemplate, file: "page").render(page.templateValue)
        #expect(html.hasPrefix("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"))
        #expect(html.contains("<title>Policy &lt;Gradients&gt; · ML &amp; Few Labels</title>"))
        #expect(html.contains("<link rel=\"stylesheet\" href=\"style.css\">"))
        #expect(html.contains("<li class=\"toc-level-2\"><a href=\"#intro\">Intro &amp; why</a></li>\n<li class=\"toc-level-3\"><a href=\"#q\">Q</a></li>\n"))
        #expect(html.contains("<p class=\"lecture-number\">Lecture 23</p>"))
        #expect(html.contains("<p id=\"b\">Body</p>"))
        #expect(html.contains("<a class=\"prev\" rel=\"prev\" href=\"22-bandits.html\">"))
        #expect(!html.contains("class=\"next\""))
        #expect(html.contains("<h2 id=\"lectern-ledger-title\">Verification</h2>\n<table></table>"))
        #expect(html.contains("seed 7"))
        #expect(!html.contains("{{"))
        #expect(html.contains("<script src=\"lectern.js\" defer></script>") && html.contains("<link rel=\"icon\" href=\"favicon.svg\""))
        #expect(!html.contains("\n\n"), "standalone tags leave no blank lines")
    }

    @Test func defaultPageWithoutOptionalParts() throws {
        let page = PageContext(courseTitle: "C", title: "T", body: "<p>b</p>", root: "../")
        let html = try Template(defaultPageTemplate, file: "page").render(page.templateValue)
        #expect(html.contains("href=\"../style.css\"") && html.contains("href=\"../index.html\""))
        #expect(!html.contains("On this page") && !html.contains("class=\"ledger\"") && !html.contains("rel=\"prev\""))
        #expect(!html.contains("aria-label=\"Lectures\"") && !html.contains("edit-source"))
        #expect(!html.contains("Lecture ") && !html.contains("seed"))
    }

    @Test func defaultIndexListsLectures() throws {
        let index = IndexContext(courseTitle: "DSC190", term: "Fall 2024", instructor: "Zhiting Hu", lectures: [
            .init(href: "23-rl.html", number: 23, title: "Reinforcement learning", date: "2024-11-22", summary: "Policy gradients"),
            .init(href: "24-x.html", title: "Untitled"),
        ])
        let html = try Template(defaultIndexTemplate, file: "index").render(index.templateValue)
        #expect(html.contains("<h1>DSC190</h1>"))
        #expect(html.contains("<span class=\"author\">Zhiting Hu</span><span class=\"date\">Fall 2024</span>"))
        #expect(html.contains("<a href=\"23-rl.html\"><span class=\"lecture-number\">23</span><span class=\"lecture-title\">Reinforcement learning</span></a>\n<span class=\"date\">2024-11-22</span>\n<p class=\"summary\">Policy gradients</p>\n</li>"))
        #expect(html.contains("<li>\n<a href=\"24-x.html\"><span class=\"lecture-title\">Untitled</span></a>\n</li>"))
        #expect(!html.contains("No lectures yet"))
        let empty = try Template(defaultIndexTemplate, file: "index").render(IndexContext(courseTitle: "C", lectures: []).templateValue)
        #expect(empty.contains("<p>No lectures yet.</p>") && !empty.contains("<ol"))
    }

    @Test func overrideIsLoadedFromTheLecturesFolder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lectern-template-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // Absent: the built-in layouts.
        let builtIn = try loadPageTemplate(lecturesDirectory: dir.path)
        #expect(builtIn.render(PageContext(courseTitle: "C", title: "T", body: "").templateValue).hasPrefix("<!doctype html>"))
        #expect(try loadIndexTemplate(lecturesDirectory: dir.path).file == "<built-in _index.html>")
        // Present: the author's.
        try "<h1>{{title}}</h1>{{{body}}}".write(to: dir.appendingPathComponent("_page.html"), atomically: true, encoding: .utf8)
        let custom = try loadPageTemplate(lecturesDirectory: dir.path)
        #expect(custom.render(PageContext(courseTitle: "C", title: "T", body: "<p>x</p>").templateValue) == "<h1>T</h1><p>x</p>")
        // A typo in an override is reported at its file, line and column.
        try "<ul>\n{{#lectures}}{{titl}}{{/lectures}}</ul>".write(to: dir.appendingPathComponent("_index.html"), atomically: true, encoding: .utf8)
        #expect(throws: Diagnostic(file: dir.appendingPathComponent("_index.html").path, line: 2, column: 14,
                                   "unknown name 'titl' in tag '{{titl}}'; did you mean 'title'?")) {
            try loadIndexTemplate(lecturesDirectory: dir.path)
        }
    }
}
