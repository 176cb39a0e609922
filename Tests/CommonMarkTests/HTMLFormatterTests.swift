import Testing
@testable import CommonMark

/// Our HTML must be cmark's HTML, byte for byte, for ordinary Markdown.
@Suite struct HTMLFormatterTests {
    static let samples: [String] = [
        "# Heading\n\nA *paragraph* with **strong**, `code` and a [link](http://x.org \"T\").\n",
        "- tight\n- list\n\n1. ordered\n2. list\n",
        "- loose\n\n- list\n\n  with two paragraphs\n",
        "3) start at three\n4) next\n",
        "> quote\n> - inner\n\n---\n",
        "```python extra words\nprint(1 < 2 & 3)\n```\n",
        "    indented code\n",
        "Line one  \nline two\\\nline three\nsoft\n",
        "![alt *emph* `c`](img.png \"t\") and <span>raw</span>\n\n<div>\nblock\n</div>\n",
        "Escapes: \\* & < > \" ' and entities &amp; &copy; &#35;\n",
        "[bad](javascript:alert(1)) [ok](https://e.com/a b?q=1&r='x'[]) [data](data:image/png;base64,AA) [d2](data:text/html,x)\n",
        "<http://autolink.org/path?x=1> and <me@example.com>\n",
        "Setext\n======\n\nSub\n---\n",
        "* a\n  * b\n    * c\n",
        "Unicode: ünïcödé — “quotes” 𝔼\n",
        "",
        "Text with <!-- comment --> inline\n",
        "| not | a table |\n|---|---|\n",
        "1. a\n\n   ```\n   code in item\n   ```\n2. b\n",
    ]

    @Test(arguments: samples)
    func matchesCmark(_ markdown: String) {
        let ours = HTMLFormatter().render(CommonMark.parse(markdown))
        #expect(ours == CommonMark.cmarkHTML(markdown))
    }

    @Test func overrideReplacesChosenNodes() {
        let doc = CommonMark.parse("# Title\n\nhello *world*\n")
        let html = HTMLFormatter { node, formatter in
            if case .heading(let level) = node.kind {
                return "<h\(level) id=\"t\">\(formatter.renderChildren(of: node))</h\(level)>\n"
            }
            return nil
        }.render(doc)
        #expect(html == "<h1 id=\"t\">Title</h1>\n<p>hello <em>world</em></p>\n")
    }

    @Test func overrideIsCalledOnlyForTheNamedTypes() {
        let doc = CommonMark.parse("# T\n\nhello *world* and *more*\n")
        var seen: [NodeType] = []
        let html = HTMLFormatter(overriding: [.emphasis]) { node, formatter in
            seen.append(node.type)
            return "<i>" + formatter.renderChildren(of: node) + "</i>"
        }.render(doc)
        #expect(seen == [.emphasis, .emphasis])
        #expect(html == "<h1>T</h1>\n<p>hello <i>world</i> and <i>more</i></p>\n")
    }

    @Test func escapeHTMLEscapesTheFourCharacters() {
        #expect(escapeHTML("<a href=\"x\">&'</a>") == "&lt;a href=&quot;x&quot;&gt;&amp;'&lt;/a&gt;")
        #expect(escapeHTML("plain") == "plain")
    }
}
