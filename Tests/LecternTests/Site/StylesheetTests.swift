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

    @Test func noExternalResourcesOnlyTheShippedFont() {
        for banned in ["@import", "http:", "https:", "//"] {
            #expect(!defaultStylesheet.replacingOccurrences(of: "/*", with: "").replacingOccurrences(of: "*/", with: "").contains(banned), "\(banned) in the stylesheet")
        }
        // The one url() is the math font the site ships, and it comes first.
        #expect(defaultStylesheet.components(separatedBy: "url(").count == 2)
        #expect(defaultStylesheet.contains("src: url(\"fonts/latinmodern-math.woff2\") format(\"woff2\");"))
        let fontFace = defaultStylesheet.range(of: "@font-face")?.lowerBound
        let firstRule = defaultStylesheet.range(of: ":root {")?.lowerBound
        #expect(fontFace != nil && firstRule != nil && fontFace! < firstRule!)
        #expect(defaultStylesheet.contains("--font-math: \"Latin Modern Math\", math;"))
        for name in siteAssetNames { #expect(name.hasPrefix("fonts/")) }
    }

    @Test func bothThemesDefineEveryColour() throws {
        let required = ["--fg", "--bg", "--accent", "--muted", "--code-bg", "--pass", "--fail", "--grid"] + (1...6).map { "--series-\($0)" }
        let light = try block(":root")
        let dark = darkTheme
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
        // The dark theme applies with the system's dark mode unless the reader chose light, and when the reader chose dark.
        #expect(defaultStylesheet.contains("@media screen and (prefers-color-scheme: dark) {\n  :root:not([data-theme=\"light\"]) {\n" + darkTheme))
        #expect(defaultStylesheet.contains(":root[data-theme=\"dark\"] {\n" + darkTheme))
    }

    @Test func requiredRulesExist() {
        for selector in ["pre.cell-output", "pre.cell-error", ".lectern-check.pass", ".lectern-check.fail", ".lectern-table", ".ledger",
                         ".math-display", ".math-wide", ".nobr", "a.anchor", ".toc", ".pager", ".sidebar", ".search-results",
                         "details.cell-fold", "@media print", "@media (max-width: 64rem)", "[data-print-code=\"folded\"]",
                         "[data-print-code=\"none\"]"] {
            #expect(siteStylesheet.contains(selector), "no rule for \(selector)")
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
        var withLectures = page
        withLectures.lectures = [.init(href: "h", number: 1, title: "T", current: true)]
        withLectures.editURL = "https://example.org/edit"
        let index = IndexContext(courseTitle: "C", term: "t", instructor: "i", lectures: [.init(href: "h", number: 1, title: "T", date: "d", summary: "s")])
        let html = try Template(defaultPageTemplate, file: "p").render(withLectures.templateValue)
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
            #expect(siteStylesheet.contains(".\(c)"), "class \(c) in a default template has no style")
        }
    }
}
