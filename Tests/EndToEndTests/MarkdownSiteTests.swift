import Foundation
import Testing

/// Links, assets, figures and warnings, end to end: the binary on small lecture folders.
@Suite struct MarkdownSiteTests {
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF, 0x10])

    @Test func assetsAreCopiedAndLectureLinksBecomePages() throws {
        let h = try Harness(lectures: [
            "01-a.md": Data("# A\n\n![Plot](figs/p.png)\n\nAgain ![p](figs/p.png), [data](figs/p.png), [next](02-b.md#the-end), [me](#figure-1).\n".utf8),
            "02-b.md": Data("# B\n\n## The end\n\n| x | y |\n|---|--:|\n| $a$ | ~~b~~ |\n".utf8),
            "NOTES.md": Data("# not a page\n".utf8),
            "figs/p.png": Self.png,
        ])
        defer { h.remove() }
        let r = try h.run(["build", "-v"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("skipped lectures/NOTES.md: not a lecture"))
        #expect(try Data(contentsOf: h.directory.appendingPathComponent("output/figs/p.png")) == Self.png)
        #expect(!FileManager.default.fileExists(atPath: h.directory.appendingPathComponent("output/NOTES.html").path))
        let a = try h.read("output/01-a.html")
        #expect(a.contains("<figure id=\"figure-1\">\n<img src=\"figs/p.png\" alt=\"Plot\" />\n<figcaption><span class=\"figure-number\">Figure 1.</span> Plot</figcaption>\n</figure>"))
        #expect(a.contains("<a href=\"02-b.html#the-end\">next</a>"))
        let b = try h.read("output/02-b.html")
        #expect(b.contains("<td align=\"right\"><del>b</del></td>"))
    }

    @Test func brokenLinksAreErrorsAtTheirPosition() throws {
        let h = try Harness(lectures: [
            "01-a.md": "# A\n\n![x](figs/q.png) [b](02-b.md#nope) [c](#a2) [d](../up.txt)\n",
            "02-b.md": "# B\n\n## Yes\n",
            "figs/p.png": "png",
        ])
        defer { h.remove() }
        let r = try h.run(["build"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("lectures/01-a.md:3:1: error: the linked file 'figs/q.png' does not exist; did you mean 'figs/p.png'?"), "\(r.stderr)")
        #expect(r.stderr.contains("lectures/01-a.md:3:18: error: no heading or figure with the id 'nope' on 02-b.md"))
        #expect(r.stderr.contains("lectures/01-a.md:3:36: error: no heading or figure with the id 'a2' on this page; did you mean '#a'?"))
        #expect(r.stderr.contains("lectures/01-a.md:3:45: error: the link '../up.txt' leaves the lectures folder"))
    }

    @Test func warningsPassUnlessStrict() throws {
        let h = try Harness(lectures: ["01-a.md": "---\ntags: [x]\n---\n# A\n\nwe pay $$ here\n"])
        defer { h.remove() }
        let r = try h.run(["build"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("lectures/01-a.md:6:8: warning: unclosed $$"))
        #expect(r.stderr.contains("lectures/01-a.md:2:1: warning: unknown front matter key 'tags'"))
        let strict = try h.run(["build", "--strict"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("lectures/01-a.md:6:8: error: unclosed $$"))
    }
}
