import Foundation
import Testing
@testable import Lectern

/// Tests/Shared/records.jsonl is written by NotebookTests (`recordsMatchTheSharedFixture`)
/// from the runtime's own record builders; here the pipeline decodes it. Renaming a
/// field on one side fails a test on the other, not only the end-to-end tests.
@Suite struct RecordFixtureTests {
    static var fixture: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Shared/records.jsonl")
    }

    @Test func theRuntimesRecordsDecodeIntoTypedValues() throws {
        let records = Record.parseFile(try Data(contentsOf: Self.fixture))
        let values = records.map(RecordValue.init)
        try #require(values.count == 10)
        #expect(values[0] == .start(seed: 23))
        #expect(values[1] == .begin(cell: 0, time: 1.5))
        guard case .check(let exact) = values[2], case .check(let vector) = values[3], case .check(let estimate) = values[4],
              case .table(let table) = values[5], case .plot(let plot) = values[6] else {
            Issue.record("unexpected kinds: \(values)")
            return
        }
        #expect(exact.kind == .check && exact.name == "J exact" && exact.passed && exact.file == "lectern-cell-0" && exact.line == 3)
        #expect(exact.value == "0.375" && exact.expected == "0.375" && exact.tolerance == "± 1e-12")
        #expect(vector.kind == .check && !vector.passed && vector.detail == "max error 0.5 at [1]")
        #expect(estimate.kind == .estimate && estimate.passed && estimate.value == "mean 1.05" && estimate.detail.hasSuffix("n = 4"))
        #expect(table == TableRecord(columns: ["n", "J"], rows: [["1", "0.50"], ["2", "0.25"]], numeric: [true, true], caption: "J by n"))
        let spec = PlotSpec(plot.fields)
        #expect(spec.title == "Returns" && spec.xTitle == "episode" && spec.yTitle == "return")
        #expect(spec.series.map(\.type) == ["line", "hline"] && spec.series[0].ys == [0.5, 0.7, 0.9] && spec.series[1].value == 1)
        #expect(values[7] == .end(cell: 0, time: 2.5))
        #expect(values[8] == .inline(index: 0, text: "0.333333"))
        #expect(values[9] == .done)
    }
}
