import Foundation
import Testing
@testable import Lectern

/// A record parsed from one line of the record file, as the pipeline reads it.
func record(_ json: String) throws -> Record {
    try #require(Record.parseFile(Data(json.utf8)).first)
}

func plotRecord(_ fields: String) throws -> Record {
    try record("{\"k\":\"plot\",\"o\":0,\"e\":0,\(fields)}")
}

/// Every match of a regular expression's first group.
func matches(_ pattern: String, in text: String) -> [String] {
    guard let re = try? NSRegularExpression(pattern: pattern) else { return [] }
    return re.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
        Range($0.range(at: 1), in: text).map { String(text[$0]) }
    }
}

@Suite struct TickTests {
    @Test func niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        #expect(niceStep(1.15) == 0.2)
        #expect(niceStep(490) == 100)
        #expect(niceStep(6) == 1)
        #expect(niceStep(13) == 5)
        #expect(abs(niceStep(0.0037) - 0.001) < 1e-18)
        #expect(niceStep(7e6) == 2e6)
    }

    @Test func linearAxisWidensToRoundTicks() {
        let a = linearAxis(-0.05, 1.1, fixed: false)
        #expect(abs(a.lo + 0.2) < 1e-12 && abs(a.hi - 1.2) < 1e-12)
        #expect(a.ticks.map(\.label) == ["-0.2", "0.0", "0.2", "0.4", "0.6", "0.8", "1.0", "1.2"])
        let b = linearAxis(0, 490, fixed: false)
        #expect(b.ticks.map(\.label) == ["0", "100", "200", "300", "400", "500"])
        #expect(b.lo == 0 && b.hi == 500)
    }

    @Test func fixedLinearAxisKeepsTheRange() {
        let a = linearAxis(0.05, 0.95, fixed: true)
        #expect(a.lo == 0.05 && a.hi == 0.95)
        #expect(a.ticks.map(\.label) == ["0.2", "0.4", "0.6", "0.8"])
    }

    @Test func degenerateRangesGetAWidth() {
        let same = linearAxis(5, 5, fixed: false)
        #expect(same.lo < 5 && same.hi > 5)
        #expect(same.ticks.count >= 3)
        let zero = linearAxis(0, 0, fixed: false)
        #expect(zero.lo == -1 && zero.hi == 1)
        #expect(zero.ticks.map(\.label).contains("0.0"))
    }

    @Test func largeNumbersUseExponents() {
        let a = linearAxis(0, 3e6, fixed: false)
        #expect(a.ticks.map(\.label) == ["0", "5e5", "1.0e6", "1.5e6", "2.0e6", "2.5e6", "3.0e6"])
    }

    @Test func logAxisHasDecadesAndMinorTicks() {
        let a = logAxis(3, 4000, fixed: false)
        #expect(a.lo == 0 && a.hi == 4)
        #expect(a.ticks.map(\.label) == ["1", "10", "100", "1000", "10000"])
        #expect(a.minor.count == 4 * 8)
        #expect(a.minor.contains(2) && a.minor.contains(50) && a.minor.contains(9000))
    }

    @Test func wideLogAxisLabelsEveryOtherDecade() {
        let a = logAxis(1e-7, 1e3, fixed: false)
        #expect(a.ticks.map(\.label) == ["10^-6", "10^-4", "0.01", "1", "100"])
        #expect(a.minor.count == 6) // the odd decades -7 ... 3, no 2...9 ticks over 10 decades
    }

    @Test func logAxisInsideOneDecadeLabelsInBetweenTicks() {
        let a = logAxis(2, 8, fixed: true)
        #expect(a.ticks.map(\.label) == ["2", "3", "4", "5", "6", "7", "8"])
        let point = logAxis(10, 10, fixed: false)
        #expect(point.lo == 0 && point.hi == 2)
    }
}

@Suite struct SVGPlotTests {
    let lineFields = """
    "title":"Learning curve","x":"episode","y":"return","xScale":"linear","yScale":"linear",\
    "series":[{"type":"line","label":"REINFORCE","xs":[0,100,200,490],"ys":[0.05,0.5,0.8,1.1]}]
    """

    @Test func accessibleScalableSVG() throws {
        let svg = renderPlotSVG(try plotRecord(lineFields))
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("<title>Learning curve: return against episode (REINFORCE)</title>"))
        #expect(svg.contains("viewBox=\"0 0 600.00 "))
        #expect(!svg.contains("<script"))
        #expect(svg.contains("var(--series-1, #1f77b4)"))
        #expect(svg.contains("currentColor"))
    }

    @Test func axisRangeAndTickLabels() throws {
        let drawing = PlotDrawing(PlotSpec(try plotRecord(lineFields).fields))
        #expect(drawing.xAxis.ticks.map(\.label) == ["0", "100", "200", "300", "400", "500"])
        #expect(drawing.yAxis.ticks.first?.label == "0.0" && drawing.yAxis.ticks.last?.label == "1.2")
        #expect(drawing.px(0) == drawing.left)
        #expect(abs(drawing.px(500) - (drawing.left + drawing.plotWidth)) < 1e-9)
        #expect(abs(drawing.py(0) - (drawing.top + drawing.plotHeight)) < 1e-9)
        let svg = drawing.svg()
        for label in ["0", "100", "500", "0.0", "1.2"] { #expect(svg.contains(">\(label)</text>")) }
    }

    @Test func everyCoordinateHasTwoDecimals() throws {
        let svg = renderPlotSVG(try plotRecord(lineFields))
        let values = matches("(?<![\\w-])(?:x|y|x1|y1|x2|y2|cx|cy|width|height)=\"([^\"]*)\"", in: svg)
        #expect(values.count > 20)
        for v in values { #expect(v.range(of: #"^-?\d+\.\d\d$"#, options: .regularExpression) != nil, "\(v)") }
        let points = matches("points=\"([^\"]*)\"", in: svg).joined(separator: " ")
        for p in points.split(separator: " ") {
            #expect(p.range(of: #"^-?\d+\.\d\d,-?\d+\.\d\d$"#, options: .regularExpression) != nil)
        }
    }

    @Test func deterministic() throws {
        let a = renderPlotSVG(try plotRecord(lineFields))
        let b = renderPlotSVG(try plotRecord(lineFields))
        #expect(a == b)
    }

    @Test func labelsAreEscaped() throws {
        let svg = renderPlotSVG(try plotRecord("""
        "title":"<script>alert(1)</script>","x":"a & b","y":"\\"q\\"","xScale":"linear","yScale":"linear",\
        "series":[{"type":"scatter","label":"<b>&amp;</b>","xs":[1,2],"ys":[1,2]},{"type":"vline","label":"<i>","x":1.5}]
        """))
        #expect(!svg.contains("<script>") && !svg.contains("<b>") && !svg.contains("<i>"))
        #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(svg.contains(">a &amp; b</text>"))
        #expect(svg.contains("&quot;q&quot;"))
        #expect(svg.contains("&lt;b&gt;&amp;amp;&lt;/b&gt;"))
        #expect(svg.contains(">&lt;i&gt;</text>"))
    }

    @Test func logLogPlotSkipsNonPositiveValues() throws {
        let drawing = PlotDrawing(PlotSpec(try plotRecord("""
        "xScale":"log","yScale":"log","series":[{"type":"line","label":"e","xs":[0,10,100,1000],"ys":[1,0.3,0.1,-1]}]
        """).fields))
        #expect(drawing.xAxis.ticks.map(\.label) == ["10", "100"])
        #expect(drawing.yAxis.ticks.map(\.label) == ["0.1", "1"])
        let svg = drawing.svg()
        // Only (10, 0.3) and (100, 0.1) can be drawn: one polyline of two points.
        let lines = matches("<polyline points=\"([^\"]*)\"", in: svg)
        #expect(lines.count == 1)
        #expect(lines.first?.split(separator: " ").count == 2)
        #expect(svg.contains("stroke-opacity=\"0.6\"")) // axes
    }

    @Test func nanSplitsALine() throws {
        let svg = renderPlotSVG(try plotRecord("""
        "xScale":"linear","yScale":"linear","series":[{"type":"line","label":"","xs":[0,1,2,3,4],"ys":[1,2,"nan",3,"inf"]}]
        """))
        let lines = matches("<polyline points=\"([^\"]*)\"", in: svg)
        #expect(lines.count == 1) // (0,1)-(1,2); (3,3) alone becomes a dot
        #expect(matches("<circle cx=\"([^\"]*)\"", in: svg).count == 1)
    }

    @Test func emptyAndDegeneratePlotsDoNotCrash() throws {
        let empty = renderPlotSVG(try plotRecord("\"xScale\":\"log\",\"yScale\":\"linear\",\"series\":[]"))
        #expect(empty.contains(">no data</text>"))
        let single = renderPlotSVG(try plotRecord("""
        "xScale":"linear","yScale":"linear","series":[{"type":"line","label":"one","xs":[2],"ys":[2]},\
        {"type":"scatter","label":"","xs":[],"ys":[]},{"type":"histogram","label":"","edges":[],"heights":[],"density":false,"n":0}]
        """))
        #expect(!single.contains("no data"))
        #expect(!single.contains("nan"))
        let allNaN = renderPlotSVG(try plotRecord("""
        "xScale":"linear","yScale":"linear","series":[{"type":"line","label":"","xs":["nan"],"ys":["inf"]}]
        """))
        #expect(allNaN.contains("no data"))
    }

    @Test func histogramBarsAndBand() throws {
        let drawing = PlotDrawing(PlotSpec(try plotRecord("""
        "xScale":"linear","yScale":"linear","series":[\
        {"type":"histogram","label":"h","edges":[0,1,2,3],"heights":[2,0,5],"density":false,"n":7},\
        {"type":"band","label":"b","xs":[0,3],"mean":[1,2],"lower":[0.5,1.5],"upper":[1.5,2.5],"runs":3}]
        """).fields))
        #expect(drawing.yAxis.lo == 0) // bars start at zero
        let svg = drawing.svg()
        #expect(matches("<rect (x=)", in: svg).count == 2 + 1 + 2) // two bars, the clip rectangle, two legend swatches
        #expect(matches("<polygon points=\"([^\"]*)\"", in: svg).first?.split(separator: " ").count == 4)
        #expect(svg.contains("fill-opacity=\"0.2\""))
        #expect(svg.contains("var(--series-2, #d62728)"))
    }

    @Test func legendListsLabelledSeriesOnly() throws {
        let drawing = PlotDrawing(PlotSpec(try plotRecord("""
        "xScale":"linear","yScale":"linear","series":[{"type":"line","label":"a","xs":[0,1],"ys":[0,1]},\
        {"type":"line","label":"","xs":[0,1],"ys":[1,0]},{"type":"hline","label":"ref","y":0.5}]
        """).fields))
        #expect(drawing.legendItems().map(\.label) == ["a"])
    }

    @Test func fixedRangesAreHonoured() throws {
        let drawing = PlotDrawing(PlotSpec(try plotRecord("""
        "xScale":"linear","yScale":"log","xRange":[0,10],"yRange":[0.01,1],\
        "series":[{"type":"line","label":"","xs":[0,20],"ys":[0.5,5]}]
        """).fields))
        #expect(drawing.xAxis.lo == 0 && drawing.xAxis.hi == 10)
        #expect(drawing.yAxis.lo == -2 && drawing.yAxis.hi == 0)
        #expect(drawing.svg().contains("clip-path=\"url(#lectern-clip-"))
    }
}

@Suite struct TickTypesettingTests {
    @Test func negativeLabelsUseAMinusSignAndDecadesASuperscript() throws {
        let svg = renderPlotSVG(try plotRecord("""
        "xScale":"log","yScale":"linear","series":[{"type":"line","label":"","xs":[1e-7,1e3],"ys":[-0.05,1.1]}]
        """))
        #expect(svg.contains(">\u{2212}0.2</text>"))
        #expect(!svg.contains(">-0.2</text>"))
        #expect(svg.contains(">10<tspan dy=\"-5\" font-size=\"9\">\u{2212}6</tspan></text>"))
        #expect(svg.contains(">0.01</text>"))
    }
}

@Suite struct LargePlotTests {
    @Test func longLinesAreThinnedKeepingTheirExtremes() throws {
        // 20 000 points of a zigzag between -1 and 1 with one spike to 5.
        let n = 20_000
        let xs = (0..<n).map { String($0) }.joined(separator: ",")
        let ys = (0..<n).map { $0 == 12_345 ? "5" : ($0 % 2 == 0 ? "-1" : "1") }.joined(separator: ",")
        let drawing = PlotDrawing(PlotSpec(try plotRecord("""
        "xScale":"linear","yScale":"linear","series":[{"type":"line","label":"","xs":[\(xs)],"ys":[\(ys)]}]
        """).fields))
        let svg = drawing.svg()
        let points = matches("<polyline points=\"([^\"]*)\"", in: svg).first?.split(separator: " ") ?? []
        #expect(points.count < 4 * 2 * Int(drawing.plotWidth) + 8)
        #expect(points.count > 2 * Int(drawing.plotWidth))
        #expect(points.contains { $0.hasSuffix("," + svgNumber(drawing.py(5))) }) // the spike survives
        #expect(points.first == Substring(svgNumber(drawing.px(0)) + "," + svgNumber(drawing.py(-1))))
        #expect(points.last == Substring(svgNumber(drawing.px(Double(n - 1))) + "," + svgNumber(drawing.py(1))))
    }

    @Test func coincidingPointsAreDrawnOnce() throws {
        let svg = renderPlotSVG(try plotRecord("""
        "xScale":"linear","yScale":"linear","series":[{"type":"scatter","label":"","xs":[1,1,1,2],"ys":[3,3,3,4]}]
        """))
        #expect(matches("<circle (cx)=", in: svg).count == 2)
    }
}

@Test func labelsOfNearbyVerticalLinesDoNotOverlap() throws {
    let svg = renderPlotSVG(try plotRecord("""
    "title":"t","x":"x","y":"y","xScale":"linear","yScale":"linear",\
    "series":[{"type":"line","label":"","xs":[0,1],"ys":[0,1]},{"type":"vline","label":"exact","x":0.5},{"type":"vline","label":"mean","x":0.51}]
    """))
    func y(ofLabel label: String) -> String? {
        guard let end = svg.range(of: ">\(label)</text>") else { return nil }
        let tag = svg[..<end.lowerBound]
        guard let start = tag.range(of: "<text", options: .backwards) else { return nil }
        let attributes = tag[start.upperBound...]
        guard let yRange = attributes.range(of: " y=\"") else { return nil }
        return String(attributes[yRange.upperBound...].prefix { $0 != "\"" })
    }
    let first = try #require(y(ofLabel: "exact")), second = try #require(y(ofLabel: "mean"))
    #expect(first != second)
}

@Test func unlabelledSeriesTakeNoPaletteColourAndStylesApply() throws {
    let drawing = PlotDrawing(PlotSpec(try plotRecord("""
    "xScale":"linear","yScale":"linear","series":[\
    {"type":"line","label":"","xs":[0,1],"ys":[0,1]},\
    {"type":"line","label":"a","xs":[0,1],"ys":[0,1]},\
    {"type":"scatter","label":"","xs":[0,1],"ys":[0,1]},\
    {"type":"vline","label":"v","x":0.5},\
    {"type":"line","label":"b","xs":[0,1],"ys":[1,0],"color":"#abc","dash":"dashed","opacity":0.4},\
    {"type":"line","label":"c","xs":[0,1],"ys":[1,1],"dash":"dotted"},\
    {"type":"line","label":"d","xs":[0,1],"ys":[1,1],"color":"red\\"><script>"}]
    """).fields))
    // Unlabelled: currentColor before any colour, then the colour of the series before;
    // reference lines and explicit colours use no palette slot; an invalid colour is ignored.
    #expect(drawing.colours == ["currentColor", "var(--series-1, #1f77b4)", "var(--series-1, #1f77b4)",
                                "currentColor", "#abc", "var(--series-2, #d62728)", "var(--series-3, #2ca02c)"])
    #expect(drawing.legendItems().map(\.label) == ["a", "b", "c", "d"])
    let svg = drawing.svg()
    #expect(svg.contains("stroke-dasharray=\"7 4\" opacity=\"0.40\" style=\"stroke:#abc\""))
    #expect(svg.contains("stroke-dasharray=\"2 3\" style=\"stroke:var(--series-2, #d62728)\""))
    #expect(!svg.contains("<script>"))
}
