import Foundation
import Testing
@testable import Notebook
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Looks up a field of a record built by the runtime.
func field(_ fields: [(String, JSONValue)], _ key: String) -> JSONValue? {
    fields.first { $0.0 == key }?.1
}

func number(_ v: JSONValue?) -> Double? {
    if case .number(let x) = v { return x }
    return nil
}

func numbers(_ v: JSONValue?) -> [Double]? {
    guard case .array(let items) = v else { return nil }
    return items.compactMap { number($0) }
}

func strings(_ v: JSONValue?) -> [String]? {
    guard case .array(let items) = v else { return nil }
    return items.compactMap { if case .string(let s) = $0 { return s }; return nil }
}

func rows(_ fields: [(String, JSONValue)]) -> [[String]] {
    guard case .array(let rows) = field(fields, "rows") else { return [] }
    return rows.map { strings($0) ?? [] }
}

@Suite struct StatisticsTests {
    @Test func meanSdAndStandardErrorByHand() {
        // [1, 2, 3, 4]: mean 2.5, squared deviations 2.25+0.25+0.25+2.25 = 5,
        // unbiased variance 5/3, sd = 1.2909944, se = sd/2 = 0.6454972.
        let s = SampleStats([1, 2, 3, 4])
        #expect(s.n == 4)
        #expect(s.mean == 2.5)
        #expect(abs(s.sd - (5.0 / 3).squareRoot()) < 1e-15)
        #expect(abs(s.se - 0.6454972243679028) < 1e-15)
    }

    @Test func fewerThanTwoSamplesHaveNoStandardError() {
        #expect(SampleStats([3]).se.isNaN)
        #expect(SampleStats([]).mean.isNaN)
    }

    @Test func zScoreWithZeroStandardError() {
        #expect(zScore(mean: 1, expected: 1, se: 0) == 0)
        #expect(zScore(mean: 2, expected: 1, se: 0) == .infinity)
        #expect(zScore(mean: 0, expected: 1, se: 0) == -.infinity)
        #expect(zScore(mean: 2, expected: 1, se: 0.5) == 2)
    }
}

@Suite struct CheckRecordTests {
    @Test func scalarExactAndTolerance() {
        #expect(scalarCheckFields(0.5, 0.5, tolerance: 0, relative: 0).passed)
        #expect(!scalarCheckFields(0.5 + 1e-16 * 4, 0.5, tolerance: 0, relative: 0).passed)
        let near = scalarCheckFields(1.05, 1.0, tolerance: 0.1, relative: 0)
        #expect(near.passed)
        #expect(abs((number(field(near.fields, "error")) ?? 0) - 0.05) < 1e-12)
        #expect(!scalarCheckFields(1.2, 1.0, tolerance: 0.1, relative: 0).passed)
        // relative: 1% of 100 allows an error of 1.
        #expect(scalarCheckFields(100.9, 100, tolerance: 0, relative: 0.01).passed)
        #expect(!scalarCheckFields(101.1, 100, tolerance: 0, relative: 0.01).passed)
    }

    @Test func nanNeverPassesInfinityPassesExactly() {
        #expect(!scalarCheckFields(.nan, 0, tolerance: 1e9, relative: 0).passed)
        #expect(!scalarCheckFields(.nan, .nan, tolerance: 0, relative: 0).passed)
        #expect(scalarCheckFields(.infinity, .infinity, tolerance: 0, relative: 0).passed)
    }

    @Test func vectorReportsMaxErrorAndWorstComponent() {
        let r = vectorCheckFields([1, 2.04, 3.3], [1, 2, 3], tolerance: 0.1, relative: 0)
        #expect(!r.passed)
        #expect(abs((number(field(r.fields, "error")) ?? 0) - 0.3) < 1e-12)
        #expect(number(field(r.fields, "worst")) == 2)
        #expect(numbers(field(r.fields, "actual")) == [1, 2.04, 3.3])
        #expect(numbers(field(r.fields, "expected")) == [1, 2, 3])
        #expect(vectorCheckFields([1, 2.04, 3.05], [1, 2, 3], tolerance: 0.1, relative: 0).passed)
    }

    @Test func vectorLengthMismatchAndNaNFail() {
        let r = vectorCheckFields([1, 2], [1, 2, 3], tolerance: 1, relative: 0)
        #expect(!r.passed)
        #expect(field(r.fields, "note") != nil)
        let n = vectorCheckFields([1, .nan, 5], [1, 2, 3], tolerance: 1, relative: 0)
        #expect(!n.passed)
        #expect(number(field(n.fields, "worst")) == 1)
    }

    @Test func estimateMeanSeAndZByHand() {
        // mean 2.5, se 0.6454972; against 0: z = 3.8729833.
        let pass = estimateFields(samples: [1, 2, 3, 4], expected: 0, sigmas: 4)
        #expect(pass.passed)
        #expect(abs((number(field(pass.fields, "z")) ?? 0) - 3.872983346207417) < 1e-12)
        #expect(abs((number(field(pass.fields, "se")) ?? 0) - 0.6454972243679028) < 1e-15)
        #expect(number(field(pass.fields, "mean")) == 2.5)
        #expect(number(field(pass.fields, "n")) == 4)
        #expect(!estimateFields(samples: [1, 2, 3, 4], expected: 0, sigmas: 3).passed)
        let below = estimateFields(samples: [1, 2, 3, 4], expected: 5, sigmas: 4)
        #expect(abs((number(field(below.fields, "z")) ?? 0) + 3.872983346207417) < 1e-12)
    }

    @Test func estimateNeedsTwoSamplesAndNoNaN() {
        let one = estimateFields(samples: [0.5], expected: 0.5, sigmas: 4)
        #expect(!one.passed)
        #expect(field(one.fields, "note") != nil)
        #expect(!estimateFields(samples: [0.5, .nan, 0.5], expected: 0.5, sigmas: 4).passed)
        // Equal samples equal to the expected value: se 0, z 0, passes.
        #expect(estimateFields(samples: [0.5, 0.5], expected: 0.5, sigmas: 4).passed)
        #expect(!estimateFields(samples: [0.5, 0.5], expected: 0.6, sigmas: 4).passed)
    }

    @Test func vectorEstimateChecksEveryComponent() {
        // Component 0: [1, 3] → mean 2, sd √2, se 1. Component 1: [0, 2] → mean 1, se 1.
        let samples: [[Double]] = [[1, 0], [3, 2]]
        let ok = vectorEstimateFields(samples: samples, expected: [1, 0], sigmas: 1)
        #expect(ok.passed)
        #expect(numbers(field(ok.fields, "mean")) == [2, 1])
        #expect(numbers(field(ok.fields, "z")) == [1, 1])
        let bad = vectorEstimateFields(samples: samples, expected: [1, -2], sigmas: 2)
        #expect(!bad.passed)
        #expect(number(field(bad.fields, "worst")) == 1)
        #expect(number(field(bad.fields, "maxZ")) == 3)
        #expect(!vectorEstimateFields(samples: [[1, 2], [1]], expected: [1, 2], sigmas: 4).passed)
    }
}

@Suite struct FormattingTests {
    @Test func inlineValues() {
        #expect(formatValue(0.5) == "0.5")
        #expect(formatValue(1.0 / 3) == "0.333333")
        #expect(formatValue(2.0) == "2")
        #expect(formatValue(42) == "42")
        #expect(formatValue(true) == "true")
        #expect(formatValue("text") == "text")
        #expect(formatValue([0.5, 1.0 / 3]) == "[0.5, 0.333333]")
        #expect(formatValue([[1.0, 2.5], [3.0]]) == "[[1, 2.5], [3]]")
        #expect(formatValue(["a", "b"]) == "[\"a\", \"b\"]")
        #expect(formatValue(["b": 2, "a": 1]) == "[\"a\": 1, \"b\": 2]")
        #expect(formatValue([10: "x", 9: "y"]) == "[9: \"y\", 10: \"x\"]")
        #expect(formatValue(Optional(0.25)) == "0.25")
        #expect(formatValue(Optional<Double>.none) == "nil")
        #expect(formatValue((n: 3, p: 0.125)) == "(n: 3, p: 0.125)")
        #expect(formatValue(Float(0.5)) == "0.5")
        #expect(formatValue(Int64.max) == "9223372036854775807")
    }

    @Test func columnsAlignDecimals() {
        #expect(formatColumn([0.1, 0.25, 1.0], format: .auto).text == ["0.10", "0.25", "1.00"])
        #expect(formatColumn([1, 20, 300], format: .auto).text == ["1", "20", "300"])
        #expect(formatColumn([0.5, "n/a"], format: .auto).numeric == false)
        #expect(formatColumn([0.5, 2.0], format: .fixed(3)).text == ["0.500", "2.000"])
        #expect(formatColumn([1234.5], format: .scientific(2)).text == ["1.23e+03"])
        #expect(formatColumn([0.256], format: .percent(1)).text == ["25.6%"])
        #expect(formatColumn([-0.0001], format: .fixed(2)).text == ["0.00"])
        // Tiny values keep their digits rather than padding 1 to 9 decimals.
        #expect(formatColumn([1.0, 1.23456e-7], format: .auto).text == ["1", "1.23456e-07"])
        #expect(formatColumn([Double.nan, 1.5], format: .auto).text == ["nan", "1.5"])
    }
}

@Suite struct TableTests {
    @Test func rowsOfArraysHaveNoHeader() throws {
        let t = try #require(tabulate([[1, 0.5], [2, 0.25]], caption: nil))
        #expect(t.columns.isEmpty)
        #expect(rows(t.recordFields) == [["1", "0.50"], ["2", "0.25"]])
    }

    @Test func labelledTuplesAndStructsNameTheColumns() throws {
        struct Row { let n: Int; let error: Double }
        let t = try #require(tabulate([Row(n: 10, error: 0.1), Row(n: 100, error: 0.03)], caption: "c"))
        #expect(t.columns == ["n", "error"])
        #expect(rows(t.recordFields) == [["10", "0.10"], ["100", "0.03"]])
        let u = try #require(tabulate([(n: 1, name: "a")], caption: nil))
        #expect(u.columns == ["n", "name"])
        #expect(strings(field(u.recordFields, "caption")) == nil)
        #expect(field(t.recordFields, "caption").map { if case .string(let s) = $0 { s } else { "" } } == "c")
    }

    @Test func dictionariesBecomeKeyValueOrColumnTables() throws {
        let kv = try #require(tabulate(["exact": 0.5, "estimate": 0.497], caption: nil))
        #expect(kv.columns == ["key", "value"])
        #expect(rows(kv.recordFields) == [["estimate", "0.497"], ["exact", "0.500"]])
        #expect(field(kv.recordFields, "numeric").map { $0.encoded } == "[false,true]")
        let cols = try #require(tabulate(["n": [1, 2], "mean": [0.5, 0.75]], caption: nil))
        #expect(cols.columns == ["mean", "n"])
        #expect(rows(cols.recordFields) == [["0.50", "1"], ["0.75", "2"]])
    }

    @Test func scalarsAndFlatArraysAreNotTabular() {
        #expect(tabulate(0.5, caption: nil) == nil)
        #expect(tabulate([0.5, 0.25], caption: nil) == nil)
        #expect(tabulate("text", caption: nil) == nil)
        #expect(tabulate(["a", "b"], caption: nil) == nil)
        #expect(tabulate([[Double]](), caption: nil) == nil)
    }

    @Test func builderRowsAndRaggedRows() {
        var t = Table(columns: ["a", "b", "c"], formats: [.auto, .fixed(1)])
        t.row(1, 0.25, "x")
        t.row(2)
        #expect(rows(t.recordFields) == [["1", "0.2", "x"], ["2", "", ""]])
    }
}

@Suite struct PlotRecordTests {
    @Test func bandIsMeanPlusMinusSd() {
        var p = Plot()
        p.band([0, 1], runs: [[1, 2], [3, 6]], label: "b")
        guard case .array(let series) = field(p.recordFields, "series"),
              case .object(let band) = series.first else { Issue.record("no series"); return }
        #expect(numbers(field(band, "mean")) == [2, 4])
        // sd of [1, 3] is √2, of [2, 6] is 2√2.
        let lower = numbers(field(band, "lower")) ?? []
        let upper = numbers(field(band, "upper")) ?? []
        #expect(abs(lower[0] - (2 - 2.0.squareRoot())) < 1e-12)
        #expect(abs(upper[1] - (4 + 2 * 2.0.squareRoot())) < 1e-12)
        #expect(number(field(band, "runs")) == 2)
    }

    @Test func bandWithStandardError() {
        var p = Plot()
        p.band([0], runs: [[1], [3]], spread: .standardError)
        guard case .array(let series) = field(p.recordFields, "series"),
              case .object(let band) = series.first else { Issue.record("no series"); return }
        #expect(numbers(field(band, "upper")) == [3]) // se = √2/√2 = 1
    }

    @Test func histogramBinsCountEveryValue() {
        let h = histogramBins([0, 0.5, 1, 1.5, 2, .nan, .infinity], bins: 2, range: nil, density: false)
        #expect(h.edges == [0, 1, 2])
        #expect(h.heights == [2, 3]) // the maximum goes in the last bin
        #expect(h.n == 5)
        let d = histogramBins([0, 0.5, 1, 1.5], bins: 2, range: 0...2, density: true)
        #expect(d.heights == [0.5, 0.5]) // total area 1
        let same = histogramBins([3, 3, 3], bins: 4, range: nil, density: false)
        #expect(same.edges.first == 2.5 && same.edges.last == 3.5)
        #expect(same.heights.reduce(0, +) == 3)
        #expect(histogramBins([], bins: 3, range: nil, density: false).edges.isEmpty)
    }

    @Test func recordCarriesAxesAndScales() {
        var p = Plot(title: "T", xTitle: "samples", yTitle: "error", xScale: .log, yScale: .log)
        p.yRange = 1e-3...1
        p.line([1, 10], [1, 0.1, 5], label: "l")
        let f = p.recordFields
        #expect(f.map(\.0) == ["title", "x", "y", "xScale", "yScale", "yRange", "series"])
        #expect(JSONValue.object(f).encoded.contains("\"xs\":[1,10],\"ys\":[1,0.1]"))
    }
}

@Suite(.serialized) struct ChannelTests {
    @Test func checksAndTablesReachTheRecordFile() throws {
        let path = "/tmp/lectern-notebook-test-\(getpid()).jsonl"
        unlink(path)
        setenv("LECTERN_RECORDS", path, 1)
        _lecternStart()
        let ok = check("one third", 1.0 / 3, expected: 0.3333, tolerance: 1e-3)
        let bad = checkEstimate("biased", samples: [1, 2, 3, 4], expected: 0, sigmas: 3)
        table(columns: ["n"], rows: [[1]], caption: "cap")
        #expect(ok && !bad)
        guard let file = fopen(path, "r") else { Issue.record("no record file"); return }
        defer { fclose(file); unlink(path) }
        var text = ""
        var buffer = [CChar](repeating: 0, count: 4096)
        while fgets(&buffer, 4096, file) != nil {
            text += String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        #expect(text.contains("\"k\":\"check\""))
        #expect(text.contains("\"name\":\"one third\""))
        #expect(text.contains("RuntimeTests.swift\",\"line\":"))
        #expect(text.contains("\"k\":\"estimate\""))
        #expect(text.contains("\"passed\":false,\"form\":\"scalar\",\"n\":4,\"sigmas\":3,\"mean\":2.5"))
        #expect(text.contains("\"k\":\"table\",\"o\":"))
        #expect(text.contains("\"caption\":\"cap\""))
    }
}

@Suite struct SeriesStyleTests {
    @Test func styleFieldsAreRecordedOnlyWhenGiven() {
        var p = Plot()
        p.line([0, 1], [0, 1], label: "a", style: SeriesStyle(color: "series-2", dash: .dashed, opacity: 0.5))
        p.scatter([0], [0])
        let text = "\(p.recordFields)"
        #expect(text.contains("series-2") && text.contains("dashed") && text.contains("0.5"))
        #expect(SeriesStyle.isValid("#a1B2c3") && SeriesStyle.isValid("#abc") && SeriesStyle.isValid("series-8"))
        #expect(!SeriesStyle.isValid("red") && !SeriesStyle.isValid("series-9") && !SeriesStyle.isValid("#abcd"))
    }
}

/// Writes one record of each kind with the runtime's own builders and compares them with
/// Tests/Shared/records.jsonl, which LecternTests decodes (`RecordFixtureTests`);
/// `LECTERN_UPDATE_GOLDEN=1` rewrites the file.
@Test func recordsMatchTheSharedFixture() throws {
    func line(_ kind: String, _ fields: [(String, JSONValue)]) -> String {
        JSONValue.object([("k", .string(kind)), ("o", .number(0)), ("e", .number(0))] + fields).encoded
    }
    var p = Plot(title: "Returns", xTitle: "episode", yTitle: "return")
    p.line([1, 2, 3], [0.5, 0.7, 0.9], label: "REINFORCE")
    p.hline(1)
    let lines = [
        line("start", [("seed", .string("23"))]),
        line("begin", [("cell", .number(0)), ("t", .number(1.5))]),
        line("check", checkRecordFields("J exact", "lectern-cell-0", 3, scalarCheckFields(0.375, 0.375, tolerance: 1e-12, relative: 0))),
        line("check", checkRecordFields("grad", "lectern-cell-0", 4, vectorCheckFields([1, 2], [1, 2.5], tolerance: 0.1, relative: 0))),
        line("estimate", checkRecordFields("mean", "lectern-cell-0", 5, estimateFields(samples: [0.9, 1.1, 1.0, 1.2], expected: 1, sigmas: 4))),
        line("table", Table(columns: ["n", "J"], rows: [[1, 0.5], [2, 0.25]], caption: "J by n").recordFields),
        line("plot", p.recordFields),
        line("end", [("cell", .number(0)), ("t", .number(2.5))]),
        line("inline", [("index", .number(0)), ("text", .string(formatValue(1.0 / 3)))]),
        line("done", []),
    ]
    let text = lines.joined(separator: "\n") + "\n"
    let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Shared/records.jsonl")
    if ProcessInfo.processInfo.environment["LECTERN_UPDATE_GOLDEN"] == "1" {
        try text.write(to: file, atomically: true, encoding: .utf8)
    }
    #expect(try String(contentsOf: file, encoding: .utf8) == text)
}
