import Foundation
import Testing
@testable import Lectern

@Suite struct LedgerTests {
    func sample() throws -> [CheckResult] {
        let scalar = try #require(checkResult(from: try record("""
        {"k":"check","o":0,"e":0,"name":"J \\"exact\\"","file":"lectures/01-x.md","line":12,"passed":true,"form":"scalar","actual":0.375,"expected":0.375,"tolerance":0,"relative":0,"error":0}
        """)))
        let estimate = try #require(checkResult(from: try record("""
        {"k":"estimate","o":0,"e":0,"name":"REINFORCE <unbiased>","file":"lectures/01-x.md","line":20,"passed":false,"form":"scalar","n":4,"sigmas":3,"mean":2.5,"se":0.6454972243679028,"z":3.872983346207417,"expected":0}
        """)))
        let output = CheckResult(output: compareExpectedOutput(expected: "a", actual: "b"), file: "lectures/01-x.md", line: 30)
        return [scalar, estimate, output]
    }

    @Test func jsonIsStableAndComplete() throws {
        let json = ledgerJSON(try sample(), lecture: "01-x.md",
                              provenance: LedgerProvenance(seed: 23, compiler: "Swift version 6", sourceSHA256: "ab12"))
        #expect(json == """
        {"schema":2,"lecture":"01-x.md","source_sha256":"ab12","seed":23,"lectern":"\(lecternVersion)","compiler":"Swift version 6","passed":1,"failed":2,"checks":[
        {"id":"check-j-exact","name":"J \\"exact\\"","kind":"check","file":"lectures/01-x.md","line":12,"passed":true,"figures":{"actual":0.375,"expected":0.375,"tolerance":0,"relative":0,"error":0}},
        {"id":"check-reinforce-unbiased","name":"REINFORCE <unbiased>","kind":"estimate","file":"lectures/01-x.md","line":20,"passed":false,"figures":{"mean":2.5,"se":0.6454972243679028,"z":3.872983346207417,"expected":0,"sigmas":3,"n":4}},
        {"id":"check-expected-output","name":"expected output","kind":"output","file":"lectures/01-x.md","line":30,"passed":false,"figures":{"differingLines":2}}
        ]}

        """)
        // It is valid JSON.
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect((parsed?["checks"] as? [Any])?.count == 3)
        #expect(parsed?["schema"] as? Int == ledgerSchemaVersion)
    }

    @Test func emptyLedger() {
        #expect(ledgerJSON([], lecture: "x") == "{\"schema\":2,\"lecture\":\"x\",\"source_sha256\":\"\",\"seed\":null,\"lectern\":\"\(lecternVersion)\",\"compiler\":\"\",\"passed\":0,\"failed\":0,\"checks\":[]}\n")
        #expect(renderLedger([]) == "")
    }

    @Test func idsAreStableSlugsNumberedWhenRepeated() {
        #expect(checkSlug("E[r(τ) ∇log p(τ)] equals $\\nabla_\\theta J$") == "e-r-log-p-equals-j")
        #expect(checkSlug("∇") == "check")
        let c = CheckResult(kind: .check, name: "same", file: "f", line: 1, passed: true)
        #expect(CheckIDs.assign([c, c, c]) == ["check-same", "check-same-2", "check-same-3"])
    }

    @Test func nonFiniteNumbersAndNestedValues() {
        #expect(jsonText(.array([.number(.nan), .number(.infinity), .number(-1.5), .number(3)])) == "[\"nan\",\"inf\",-1.5,3]")
        #expect(jsonText(.object(["b": .bool(true), "a": .null])) == "{\"a\":null,\"b\":true}")
        #expect(jsonString("tab\there\u{1}") == "\"tab\\there\\u0001\"")
    }

    @Test func ledgerIsACompactSummaryFailuresFirst() throws {
        let html = renderLedger(try sample(), json: "01-x.checks.json")
        #expect(html.hasPrefix("<p class=\"ledger-counts\"><span class=\"n-pass\">1 passed</span>, <span class=\"n-fail\">2 failed</span> · <a href=\"01-x.checks.json\">all figures as JSON</a></p>\n"))
        // The failures come first, in a list of their own; the passes are collapsed.
        let failed = try #require(html.range(of: "<ol class=\"ledger-list ledger-failed\">"))
        let passed = try #require(html.range(of: "<details class=\"ledger-passed\"><summary>1 passed check</summary>"))
        #expect(failed.lowerBound < passed.lowerBound)
        #expect(html.contains("<li id=\"ledger-check-reinforce-unbiased\" class=\"fail\"><a href=\"#check-reinforce-unbiased\">REINFORCE &lt;unbiased&gt;</a> <span class=\"figure\">z = 3.87, |z| &gt; 3</span> <span class=\"line\">line 20</span></li>"))
        #expect(html.contains("<li id=\"ledger-check-j-exact\" class=\"pass\"><a href=\"#check-j-exact\">J &quot;exact&quot;</a> <span class=\"figure\">exactly equal</span>"))
        #expect(!html.contains("<table"))
    }
}
