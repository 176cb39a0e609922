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
        let json = ledgerJSON(try sample(), lecture: "01-x")
        #expect(json == """
        {"lecture":"01-x","passed":1,"failed":2,"checks":[
        {"name":"J \\"exact\\"","kind":"check","file":"lectures/01-x.md","line":12,"passed":true,"figures":{"actual":0.375,"expected":0.375,"tolerance":0,"relative":0,"error":0}},
        {"name":"REINFORCE <unbiased>","kind":"estimate","file":"lectures/01-x.md","line":20,"passed":false,"figures":{"mean":2.5,"se":0.6454972243679028,"z":3.872983346207417,"expected":0,"sigmas":3,"n":4}},
        {"name":"expected output","kind":"output","file":"lectures/01-x.md","line":30,"passed":false,"figures":{"differingLines":2}}
        ]}

        """)
        // It is valid JSON.
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect((parsed?["checks"] as? [Any])?.count == 3)
    }

    @Test func emptyLedger() {
        #expect(ledgerJSON([], lecture: "x") == "{\"lecture\":\"x\",\"passed\":0,\"failed\":0,\"checks\":[]}\n")
        #expect(renderLedger([]) == "")
    }

    @Test func nonFiniteNumbersAndNestedValues() {
        #expect(jsonText(.array([.number(.nan), .number(.infinity), .number(-1.5), .number(3)])) == "[\"nan\",\"inf\",-1.5,3]")
        #expect(jsonText(.object(["b": .bool(true), "a": .null])) == "{\"a\":null,\"b\":true}")
        #expect(jsonString("tab\there\u{1}") == "\"tab\\there\\u0001\"")
    }

    @Test func htmlTableHasEveryCheck() throws {
        let html = renderLedger(try sample())
        #expect(html.contains("<p class=\"summary\">1 passed, 2 failed</p>"))
        #expect(html.contains("<th>Check</th><th>Line</th><th>Value</th><th>Expected</th><th>Tolerance / SE</th><th>Result</th>"))
        #expect(html.contains("<tr class=\"pass\"><td>J &quot;exact&quot;</td><td class=\"num\" title=\"lectures/01-x.md:12\">12</td><td>0.375 (error 0)</td><td>0.375</td><td>exactly</td>"))
        #expect(html.contains("<td>REINFORCE &lt;unbiased&gt;</td>"))
        #expect(html.contains("<td>mean 2.5 (z = 3.87, n = 4)</td><td>0</td><td>SE 0.645497, 3σ</td><td><span class=\"badge\">✗ fail</span></td>"))
        #expect(matches("<tr class=\"(pass|fail)\">", in: html) == ["pass", "fail", "fail"])
    }
}
