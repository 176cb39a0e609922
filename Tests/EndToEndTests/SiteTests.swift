import Foundation
import Testing

@Suite struct SiteTests {
    @Test func authorTemplateOverridesTheLayout() throws {
        let h = try Harness(lectures: [
            "01-a.md": "---\ntitle: First\nlecture: 1\n---\n\nSome text.\n",
            "02-b.md": "# Second\n\nMore text.\n",
            "_page.html": "<!doctype html><title>{{title}}</title><p>mine {{number}}</p>{{{body}}}{{#next}}<a href=\"{{href}}\">{{title}}</a>{{/next}}",
            "course.yml": "title: Test Course\nterm: Spring\n",
        ])
        defer { h.remove() }
        let r = try h.run(["build"])
        #expect(r.status == 0, "\(r.stderr)")
        let page = try h.read("output/01-a.html")
        #expect(page.hasPrefix("<!doctype html><title>First</title><p>mine 1</p>"))
        #expect(page.contains("<a href=\"02-b.html\">Second</a>"))
        let index = try h.read("output/index.html")
        #expect(index.contains("Test Course") && index.contains("Spring"))
    }

    @Test func badTemplateIsAnErrorAtItsLine() throws {
        let h = try Harness(lectures: ["01-a.md": "# A\n", "_page.html": "<p>\n{{#toc}}\n"])
        defer { h.remove() }
        let r = try h.run(["build"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("lectures/_page.html:2:1: error: unclosed section"), "\(r.stderr)")
        #expect(!h.exists("output"))
    }

    @Test func linksAreRelativeAndPagesLinkEachOther() throws {
        let h = try Harness(fixture: "basic")
        defer { h.remove() }
        #expect(try h.run(["build"]).status == 0)
        for file in ["index.html", "01-intro.html", "02-second.html"] {
            let page = try h.read("output/\(file)")
            for attribute in ["href=\"", "src=\""] {
                for part in page.components(separatedBy: attribute).dropFirst() {
                    let target = String(part.prefix { $0 != "\"" })
                    #expect(!target.hasPrefix("/") && !target.contains("://"), "\(file): \(target) is not relative")
                    let path = String(target.prefix { $0 != "#" })
                    if !path.isEmpty { #expect(h.exists("output/\(path)"), "\(file) links to missing \(path)") }
                }
            }
        }
        let first = try h.read("output/01-intro.html")
        #expect(first.contains("rel=\"next\" href=\"02-second.html\""))
        #expect(try h.read("output/02-second.html").contains("rel=\"prev\" href=\"01-intro.html\""))
        // Its only heading is the title, so the page has no contents box.
        #expect(!first.contains("lectern-toc-title"))
    }

    @Test func sectionsAreListedInTheContentsAndLinkToTheirAnchors() throws {
        let h = try Harness(lectures: ["01-s.md": "# S\n\n## One\n\nText.\n\n### One point five\n\n## Two & three\n"])
        defer { h.remove() }
        #expect(try h.run(["build"]).status == 0)
        let page = try h.read("output/01-s.html")
        #expect(page.contains("""
            <h2 id="lectern-toc-title">Contents</h2>
            <ol>
            <li class="toc-level-2"><a href="#one">One</a></li>
            <li class="toc-level-3"><a href="#one-point-five">One point five</a></li>
            <li class="toc-level-2"><a href="#two--three">Two &amp; three</a></li>
            </ol>
            """))
        for id in ["one", "one-point-five", "two--three"] {  // GitHub's ids: "&" dropped, each space a hyphen
            #expect(page.contains(" id=\"\(id)\""), "no anchor \(id)")
        }
    }

    @Test func seedFormulasRenderAsMathML() throws {
        let h = try Harness(lectures: ["01-m.md": "# M\n\n$$\\nabla_{\\theta} J(\\theta) = \\mathbb{E}_{\\tau \\sim p(\\tau; \\theta)} \\left[ r(\\tau) \\nabla_{\\theta} \\log p(\\tau; \\theta) \\right]$$\n\nCosts $5 and $10; inline $r_t = 0$ for $t < T$.\n\n```swift run\nprint(\"$x$ stays\")\n```\n"])
        defer { h.remove() }
        #expect(try h.run(["build"]).status == 0)
        let page = try h.read("output/01-m.html")
        #expect(page.contains("<math display=\"block\">"))
        #expect(page.contains("<annotation encoding=\"application/x-tex\">\\nabla_{\\theta} J(\\theta)"))
        #expect(page.contains("𝔼"))
        #expect(page.contains("Costs $5 and $10; inline <math>"))
        #expect(page.contains("$x$ stays"))
    }
}
