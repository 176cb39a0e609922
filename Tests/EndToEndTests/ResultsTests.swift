import Foundation
import Testing

/// Checks, tables, plots and inline values, end to end: in the page, in the exit status and in the summary line.
@Suite struct ResultsEndToEndTests {
    @Test func passingChecksTablesPlotsAndLedger() throws {
        let h = try Harness(fixture: "results-pass")
        defer { h.remove() }
        let check = try h.run(["check"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.hasSuffix("8 passed, 0 failed\n"), "\(check.stdout)")
        #expect(!h.exists("output"))

        let build = try h.run(["build"])
        #expect(build.status == 0)
        let page = try h.read("output/01-results.html")
        #expect(page.components(separatedBy: "class=\"lectern-check pass\"").count - 1 == 8)
        #expect(!page.contains("class=\"lectern-check fail\""))
        for inline in ["0.333333", "[0.5, 0.25]", "&lt;b&gt;&amp;"] {
            #expect(page.contains(inline), "missing inline value \(inline)")
        }
        #expect(page.contains("Halves &amp; quarters</figcaption>"))
        #expect(page.contains("<td class=\"num\">0.50</td>"))
        #expect(page.components(separatedBy: "<svg").count - 1 == 2)
        #expect(page.contains("<title>Running mean of &lt;samples&gt;: mean against n (running mean, exact)</title>"))
        #expect(page.contains("<section class=\"ledger\" id=\"lectern-ledger\""))
        #expect(page.contains("<span class=\"n-pass\">8 passed</span>, <span class=\"n-none\">0 failed</span>"))
        #expect(page.contains("<a href=\"01-results.checks.json\">all figures as JSON</a>"))
        // What a cell prints is text, never a record: the forged check is shown, not counted.
        #expect(page.contains("&quot;name&quot;:&quot;forged&quot;"))
        #expect(!page.contains("lectern-check fail"))
        let ledger = try h.read("output/01-results.checks.json")
        #expect(ledger.contains("\"lecture\""))
        #expect(ledger.contains("01-results.md"))
    }

    @Test func failingChecksFailTheBuildAtTheirLines() throws {
        let h = try Harness(fixture: "results-fail")
        defer { h.remove() }
        let check = try h.run(["check"])
        #expect(check.status == 1)
        #expect(check.stdout.hasSuffix("1 passed, 8 failed\n"), "\(check.stdout)")
        for (line, name) in [(19, "scalar off"), (20, "not exact"), (21, "vector off"), (22, "count"),
                             (23, "impossible"), (24, "biased mean"), (25, "biased vector"), (33, "expected output")] {
            #expect(check.stderr.contains("lectures/01-failing.md:\(line): error: check failed: \(name)"), "line \(line)")
        }
        // The output mismatch shows its difference in the terminal too.
        #expect(check.stderr.contains("check failed: expected output (value 2 lines differ)\n- J = 0.5\n+ J = 0.49"), "\(check.stderr)")
        let build = try h.run(["build"])
        #expect(build.status == 1)
        #expect(!h.exists("output"))
        let kept = try h.run(["build", "--keep-going"])
        #expect(kept.status == 1)
        let page = try h.read("output/01-failing.html")
        #expect(page.components(separatedBy: "class=\"lectern-check fail\"").count - 1 == 8)
        #expect(page.contains("J = 0.5") && page.contains("J = 0.49"))
    }

    @Test func seedsReportHowOftenStatisticalChecksFail() throws {
        let h = try Harness(fixture: "results-pass")
        defer { h.remove() }
        let r = try h.run(["check", "--seeds", "3"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("checks over 3 more seeds:"))
        #expect(r.stdout.contains(": failed 0 of 3"))
        #expect(r.stdout.hasSuffix("8 passed, 0 failed\n"))
    }
}
