import Foundation
import Testing

@Suite struct BuildTests {
    @Test func sharedStateInlineValuesAndEscaping() throws {
        let h = try Harness(fixture: "basic")
        defer { h.remove() }
        let r = try h.run(["build"])
        #expect(r.status == 0, "\(r.stderr)")
        let page = try h.read("output/01-intro.html")
        // Cell 1 defines x and twice(_:); cell 2 and the prose use them.
        #expect(page.containsCellOutput("x is 21\n"))
        #expect(page.contains("<span class=\"inline-value\" title=\"twice(x)\">42</span>"))
        // Printed HTML is escaped, never live.
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!page.contains("<script>alert(1)"))
        // The allow-error cell shows its trap; the cell below runs from the state before it.
        #expect(page.contains("Fatal error: Index out of range"))
        #expect(page.contains("after the allowed error, x = 21"))
        // The expect-compile-error cell shows the diagnostic at its .md line.
        #expect(page.contains("lectures/01-intro.md:34:14: error: cannot convert value of type"))
        #expect(try h.read("output/index.html").contains("<a href=\"01-intro.html\"><span class=\"lecture-number\">1</span><span class=\"lecture-title\">Intro</span></a>"))
    }

    @Test func hiddenCodeAndHiddenOutput() throws {
        let h = try Harness(fixture: "basic")
        defer { h.remove() }
        #expect(try h.run(["build"]).status == 0)
        let page = try h.read("output/02-second.html")
        #expect(page.contains("only the output of this cell is shown"))
        #expect(!page.htmlText.contains("print(\"only the output"))
        #expect(page.htmlText.contains("print(\"this output is hidden\")"))
        #expect(!page.containsCellOutput(startingWith: "this output is hidden"))
        // A plain ```swift block is shown and never run.
        #expect(page.htmlText.contains("fatalError(\"never runs\")"))
    }

    @Test func compileErrorPointsAtTheMarkdownLine() throws {
        let h = try Harness(fixture: "compile-error")
        defer { h.remove() }
        let r = try h.run(["build"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("lectures/01-broken.md:10:14: error: cannot convert value of type 'String' to specified type 'Int'"), "\(r.stderr)")
        // A failed build leaves no site behind.
        #expect(!h.exists("output"))
    }

    @Test func trapNamesItsCellAndKeepsEarlierOutput() throws {
        let h = try Harness(fixture: "trap")
        defer { h.remove() }
        let r = try h.run(["build"])
        #expect(r.status == 1)
        // At the line that traps, with the runtime's message, once; no runtime source file.
        #expect(r.stderr.contains("lectures/01-trap.md:10:13: error: Fatal error: Index out of range\n"), "\(r.stderr)")
        #expect(!r.stderr.contains("ContiguousArrayBuffer") && r.stderr.components(separatedBy: "Index out of range").count == 2)
        #expect(!h.exists("output"))

        let kept = try h.run(["build", "--keep-going"])
        #expect(kept.status == 1)
        let page = try h.read("output/01-trap.html")
        #expect(page.contains("first cell ran"))
        #expect(page.contains("about to trap"))
        #expect(page.contains("<pre class=\"cell-error\">"))
        #expect(!page.containsCellOutput(startingWith: "never printed"))
        #expect(page.contains("Not run: the program stopped before this cell."))
    }

    @Test func unknownOptionIsRejectedWithSuggestion() throws {
        let h = try Harness(fixture: "bad-option")
        defer { h.remove() }
        let r = try h.run(["build"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("lectures/01-option.md:3: error: unknown cell option 'hide-cod'; did you mean 'hide-code'? (known options: run, hide-code, hide-output, allow-error, expect-compile-error, fold, timeout=SECONDS, slides=false, slides=output)"), "\(r.stderr)")
    }

    @Test func badInvocationExitsTwo() throws {
        let h = try Harness(fixture: "basic")
        defer { h.remove() }
        #expect(try h.run(["build", "--no-such-flag"]).status == 2)
        #expect(try h.run(["build", "--lectures", "missing"]).status == 2)
        #expect(try h.run(["build", "--output", "lectures"]).status == 2)
        #expect(try h.read("lectures/02-second.md").hasPrefix("# Second lecture"))
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let h = try Harness(fixture: "basic")
        defer { h.remove() }
        #expect(try h.run(["build", "--output", "a", "--no-cache"]).status == 0)
        #expect(try h.run(["build", "--output", "b", "--no-cache"]).status == 0)
        for file in ["index.html", "01-intro.html", "02-second.html", "style.css"] {
            #expect(try h.read("a/\(file)") == h.read("b/\(file)"), "\(file) differs")
        }
    }
}
