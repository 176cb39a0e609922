import Foundation
import Testing

/// The stylesheet and the pages agree, both ways: every class a page uses (or the
/// page script adds) has a rule, and every class a rule names appears in some page
/// of the fixtures. Dead CSS and unstyled markup both fail here.
@Suite struct StylesheetCoverageTests {
    /// Builds the fixtures (with --keep-going, so failed checks and traps are drawn too) and returns their sites.
    func builtSites() throws -> [Harness] {
        var sites: [Harness] = []
        for fixture in ["site", "results-fail", "results-pass", "trap"] {
            let h = try Harness(fixture: fixture)
            let r = try h.run(["build", "--keep-going", "--quiet"])
            #expect(r.status <= 1, "\(fixture): \(r.stderr)")
            sites.append(h)
        }
        return sites
    }

    static func classes(inHTML html: String) -> Set<String> {
        var out = Set<String>()
        for m in matches(#"class="([^"]*)""#, in: html) { out.formUnion(m.split(separator: " ").map(String.init)) }
        return out
    }

    static func classes(inScript js: String) -> Set<String> {
        var out = Set<String>()
        for m in matches(#"className = "([^"]+)""#, in: js) + matches(#"class=\\?"([^"\\]+)"#, in: js) {
            out.formUnion(m.split(separator: " ").map(String.init))
        }
        return out
    }

    static func classes(inCSS css: String) -> Set<String> {
        var text = css
        for pattern in [#"/\*[\s\S]*?\*/"#, #"url\([^)]*\)"#, #""[^"]*""#] {
            text = text.replacingOccurrences(of: pattern, with: "", options: .regularExpression)
        }
        return Set(matches(#"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)"#, in: text))
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        guard let re = try? NSRegularExpression(pattern: pattern) else { return [] }
        return re.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    @Test func everyClassHasARuleAndEveryRuleIsUsed() throws {
        let sites = try builtSites()
        defer { sites.forEach { $0.remove() } }
        var used = Set<String>()
        var css = ""
        for h in sites {
            let output = h.directory.appendingPathComponent("output")
            for name in try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()
            where name.hasSuffix(".html") && !name.hasSuffix(".slides.html") {
                used.formUnion(Self.classes(inHTML: try String(contentsOf: output.appendingPathComponent(name), encoding: .utf8)))
            }
            used.formUnion(Self.classes(inScript: try String(contentsOf: output.appendingPathComponent("lectern.js"), encoding: .utf8)))
            css = try String(contentsOf: output.appendingPathComponent("style.css"), encoding: .utf8)
        }
        let styled = Self.classes(inCSS: css)
        // `language-*` names the code's language for readers' own tools; it is not a styling hook.
        let unstyled = used.subtracting(styled).filter { !$0.hasPrefix("language-") }
        #expect(unstyled.isEmpty, "classes in the pages without a rule: \(unstyled.sorted())")
        let dead = styled.subtracting(used)
        #expect(dead.isEmpty, "rules whose class no page uses: \(dead.sorted())")
        // The scan itself sees what it should.
        #expect(used.contains("lectern-check") && used.contains("cell-fold") && used.contains("theme-switch"))
        #expect(styled.count > 60)
    }

    @Test func classScannersReadTheirLanguages() {
        #expect(Self.classes(inCSS: "/* .gone */ .a.b, x > .c-d { background: url(\"x.y\") } .e:hover {}") == ["a", "b", "c-d", "e"])
        #expect(Self.classes(inHTML: "<p class=\"x y\"><span class=\"z\">") == ["x", "y", "z"])
        #expect(Self.classes(inScript: "b.className = \"copy\"; box.innerHTML = '<div class=\"r s\">'") == ["copy", "r", "s"])
    }
}
