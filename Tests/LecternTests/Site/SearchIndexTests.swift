import Foundation
import Testing
@testable import Lectern

@Suite struct SearchIndexTests {
    @Test func sectionsSplitAtHeadingsAndLeaveOutCodeAndBadges() {
        let html = """
        <p>Intro &amp; <em>more</em>.</p>
        <h2 id="a-b">A &lt;b&gt; <a class="anchor" href="#a-b" aria-label="Link to this section">#</a></h2>
        <p>Text with <math display="inline"><semantics><mi>x</mi><annotation encoding="application/x-tex">x^2</annotation></semantics></math> in it.</p>
        <pre class="cell-code"><code>let hidden = 1</code></pre>
        <details class="lectern-check pass"><summary>badge text</summary></details>
        <h3 id="c">C</h3><p>Last.</p>
        """
        let s = sections(ofHTML: html)
        #expect(s.count == 3)
        #expect(s[0].id == nil && s[0].text == "Intro & more.")
        #expect(s[1].id == "a-b" && s[1].heading == "A <b>")
        #expect(s[1].text == "Text with x^2 in it.")
        #expect(s[2].id == "c" && s[2].heading == "C" && s[2].text == "Last.")
    }

    @Test func indexIsAScriptWithEscapedJSON() throws {
        let doc = SearchDocument(title: "T \"q\"", href: "01-t.html",
                                 sections: [.init(id: "", heading: "T", text: "a\nb"), .init(id: "h", heading: "H", text: "c")],
                                 checks: [(id: "check-x", name: "x")])
        let js = searchIndexScript([doc])
        #expect(js.hasPrefix("window.LECTERN_SEARCH=[\n") && js.hasSuffix("\n];\n"))
        let json = String(js.dropFirst("window.LECTERN_SEARCH=".count).dropLast(2))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(parsed[0]["t"] as? String == "T \"q\"" && parsed[0]["u"] as? String == "01-t.html")
        #expect((parsed[0]["s"] as? [[String]])?[0] == ["", "T", "a\nb"])
        #expect((parsed[0]["c"] as? [[String]]) == [["check-x", "x"]])
    }
}
