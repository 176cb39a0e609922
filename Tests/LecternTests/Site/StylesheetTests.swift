import Foundation
import Testing
@testable import Lectern

@Suite struct StylesheetTests {
    /// The declarations of the first block opened by `selector`.
    private func block(_ selector: String) throws -> String {
        let start = try #require(defaultStylesheet.range(of: selector + " {"), "no block \(selector)")
        var depth = 0
        var body = ""
        for c in defaultStylesheet[start.upperBound...] {
            if c == "{" { depth += 1 }
            if c == "}" { if depth == 0 { break }; depth -= 1 }
            body.append(c)
        }
        return body
    }

    @Test func bracesAndCommentsBalance() {
        #expect(defaultStylesheet.filter { $0 == "{" }.count == defaultStylesheet.filter { $0 == "}" }.count)
        #expect(defaultStylesheet.components(separatedBy: "/*").count == defaultStylesheet.components(separatedBy: "*/").count)
    }

    @Test func noExternalResources() {
        for banned in ["url(", "@import", "http:", "https:", "@font-face"] {
            #expect(!defaultStylesheet.contains(banned), "\(banned) in the stylesheet")
        }
    }

    @Test func bothThemesDefineEveryColour() throws {
        let required = ["--fg", "--bg", "--accent", "--muted", "--code-bg", "--pass", "--fail", "--grid"] + (1...6).map { "--series-\($0)" }
        let light = try block(":root")
        let dark = try block("@media screen and (prefers-color-scheme: dark)")
        for name in required {
            #expect(light.contains("\(name):"), "light theme lacks \(name)")
            #expect(dark.contains("\(name):"), "dark theme lacks \(name)")
        }
        // Every colour the light theme sets, the dark theme sets too.
        let lightColours = light.split(separator: "\n").compactMap { line -> String? in
            let l = line.trimmingCharacters(in: .whitespaces)
            return l.hasPrefix("--") && l.contains("#") ? String(l.prefix { $0 != ":" }) : nil
        }
        #expect(lightColours.count >= 20)
        for name in lightColours { #expect(dark.contains("\(name):"), "dark theme lacks \(name)") }
    }

    @Test func requiredRulesExist() {
        for selector in [".cell-output pre", ".cell-error", ".check.pass", ".check.fail", ".nb-table", "svg.plot", ".grid",
                         ".axis", ".band", ".ledger", "math[display=\"block\"]", "a.anchor", ".toc", ".pager", ".breadcrumb",
                         "@media print", "@media (max-width: 60rem)"] + (1...6).map({ "svg.plot .series-\($0)" }) {
            #expect(defaultStylesheet.contains(selector), "no rule for \(selector)")
        }
    }

    @Test func everyHighlighterClassIsStyled() {
        let html = highlightSwift("/// d\n// c\n@MainActor let x: Int = 1 + \"s\\n\\(y)\" #if")
        var classes = Set<String>()
        var rest = Substring(html)
        while let r = rest.range(of: "class=\"") {
            let after = rest[r.upperBound...]
            let name = after.prefix { $0 != "\"" }
            classes.formUnion(name.split(separator: " ").map(String.init))
            rest = after.dropFirst(name.count)
        }
        #expect(classes == ["com", "doc", "attr", "kw", "type", "num", "str", "esc", "interp", "dir"])
        for c in classes { #expect(defaultStylesheet.contains("code .\(c)") || defaultStylesheet.contains(".com.\(c)"), "no style for .\(c)") }
    }

    @Test func everyTemplateClassIsStyled() throws {
        let page = PageContext(courseTitle: "C", title: "T", number: 1, date: "d", author: "a", summary: "s", seed: 1, body: "",
                               toc: [.init(level: 2, id: "i", title: "t")], prev: .init(href: "p", title: "P"),
                               next: .init(href: "n", title: "N"), ledger: "<table></table>")
        let index = IndexContext(courseTitle: "C", term: "t", instructor: "i", lectures: [.init(href: "h", number: 1, title: "T", date: "d", summary: "s")])
        let html = try Template(defaultPageTemplate, file: "p").render(page.templateValue)
            + Template(defaultIndexTemplate, file: "i").render(index.templateValue)
        var rest = Substring(html)
        var classes = Set<String>()
        while let r = rest.range(of: "class=\"") {
            let after = rest[r.upperBound...]
            let name = after.prefix { $0 != "\"" }
            classes.formUnion(name.split(separator: " ").map(String.init))
            rest = after.dropFirst(name.count)
        }
        #expect(classes.count > 20)
        for c in classes.sorted() {
            #expect(defaultStylesheet.contains(".\(c)"), "class \(c) in a default template has no style")
        }
    }
}
