import Foundation
import Testing
@testable import Lectern

func checkRecord(_ kind: String, _ fields: String) throws -> Record {
    try record("{\"k\":\"\(kind)\",\"o\":0,\"e\":0,\"name\":\"n <1>\",\"file\":\"lectures/01-x.md\",\"line\":12,\(fields)}")
}

@Suite struct RenderRecordTests {
    @Test func controlRecordsAreNotDrawn() throws {
        for kind in ["start", "begin", "end", "done", "error", "inline"] {
            #expect(renderRecord(try record("{\"k\":\"\(kind)\",\"o\":0,\"e\":0}")) == nil)
        }
    }

    @Test func tableWithHeaderCaptionAndNumericColumns() throws {
        let html = try #require(renderRecord(try record("""
        {"k":"table","o":0,"e":0,"columns":["n","<name>"],"rows":[["1","a & b"],["20","c"]],"numeric":[true,false],"caption":"J(θ) <by> n"}
        """)))
        #expect(html == """
        <figure class="lectern-table">
        <figcaption>J(θ) &lt;by&gt; n</figcaption>
        <div class="lectern-scroll" tabindex="0" role="group" aria-label="Table: J(θ) &lt;by&gt; n"><table>
        <thead><tr><th class="num">n</th><th>&lt;name&gt;</th></tr></thead>
        <tbody>
        <tr><td class="num">1</td><td>a &amp; b</td></tr>
        <tr><td class="num">20</td><td>c</td></tr>
        </tbody>
        </table></div>
        </figure>

        """)
    }

    @Test func tableWithoutHeader() throws {
        let html = try #require(renderRecord(try record("""
        {"k":"table","o":0,"e":0,"columns":[],"rows":[["1","0.5"]],"numeric":[true,true]}
        """)))
        #expect(!html.contains("<thead>"))
        #expect(html.contains("<tr><td class=\"num\">1</td><td class=\"num\">0.5</td></tr>"))
    }

    @Test func plotIsAFigureWithInlineSVG() throws {
        let html = try #require(renderRecord(try plotRecord("\"xScale\":\"linear\",\"yScale\":\"linear\",\"series\":[]")))
        #expect(html.hasPrefix("<figure class=\"lectern-plot\">\n<svg "))
        #expect(html.hasSuffix("</svg>\n</figure>\n"))
    }
}

@Suite struct CheckResultTests {
    @Test func scalarCheck() throws {
        let c = try #require(checkResult(from: try checkRecord("check", """
        "passed":false,"form":"scalar","actual":1.2,"expected":1,"tolerance":0.1,"relative":0,"error":0.19999999999999996
        """)))
        #expect(c.kind == .check && !c.passed)
        #expect(c.name == "n <1>" && c.location == "lectures/01-x.md:12")
        #expect(c.value == "1.2" && c.expected == "1" && c.tolerance == "± 0.1" && c.detail == "error 0.2")
        #expect(c.figures.map(\.name) == ["actual", "expected", "tolerance", "relative", "error"])
        let badge = renderCheckBadge(c, id: "check-n-1")
        #expect(badge == "<details class=\"lectern-check fail\" id=\"check-n-1\" open><summary><span class=\"badge\">✗ fail</span> <span class=\"name\">n &lt;1&gt;</span> <span class=\"figure\">error 0.2 &gt; 0.1</span></summary>\n<dl><dt>value</dt><dd>1.20</dd><dt>expected</dt><dd>1.00</dd><dt>allowance</dt><dd>± 0.1</dd><dt>error</dt><dd>error 0.2</dd><dt>where</dt><dd>lectures/01-x.md:12</dd></dl><a class=\"to-ledger\" href=\"#ledger-check-n-1\">In the verification ledger</a></details>\n")
    }

    @Test func failingChecksThatLookEqualShowEveryDigit() throws {
        let c = try #require(checkResult(from: try checkRecord("check", """
        "passed":false,"form":"scalar","actual":0.30000000000000004,"expected":0.3,"tolerance":0,"relative":0,"error":5.551115123125783e-17
        """)))
        #expect(c.value == "0.30000000000000004" && c.expected == "0.3")
        let v = try #require(checkResult(from: try checkRecord("check", """
        "passed":false,"form":"vector","actual":[1,0.30000000000000004],"expected":[1,0.3],"tolerance":0,"relative":0,"error":5.551115123125783e-17,"worst":1
        """)))
        #expect(v.value == "[1.0, 0.30000000000000004]" && v.expected == "[1.0, 0.3]")
        let shortPass = try #require(checkResult(from: try checkRecord("check", """
        "passed":true,"form":"scalar","actual":0.30000000000000004,"expected":0.3,"tolerance":1e-12,"relative":0,"error":5.551115123125783e-17
        """)))
        #expect(shortPass.value == "0.3")
    }

    @Test func exactAndRelativeAllowances() {
        #expect(allowance(tolerance: 0, relative: 0) == "exactly")
        #expect(allowance(tolerance: 1e-6, relative: 0) == "± 1e-06")
        #expect(allowance(tolerance: 0, relative: 0.01) == "± 0.01·|expected|")
    }

    @Test func vectorCheckShowsWorstComponent() throws {
        let c = try #require(checkResult(from: try checkRecord("check", """
        "passed":true,"form":"vector","actual":[1,2,3,4,5,6,7],"expected":[1,2,3,4,5,6,7.5],"tolerance":1,"relative":0,"error":0.5,"worst":6
        """)))
        #expect(c.passed)
        #expect(c.value == "[1, 2, 3, 4, 5, 6, … (7 in all)]")
        #expect(c.detail == "max error 0.5 at [6]")
        #expect(renderCheckBadge(c).hasPrefix("<details class=\"lectern-check pass\"><summary>"))
        #expect(renderCheckBadge(c).contains("<span class=\"figure\">error 0.5 ≤ 1</span></summary>"))
        // Every component is in the details, with the digits the tolerance needs.
        #expect(renderCheckBadge(c).contains("<dt>value</dt><dd>[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]</dd>"))
    }

    @Test func equalityAndCondition() throws {
        let e = try #require(checkResult(from: try checkRecord("check", "\"passed\":false,\"form\":\"equal\",\"actual\":\"3\",\"expected\":\"4\"")))
        #expect(e.value == "3" && e.expected == "4" && e.tolerance.isEmpty)
        let c = try #require(checkResult(from: try checkRecord("check", "\"passed\":true,\"form\":\"condition\"")))
        #expect(c.passed && c.figures.isEmpty)
        #expect(renderCheckBadge(c).contains("<span class=\"figure\">holds</span>"))
        #expect(renderCheckBadge(e).contains("<span class=\"figure\">got 3, expected 4</span>"))
    }

    @Test func scalarEstimate() throws {
        let c = try #require(checkResult(from: try checkRecord("estimate", """
        "passed":true,"form":"scalar","n":4,"sigmas":4,"mean":2.5,"se":0.6454972243679028,"z":3.872983346207417,"expected":0
        """)))
        #expect(c.kind == .estimate)
        #expect(c.value == "mean 2.5" && c.expected == "0")
        #expect(c.tolerance == "SE 0.645497, 4σ")
        #expect(c.detail == "z = 3.87, n = 4")
        #expect(renderCheckBadge(c).contains("<span class=\"figure\">z = 3.87, |z| ≤ 4</span>"))
        #expect(renderCheckBadge(c).contains("<dt>mean</dt><dd>2.500</dd><dt>expected</dt><dd>0</dd>"))
    }

    @Test func vectorEstimateAndNote() throws {
        let c = try #require(checkResult(from: try checkRecord("estimate", """
        "passed":false,"form":"vector","n":2,"sigmas":2,"mean":[2,1],"se":[1,1],"z":[1,3],"expected":[1,-2],"worst":1,"maxZ":3,"note":"a <note>"
        """)))
        #expect(!c.passed)
        #expect(c.value == "mean [2, 1]" && c.expected == "[1, -2]")
        #expect(c.tolerance == "SE[1] 1, 2σ")
        #expect(c.detail == "worst z = 3 at [1], n = 2")
        #expect(c.note == "a <note>")
        #expect(renderCheckBadge(c).contains("a &lt;note&gt;"))
    }

    @Test func digitsFollowTheTolerance() {
        #expect(digitsText(0.123456789012345, tolerance: 1e-12) == "0.1234567890123")
        #expect(digitsText(0.3333333333333333, tolerance: 1e-3) == "0.3333")
        #expect(digitsText(-0.000954999235, tolerance: 1e-8) == "-0.000954999")
        #expect(digitsText(0, tolerance: 1e-8) == "0")
        #expect(digitsText(1.5e20, tolerance: 1e6) == "1.500000000000000e+20")
        // An exact check shows every digit: the shortest text that reads back as the same number.
        #expect(digitsText(0.30000000000000004, tolerance: 0) == "0.30000000000000004")
        #expect(shortFigure(1.1102230246251565e-16) == "1.11e-16" && shortFigure(0.2) == "0.2")
    }

    @Test func checkNamesRenderTheirMath() {
        #expect(renderCheckName("a < b") == "a &lt; b")
        let html = renderCheckName("$\\nabla J$ by <enumeration>")
        #expect(html.hasPrefix("<math") && html.hasSuffix("</math> by &lt;enumeration&gt;"))
        #expect(html.contains("<mi>J</mi>"))
        // Not TeX: shown as written.
        #expect(renderCheckName("costs $5 and $6") == "costs $5 and $6")
        #expect(renderCheckName("$\\frac{1}$ fails") == "$\\frac{1}$ fails")
    }

    @Test func otherRecordsAreNotChecks() throws {
        #expect(checkResult(from: try record("{\"k\":\"table\",\"o\":0,\"e\":0}")) == nil)
    }

    @Test func figuresReadWell() {
        #expect(figureText(0.5) == "0.5")
        #expect(figureText(1.0 / 3) == "0.333333")
        #expect(figureText(2e-10) == "2e-10")
        #expect(figureText(1.5e20) == "1.5e+20")
        #expect(figureText(-3) == "-3")
        #expect(figureText(.nan) == "nan" && figureText(-.infinity) == "-inf")
    }
}

@Suite struct OutputComparisonTests {
    @Test func trailingWhitespaceAndFinalNewlinesAreIgnored() {
        #expect(compareExpectedOutput(expected: "a\nb\n", actual: "a  \nb\t\n\n").matches)
        #expect(compareExpectedOutput(expected: "a\r\nb", actual: "a\nb\n").matches)
        #expect(compareExpectedOutput(expected: "", actual: "\n").matches)
        #expect(!compareExpectedOutput(expected: " a", actual: "a").matches)
        #expect(!compareExpectedOutput(expected: "a\n\nb", actual: "a\nb").matches)
    }

    @Test func mismatchIsALineDiff() {
        let c = compareExpectedOutput(expected: "J = 0.5\nsteps = 4\nend\n", actual: "J = 0.49\nsteps = 4\nextra\nend\n")
        #expect(!c.matches)
        #expect(c.lines == [.missing("J = 0.5"), .extra("J = 0.49"), .same("steps = 4"), .extra("extra"), .same("end")])
        #expect(c.diffText() == "- J = 0.5\n+ J = 0.49\n  steps = 4\n+ extra\n  end")
    }

    @Test func longUnchangedRunsAreCollapsed() {
        let same = (1...20).map { "line \($0)" }
        let c = compareExpectedOutput(expected: (same + ["x"]).joined(separator: "\n"),
                                      actual: (same + ["y"]).joined(separator: "\n"))
        #expect(c.diffText(context: 2) == "  …\n  line 19\n  line 20\n- x\n+ y")
        let html = renderOutputComparison(c, context: 1)
        #expect(html == "<pre class=\"lectern-diff\" tabindex=\"0\" role=\"group\" aria-label=\"Expected and printed output\"><code><span class=\"skip\">  …</span>\n<span class=\"same\">  line 20</span>\n<del>- x</del>\n<ins>+ y</ins>\n</code></pre>\n")
    }

    @Test func diffIsEscapedAndCountsAsACheck() {
        let c = compareExpectedOutput(expected: "<a>", actual: "&")
        #expect(renderOutputComparison(c).contains("<del>- &lt;a&gt;</del>\n<ins>+ &amp;</ins>"))
        let check = CheckResult(output: c, file: "lectures/01-x.md", line: 7)
        #expect(check.kind == .output && !check.passed && check.value == "2 lines differ")
        #expect(renderCheckBadge(check).contains("2 lines differ"))
        #expect(CheckResult(output: compareExpectedOutput(expected: "a", actual: "a"), file: "f", line: 1).passed)
    }
}
