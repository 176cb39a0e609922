import Foundation
import Testing
import CommonMark
@testable import Lectern

/// Math on cmark's blocks and the GitHub-flavoured passes, as spec-style examples:
/// each Markdown with the HTML it must give (math as `\(...\)` / `\[...\]`).
@Suite struct MarkdownReaderTests {
    struct Example: CustomTestStringConvertible, Sendable {
        var markdown: String
        var html: String
        var testDescription: String { markdown.debugDescription }
    }

    static let math: [Example] = [
        .init(markdown: "Let $x^2$ be.\n", html: "<p>Let <span class=\"math inline\">\\(x^2\\)</span> be.</p>\n"),
        .init(markdown: "$$a$$ and $b$5\n", html: "<p><span class=\"math display\">\\[a\\]</span> and <span class=\"math inline\">\\(b\\)</span>5</p>\n"),
        .init(markdown: "costs $5 and $ 10$\n", html: "<p>costs $5 and $ 10$</p>\n"),
        .init(markdown: "[x](https://a.org/a$b$c)\n", html: "<p><a href=\"https://a.org/a$b$c\">x</a></p>\n"),
        .init(markdown: "![plot of $f(x)$](p.png \"t $y$\")\n", html: "<p><img src=\"p.png\" alt=\"plot of $f(x)$\" title=\"t $y$\" /></p>\n"),
        .init(markdown: "`a$b$` <http://a$b$c> <span title=\"$t$\">\n", html: "<p><code>a$b$</code> <a href=\"http://a$b$c\">http://a$b$c</a> <span title=\"$t$\"></p>\n"),
        .init(markdown: "> $$\n> x\n> $$\n", html: "<blockquote>\n<p><span class=\"math display\">\\[\nx\n\\]</span></p>\n</blockquote>\n"),
        .init(markdown: "- first $a\n- second b$\n", html: "<ul>\n<li>first $a</li>\n<li>second b$</li>\n</ul>\n"),
        .init(markdown: "we pay $$ here\n", html: "<p>we pay $$ here</p>\n"),
        .init(markdown: "$$a\n\nb$$\n", html: "<p>$$a</p>\n<p>b$$</p>\n"),
        .init(markdown: "- ```\n  $x$\n  ```\n", html: "<ul>\n<li>\n<pre><code>$x$\n</code></pre>\n</li>\n</ul>\n"),
        .init(markdown: "# T\n    $x$\n", html: "<h1>T</h1>\n<pre><code>$x$\n</code></pre>\n"),
        .init(markdown: "$a{$b}$ and $}$ and \\$x$\n", html: "<p><span class=\"math inline\">\\(a{$b}\\)</span> and $}$ and $x$</p>\n"),
        .init(markdown: "$a_b$ and $c_d$\n", html: "<p><span class=\"math inline\">\\(a_b\\)</span> and <span class=\"math inline\">\\(c_d\\)</span></p>\n"),
    ]

    static let gfm: [Example] = [
        .init(markdown: "| a | b |\n|:-|:-:|\n| x | y\\|z |\n",
              html: "<table>\n<thead>\n<tr>\n<th align=\"left\">a</th>\n<th align=\"center\">b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td align=\"left\">x</td>\n<td align=\"center\">y|z</td>\n</tr>\n</tbody>\n</table>\n"),
        .init(markdown: "para\n| a |\n|--:|\n| $x|y$ | extra |\nlazy\n",
              html: "<p>para</p>\n<table>\n<thead>\n<tr>\n<th align=\"right\">a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td align=\"right\">$x</td>\n</tr>\n<tr>\n<td align=\"right\">lazy</td>\n</tr>\n</tbody>\n</table>\n"),
        .init(markdown: "a\n-|-\nx\n", html: "<p>a\n-|-\nx</p>\n"),
        .init(markdown: "| a |\n|-|\n", html: "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n</table>\n"),
        .init(markdown: "| *a* | $x$ |\n|-|-|\n",
              html: "<table>\n<thead>\n<tr>\n<th><em>a</em></th>\n<th><span class=\"math inline\">\\(x\\)</span></th>\n</tr>\n</thead>\n</table>\n"),
        .init(markdown: "~~a~~ ~b~ ~~~c~~~\n", html: "<p><del>a</del> <del>b</del> ~~~c~~~</p>\n"),
        .init(markdown: "www.a.org, https://b.c/d. me@x.org\n",
              html: "<p><a href=\"http://www.a.org\">www.a.org</a>, <a href=\"https://b.c/d\">https://b.c/d</a>. <a href=\"mailto:me@x.org\">me@x.org</a></p>\n"),
        .init(markdown: "- [ ] t\n- [x] u\n- [ ]\n> - [ ] q\n",
              html: "<ul>\n<li><input type=\"checkbox\" disabled=\"\" /> t</li>\n<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> u</li>\n<li>[ ]</li>\n</ul>\n<blockquote>\n<ul>\n<li>[ ] q</li>\n</ul>\n</blockquote>\n"),
        .init(markdown: "x<sup>2</sup> H<sub>2</sub>O a<br>b\n\n<div>\nkept\n</div>\n",
              html: "<p>x<sup>2</sup> H<sub>2</sub>O a<br>b</p>\n<div>\nkept\n</div>\n"),
    ]

    @Test(arguments: math) func mathExamples(_ e: Example) {
        #expect(MarkdownPreview(e.markdown).html == e.html)
    }

    @Test(arguments: gfm) func gfmExamples(_ e: Example) {
        #expect(MarkdownPreview(e.markdown).html == e.html)
    }

    @Test func anUnclosedDisplayIsAWarningAtItsPosition() {
        #expect(MarkdownPreview("a\n\nwe pay $$ here\n").warnings == ["3:8: unclosed $$: no closing $$ in this paragraph, so it stays text"])
    }

    /// Punctuation after inline math joins it in one group, once: a group is never
    /// grouped again (that looped, allocating, on "$a$ for $t < T$.").
    @Test func punctuationAfterMathIsGroupedOnce() {
        let read = MarkdownReader.read("$a$ for $t < T$. And $x$, $y$\n", keepingPunctuationWithMath: true)
        var formatter = HTMLFormatter()
        formatter.unsafe = true
        let html = formatter.render(read.document)
        #expect(html.components(separatedBy: "<span class=\"nobr\">").count - 1 == 2, "\(html)")
        #expect(html.contains("</span>.</span> And"), "\(html)")
    }

    @Test func mathNodesAreNumberedInDocumentOrder() {
        let p = MarkdownPreview("# $h$\n\n| $c$ |\n|-|\n\n> $q$ and $$d$$\n")
        #expect(p.math.map(\.tex) == ["h", "c", "q", "d"])
        #expect(p.math.map(\.line) == [1, 3, 6, 6])
        #expect(p.math[2].column == 4)
    }

    /// Math mixed with links, images, titles, code, quotes, lists and tables: no
    /// private-use character the reader uses as a token ever reaches the HTML.
    @Test func noTokenReachesThePage() {
        let pieces = ["$", "$$", "$x$", "[", "](", ")", "![", "\"t $a$\"", "`", "<b title=\"$c$\">", "\n", "\n> ", "\n- ", "\n| ",
                      " | ", "\n|-|-|\n", "\n```\n", "\n    ", "\\", "{", "}", "word", " ", "*", "~~", "www.a.b"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            var doc = ""
            for _ in 0..<Int.random(in: 1...30, using: &rng) { doc += pieces.randomElement(using: &rng) ?? "" }
            let html = MarkdownPreview(doc).html
            let leaked = html.unicodeScalars.contains { $0.value >= 0xE000 && $0.value <= 0xF8FF }
            #expect(!leaked, "\(doc.debugDescription)")
            if leaked { break }
        }
    }

    /// Differential: the same HTML as cmark-gfm on documents made of the constructs the
    /// passes handle. (`bench/markdown` measures the same on thousands of random documents.)
    @Test func agreesWithCmarkGFMOnMostGeneratedDocuments() throws {
        let tool = "/usr/bin/cmark-gfm"
        try #require(FileManager.default.isExecutableFile(atPath: tool), "install cmark-gfm (.ci/setup does)")
        let rows = ["| a | b |", "|---|:-:|", "a | b", "| `c|d` | \\| |", "| ~~s~~ | www.e.org |", "- [ ] task", "- [x] done",
                    "text ~~del~~ and *em*", "see https://x.y/z. or me@x.org", "<sup>2</sup> raw", "> quote", ""]
        var agree = 0
        let n = 150
        var generator = SplitMix(seed: 13)
        for _ in 0..<n {
            let doc = (0..<Int.random(in: 1...6, using: &generator)).map { _ in rows.randomElement(using: &generator) ?? "" }.joined(separator: "\n") + "\n"
            let p = Process()
            p.executableURL = URL(fileURLWithPath: tool)
            p.arguments = ["--unsafe", "-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tasklist"]
            let input = Pipe(), output = Pipe()
            p.standardInput = input
            p.standardOutput = output
            try p.run()
            input.fileHandleForWriting.write(Data(doc.utf8))
            try input.fileHandleForWriting.close()
            let theirs = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            if MarkdownPreview(doc).html == theirs { agree += 1 }
        }
        #expect(Double(agree) / Double(n) >= 0.95, "\(agree)/\(n) documents agree with cmark-gfm")
    }
}

/// A small seeded generator, so the differential test's documents are the same every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
