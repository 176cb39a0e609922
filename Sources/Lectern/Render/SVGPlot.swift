import CommonMark
import Foundation

// Draws a `plot` record (see Sources/Notebook/Records.swift for its fields) as
// inline SVG at build time: no script, no external files, colours from CSS
// variables with fallbacks so the plot follows the page's light or dark theme,
// and every number written with a fixed number of decimals so two builds are
// byte-identical.

/// Draws a plot record as an inline SVG element.
///
///     let svg = renderPlotSVG(record)  // "<svg xmlns=... role=\"img\" ...>"
///
/// - Parameter record: a record of kind "plot".
/// - Returns: the `<svg>` element; an empty plot says "no data" rather than failing.
func renderPlotSVG(_ record: Record) -> String {
    PlotDrawing(PlotSpec(record.fields)).svg()
}

/// A number with 2 decimals, never "-0.00": every coordinate in the SVG.
func svgNumber(_ x: Double) -> String {
    let s = String(format: "%.2f", x)
    return s == "-0.00" ? "0.00" : s
}

// MARK: The plot as read from its record

struct PlotSeries {
    var type: String
    var label: String
    var xs: [Double] = [], ys: [Double] = [], lower: [Double] = [], upper: [Double] = []
    var edges: [Double] = [], heights: [Double] = []
    var value: Double = .nan
    /// Optional style: "#rgb", "#rrggbb" or "series-N"; "dashed" or "dotted"; an opacity in 0...1.
    var color: String?, dash: String?, opacity: Double?
}

struct PlotSpec {
    var title = "", xTitle = "", yTitle = ""
    var xLog = false, yLog = false
    var xRange: (Double, Double)?, yRange: (Double, Double)?
    var series: [PlotSeries] = []

    init(_ f: JSON) {
        title = f["title"]?.string ?? ""
        xTitle = f["x"]?.string ?? ""
        yTitle = f["y"]?.string ?? ""
        xLog = f["xScale"]?.string == "log"
        yLog = f["yScale"]?.string == "log"
        xRange = PlotSpec.range(f["xRange"], log: xLog)
        yRange = PlotSpec.range(f["yRange"], log: yLog)
        for item in f["series"]?.array ?? [] {
            guard let type = item["type"]?.string else { continue }
            var s = PlotSeries(type: type, label: item["label"]?.string ?? "")
            func numbers(_ key: String) -> [Double] { item[key]?.array?.map { $0.number ?? .nan } ?? [] }
            s.xs = numbers("xs")
            s.ys = type == "band" ? numbers("mean") : numbers("ys")
            s.lower = numbers("lower")
            s.upper = numbers("upper")
            s.edges = numbers("edges")
            s.heights = numbers("heights")
            s.value = (type == "vline" ? item["x"] : item["y"])?.number ?? .nan
            s.color = item["color"]?.string
            s.dash = item["dash"]?.string
            s.opacity = item["opacity"]?.number.flatMap { $0.isFinite ? min(max($0, 0), 1) : nil }
            series.append(s)
        }
    }

    static func range(_ v: JSON?, log: Bool) -> (Double, Double)? {
        guard let a = v?.array, a.count == 2, let lo = a[0].number, let hi = a[1].number,
              lo.isFinite, hi.isFinite, lo < hi, !log || lo > 0 else { return nil }
        return (lo, hi)
    }
}

// MARK: Axes

/// One axis: its domain, major ticks with labels, and minor ticks (log axes).
struct Axis {
    var log: Bool
    /// The domain, in log10 units on a log axis.
    var lo: Double, hi: Double
    var ticks: [(value: Double, label: String)] = []
    var minor: [Double] = []

    /// Where `v` falls, 0 at the start of the domain and 1 at its end.
    func fraction(_ v: Double) -> Double {
        let t = log ? Foundation.log10(v) : v
        return (t - lo) / (hi - lo)
    }

    /// Whether `v` can be drawn on this axis at all.
    func accepts(_ v: Double) -> Bool { v.isFinite && (!log || v > 0) }
}

/// The round step (1, 2 or 5 times a power of ten) that cuts `span` into about `target` parts.
func niceStep(_ span: Double, target: Int = 6) -> Double {
    let raw = span / Double(max(1, target))
    let magnitude = pow(10, floor(log10(raw)))
    let f = raw / magnitude
    let nice: Double = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10
    return nice * magnitude
}

/// A linear axis over data from `lo` to `hi`, widened to round ticks unless `fixed`.
func linearAxis(_ lo0: Double, _ hi0: Double, fixed: Bool) -> Axis {
    var (lo, hi) = (lo0, hi0)
    if !(lo < hi) {
        let pad = lo == 0 ? 1 : abs(lo) * 0.1
        (lo, hi) = (lo - pad, hi + pad)
    }
    guard (hi - lo).isFinite else {
        var axis = Axis(log: false, lo: lo, hi: hi)
        axis.ticks = [(lo, compactLabel(lo)), (hi, compactLabel(hi))]
        return axis
    }
    let step = niceStep(hi - lo)
    if !fixed {
        lo = floor(lo / step + 1e-9) * step
        hi = ceil(hi / step - 1e-9) * step
    }
    let first = Int((lo / step - 1e-9).rounded(.up)), last = Int((hi / step + 1e-9).rounded(.down))
    let decimals = max(0, -Int(floor(log10(step) + 1e-9)))
    let big = max(abs(lo), abs(hi)) >= 1e6
    var axis = Axis(log: false, lo: lo, hi: hi)
    for k in first...max(first, last) where k <= last {
        let v = Double(k) * step
        axis.ticks.append((v == 0 ? 0 : v, big || decimals > 6 ? scientificLabel(v, step: step) : fixedLabel(v, decimals)))
    }
    return axis
}

func fixedLabel(_ v: Double, _ decimals: Int) -> String {
    let s = String(format: "%.\(decimals)f", v)
    return s.hasPrefix("-") && Double(s) == 0 ? String(s.dropFirst()) : s
}

/// "2.5e6": enough mantissa digits to tell ticks `step` apart.
func scientificLabel(_ v: Double, step: Double) -> String {
    if v == 0 { return "0" }
    let e = Int(floor(log10(abs(v))))
    let digits = max(0, e - Int(floor(log10(step) + 1e-9)))
    return fixedLabel(v / pow(10, Double(e)), digits) + "e" + String(e)
}

/// A log axis over positive data from `lo` to `hi`: whole decades, or exactly the range when `fixed`.
func logAxis(_ lo0: Double, _ hi0: Double, fixed: Bool) -> Axis {
    var a = log10(lo0), b = log10(hi0)
    if !fixed {
        a = floor(a + 1e-9)
        b = ceil(b - 1e-9)
        if a == b { a -= 1; b += 1 }
    }
    var axis = Axis(log: true, lo: a, hi: b)
    let firstDecade = Int(floor(a + 1e-9)), lastDecade = Int(ceil(b - 1e-9))
    let stride = max(1, Int(((b - a) / 8).rounded(.up)))
    for k in firstDecade...lastDecade {
        let inside = Double(k) >= a - 1e-9 && Double(k) <= b + 1e-9
        if inside && k % stride == 0 { axis.ticks.append((pow(10, Double(k)), decadeLabel(k))) }
        else if inside { axis.minor.append(pow(10, Double(k))) }
        if b - a <= 6 {
            for m in 2...9 {
                let v = Double(m) * pow(10, Double(k))
                let t = log10(v)
                if t >= a - 1e-9 && t <= b + 1e-9 { axis.minor.append(v) }
            }
        }
    }
    if axis.ticks.count < 2 {
        // A range inside one decade: label the in-between ticks too.
        let extra = axis.minor.map { (value: $0, label: compactLabel($0)) }
        axis.ticks = (axis.ticks + extra).sorted { $0.value < $1.value }
        axis.minor = []
    }
    return axis
}

/// 10^k as text: plain for 0.001 ... 10000, else "10^k" (drawn with a superscript).
func decadeLabel(_ k: Int) -> String {
    if k >= 0 && k <= 4 { return String(Int(pow(10, Double(k)))) }
    if k < 0 && k >= -3 { return "0." + String(repeating: "0", count: -k - 1) + "1" }
    return "10^" + String(k)
}

func compactLabel(_ v: Double) -> String {
    var s = String(format: "%.3g", v)
    if s.contains("e") { s = String(format: "%.0e", v) }
    return s
}

// MARK: Drawing

struct PlotDrawing {
    let spec: PlotSpec
    let width = 600.0
    let plotHeight = 300.0
    let xAxis: Axis, yAxis: Axis
    let empty: Bool
    /// The left margin: room for the y title and the widest y tick label (worked out once,
    /// as every point's position needs it).
    let left: Double
    /// Each series' colour (see `seriesColours`).
    let colours: [String]

    init(_ spec: PlotSpec) {
        self.spec = spec
        colours = seriesColours(spec.series)
        var xs: [Double] = [], ys: [Double] = []
        let okX = { (v: Double) in v.isFinite && (!spec.xLog || v > 0) }
        let okY = { (v: Double) in v.isFinite && (!spec.yLog || v > 0) }
        for s in spec.series {
            switch s.type {
            case "line", "scatter", "band":
                for i in s.xs.indices where i < s.ys.count && okX(s.xs[i]) && okY(s.ys[i]) {
                    xs.append(s.xs[i]); ys.append(s.ys[i])
                    for extra in [s.lower, s.upper] where i < extra.count && okY(extra[i]) { ys.append(extra[i]) }
                }
            case "histogram":
                for i in s.heights.indices where i + 1 < s.edges.count && okX(s.edges[i]) && okX(s.edges[i + 1]) {
                    xs += [s.edges[i], s.edges[i + 1]]
                    if okY(s.heights[i]) { ys.append(s.heights[i]) }
                    if !spec.yLog { ys.append(0) }
                }
            case "vline": if okX(s.value) { xs.append(s.value) }
            case "hline": if okY(s.value) { ys.append(s.value) }
            default: break
            }
        }
        empty = xs.isEmpty && ys.isEmpty
        func axis(_ values: [Double], _ log: Bool, _ fixed: (Double, Double)?) -> Axis {
            if let (lo, hi) = fixed { return log ? logAxis(lo, hi, fixed: true) : linearAxis(lo, hi, fixed: true) }
            guard let lo = values.min(), let hi = values.max() else {
                return log ? logAxis(1, 10, fixed: false) : linearAxis(0, 1, fixed: false)
            }
            return log ? logAxis(lo, hi, fixed: false) : linearAxis(lo, hi, fixed: false)
        }
        xAxis = axis(xs, spec.xLog, spec.xRange)
        yAxis = axis(ys, spec.yLog, spec.yRange)
        let widest = yAxis.ticks.map { Self.labelWidth($0.label) }.max() ?? 0
        left = (spec.yTitle.isEmpty ? 8 : 30) + widest + 10
    }

    // Layout, from the labels' estimated widths (11px text ≈ 6.4px a character).
    var top: Double { spec.title.isEmpty ? 14 : 38 }
    var plotWidth: Double { width - left - 18 }
    var legendTop: Double { top + plotHeight + (spec.xTitle.isEmpty ? 30 : 52) }

    static func labelWidth(_ label: String) -> Double { Double(label.count { $0 != "^" }) * 6.4 }
    func px(_ v: Double) -> Double { left + xAxis.fraction(v) * plotWidth }
    func py(_ v: Double) -> Double { top + (1 - yAxis.fraction(v)) * plotHeight }

    func svg() -> String {
        let legend = legendItems()
        let legendRows = (legend.last?.row ?? -1) + 1
        let height = legendTop + Double(legendRows) * 20 + 4
        let clip = "lectern-clip-" + fingerprint()
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"lectern-plot-svg\" role=\"img\" viewBox=\"0 0 \(svgNumber(width)) \(svgNumber(height))\" width=\"\(svgNumber(width))\" height=\"\(svgNumber(height))\" style=\"max-width:100%;height:auto\">\n"
        out += "<title>\(escapeHTML(accessibleTitle()))</title>\n"
        out += "<defs><clipPath id=\"\(clip)\"><rect x=\"\(svgNumber(left))\" y=\"\(svgNumber(top))\" width=\"\(svgNumber(plotWidth))\" height=\"\(svgNumber(plotHeight))\"/></clipPath></defs>\n"
        out += grid()
        out += "<g clip-path=\"url(#\(clip))\">\n" + data() + "</g>\n"
        out += axes()
        if empty {
            out += "<text x=\"\(svgNumber(left + plotWidth / 2))\" y=\"\(svgNumber(top + plotHeight / 2))\" text-anchor=\"middle\" font-size=\"13\" fill=\"currentColor\" fill-opacity=\"0.7\">no data</text>\n"
        }
        out += drawLegend(legend)
        out += "</svg>"
        return out
    }

    func accessibleTitle() -> String {
        var t = spec.title.isEmpty ? "Plot" : spec.title
        if !spec.xTitle.isEmpty || !spec.yTitle.isEmpty {
            t += ": " + (spec.yTitle.isEmpty ? "y" : spec.yTitle) + " against " + (spec.xTitle.isEmpty ? "x" : spec.xTitle)
        }
        let labels = spec.series.map(\.label).filter { !$0.isEmpty }
        if !labels.isEmpty { t += " (" + labels.joined(separator: ", ") + ")" }
        return t
    }

    /// A short hash of what is drawn, so the clip path id is stable and differs between plots.
    func fingerprint() -> String {
        var h: UInt64 = 0xcbf29ce484222325
        func mix(_ s: String) { for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 } }
        mix(spec.title); mix(spec.xTitle); mix(spec.yTitle)
        for s in spec.series {
            mix(s.type); mix(s.label)
            for v in s.xs + s.ys + s.lower + s.upper + s.edges + s.heights + [s.value] { mix(String(v.bitPattern)) }
        }
        return String(h & 0xffff_ffff, radix: 16)
    }

    func grid() -> String {
        var out = "<g class=\"grid\" stroke=\"currentColor\" stroke-width=\"1\">\n"
        for t in xAxis.ticks {
            out += "<line x1=\"\(svgNumber(px(t.value)))\" y1=\"\(svgNumber(top))\" x2=\"\(svgNumber(px(t.value)))\" y2=\"\(svgNumber(top + plotHeight))\" stroke-opacity=\"0.12\"/>\n"
        }
        for t in yAxis.ticks {
            out += "<line x1=\"\(svgNumber(left))\" y1=\"\(svgNumber(py(t.value)))\" x2=\"\(svgNumber(left + plotWidth))\" y2=\"\(svgNumber(py(t.value)))\" stroke-opacity=\"0.12\"/>\n"
        }
        return out + "</g>\n"
    }

    func axes() -> String {
        let bottom = top + plotHeight
        var out = "<g class=\"axes\" fill=\"currentColor\" font-size=\"11\">\n"
        out += "<path d=\"M\(svgNumber(left)),\(svgNumber(top))V\(svgNumber(bottom))H\(svgNumber(left + plotWidth))\" fill=\"none\" stroke=\"currentColor\" stroke-opacity=\"0.6\"/>\n"
        var marks = ""
        for t in xAxis.ticks { marks += "M\(svgNumber(px(t.value))),\(svgNumber(bottom))v5" }
        for v in xAxis.minor { marks += "M\(svgNumber(px(v))),\(svgNumber(bottom))v3" }
        for t in yAxis.ticks { marks += "M\(svgNumber(left)),\(svgNumber(py(t.value)))h-5" }
        for v in yAxis.minor { marks += "M\(svgNumber(left)),\(svgNumber(py(v)))h-3" }
        if !marks.isEmpty { out += "<path d=\"\(marks)\" stroke=\"currentColor\" stroke-opacity=\"0.6\"/>\n" }
        for t in xAxis.ticks {
            out += "<text x=\"\(svgNumber(px(t.value)))\" y=\"\(svgNumber(bottom + 18))\" text-anchor=\"middle\">\(tickText(t.label))</text>\n"
        }
        for t in yAxis.ticks {
            out += "<text x=\"\(svgNumber(left - 8))\" y=\"\(svgNumber(py(t.value) + 4))\" text-anchor=\"end\">\(tickText(t.label))</text>\n"
        }
        if !spec.xTitle.isEmpty {
            out += "<text x=\"\(svgNumber(left + plotWidth / 2))\" y=\"\(svgNumber(bottom + 40))\" text-anchor=\"middle\" font-size=\"13\">\(escapeHTML(spec.xTitle))</text>\n"
        }
        if !spec.yTitle.isEmpty {
            let cy = top + plotHeight / 2
            out += "<text transform=\"translate(16,\(svgNumber(cy))) rotate(-90)\" text-anchor=\"middle\" font-size=\"13\">\(escapeHTML(spec.yTitle))</text>\n"
        }
        if !spec.title.isEmpty {
            out += "<text x=\"\(svgNumber(left + plotWidth / 2))\" y=\"\(svgNumber(22))\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"600\">\(escapeHTML(spec.title))</text>\n"
        }
        return out + "</g>\n"
    }

    /// A tick label as drawn: minus signs as U+2212, "10^k" as 10 with a superscript k.
    func tickText(_ label: String) -> String {
        let typeset = label.replacingOccurrences(of: "-", with: "\u{2212}")
        guard typeset.hasPrefix("10^") else { return escapeHTML(typeset) }
        return "10<tspan dy=\"-5\" font-size=\"9\">\(escapeHTML(String(typeset.dropFirst(3))))</tspan>"
    }

    func data() -> String {
        var out = ""
        // Bands and bars first, so lines and points are drawn over them.
        for pass in 0..<2 {
            for (i, s) in spec.series.enumerated() {
                let colour = colours[i]
                switch (pass, s.type) {
                case (0, "band"): out += band(s, colour)
                case (0, "histogram"): out += bars(s, colour)
                case (1, "line"), (1, "band"): out += polylines(s.xs, s.ys, colour, style: strokeStyle(s))
                case (1, "scatter"): out += points(s, colour)
                case (1, "vline"), (1, "hline"): out += referenceLine(s, index: i)
                default: break
                }
            }
        }
        return out
    }

    /// The drawable runs of points, split where a point cannot be drawn.
    func runs(_ xs: [Double], _ ys: [Double]) -> [[(Double, Double)]] {
        var result: [[(Double, Double)]] = [[]]
        for i in 0..<min(xs.count, ys.count) {
            if xAxis.accepts(xs[i]) && yAxis.accepts(ys[i]) { result[result.count - 1].append((px(xs[i]), py(ys[i]))) }
            else if !(result.last?.isEmpty ?? true) { result.append([]) }
        }
        return result.filter { !$0.isEmpty }
    }

    func pointList(_ points: [(Double, Double)]) -> String {
        points.map { svgNumber($0.0) + "," + svgNumber($0.1) }.joined(separator: " ")
    }

    /// The extra attributes of a series' lines: its dash pattern and opacity.
    func strokeStyle(_ s: PlotSeries) -> String {
        var out = ""
        switch s.dash {
        case "dashed"?: out += " stroke-dasharray=\"7 4\""
        case "dotted"?: out += " stroke-dasharray=\"2 3\""
        default: break
        }
        return out + opacityAttribute(s)
    }

    func opacityAttribute(_ s: PlotSeries) -> String {
        s.opacity.map { " opacity=\"\(svgNumber($0))\"" } ?? ""
    }

    func polylines(_ xs: [Double], _ ys: [Double], _ colour: String, style: String = "") -> String {
        runs(xs, ys).map(thinned).map { run in
            run.count == 1
                ? "<circle cx=\"\(svgNumber(run[0].0))\" cy=\"\(svgNumber(run[0].1))\" r=\"2.5\"\(style) style=\"fill:\(colour)\"/>\n"
                : "<polyline points=\"\(pointList(run))\" fill=\"none\" stroke-width=\"2\" stroke-linejoin=\"round\"\(style) style=\"stroke:\(colour)\"/>\n"
        }.joined()
    }

    func points(_ s: PlotSeries, _ colour: String) -> String {
        // Points that land on the same spot are drawn once.
        var seen = Set<String>()
        var out = ""
        for p in runs(s.xs, s.ys).joined() {
            let at = "cx=\"\(svgNumber(p.0))\" cy=\"\(svgNumber(p.1))\""
            if seen.insert(at).inserted {
                out += "<circle \(at) r=\"3\" fill-opacity=\"0.8\"\(opacityAttribute(s)) style=\"fill:\(colour)\"/>\n"
            }
        }
        return out
    }

    /// A long line thinned to what can be seen: per half-pixel column its first,
    /// lowest, highest and last point, in order. Short lines are kept whole.
    func thinned(_ run: [(Double, Double)]) -> [(Double, Double)] {
        guard run.count > 4 * Int(plotWidth) else { return run }
        var out: [(Double, Double)] = []
        var start = 0
        while start < run.count {
            let column = (run[start].0 * 2).rounded(.down)
            var end = start
            while end + 1 < run.count && (run[end + 1].0 * 2).rounded(.down) == column { end += 1 }
            let slice = run[start...end]
            var keep = [start, end]
            if let lo = slice.indices.min(by: { run[$0].1 < run[$1].1 }) { keep.append(lo) }
            if let hi = slice.indices.max(by: { run[$0].1 < run[$1].1 }) { keep.append(hi) }
            for i in Set(keep).sorted() { out.append(run[i]) }
            start = end + 1
        }
        return out
    }

    func band(_ s: PlotSeries, _ colour: String) -> String {
        // On a log axis a lower edge ≤ 0 is drawn at the bottom of the plot.
        let floorY = yAxis.log ? pow(10, yAxis.lo) : -Double.infinity
        let lower = s.lower.map { yAxis.log && $0 <= 0 ? floorY : $0 }
        let upperRuns = runs(s.xs, s.upper.indices.map { i in i < lower.count && yAxis.accepts(lower[i]) ? s.upper[i] : .nan })
        let lowerRuns = runs(s.xs, lower.indices.map { i in i < s.upper.count && yAxis.accepts(s.upper[i]) ? lower[i] : .nan })
        return zip(upperRuns, lowerRuns).map { up, down in
            "<polygon points=\"\(pointList(up + down.reversed()))\" fill-opacity=\"0.2\" stroke=\"none\"\(opacityAttribute(s)) style=\"fill:\(colour)\"/>\n"
        }.joined()
    }

    func bars(_ s: PlotSeries, _ colour: String) -> String {
        let base = yAxis.log ? top + plotHeight : py(min(max(0, yAxis.lo), yAxis.hi))
        var out = "<g fill-opacity=\"0.55\" stroke-width=\"1\"\(opacityAttribute(s)) style=\"fill:\(colour);stroke:\(colour)\">\n"
        for i in s.heights.indices where i + 1 < s.edges.count {
            let (x0, x1, h) = (s.edges[i], s.edges[i + 1], s.heights[i])
            guard xAxis.accepts(x0), xAxis.accepts(x1), yAxis.accepts(h), h != 0 else { continue }
            let (a, b, y) = (px(x0), px(x1), py(h))
            out += "<rect x=\"\(svgNumber(min(a, b)))\" y=\"\(svgNumber(min(y, base)))\" width=\"\(svgNumber(abs(b - a)))\" height=\"\(svgNumber(abs(base - y)))\"/>\n"
        }
        return out + "</g>\n"
    }

    /// A dashed reference line. Labels of vertical lines go one row lower per
    /// labelled vertical line before it, so that nearby lines' labels never overlap.
    func referenceLine(_ s: PlotSeries, index: Int) -> String {
        let vertical = s.type == "vline"
        guard (vertical ? xAxis : yAxis).accepts(s.value) else { return "" }
        let (x1, y1, x2, y2) = vertical
            ? (px(s.value), top, px(s.value), top + plotHeight)
            : (left, py(s.value), left + plotWidth, py(s.value))
        var out = "<line x1=\"\(svgNumber(x1))\" y1=\"\(svgNumber(y1))\" x2=\"\(svgNumber(x2))\" y2=\"\(svgNumber(y2))\" stroke=\"currentColor\" stroke-opacity=\"0.7\" stroke-dasharray=\"5 4\"/>\n"
        if !s.label.isEmpty {
            let row = Double(spec.series[..<index].filter { $0.type == "vline" && !$0.label.isEmpty }.count)
            let (tx, ty, anchor) = vertical ? (x1 + 4, top + 12 + 14 * row, "start") : (x2 - 4, y1 - 5, "end")
            out += "<text x=\"\(svgNumber(tx))\" y=\"\(svgNumber(ty))\" text-anchor=\"\(anchor)\" font-size=\"11\" fill=\"currentColor\">\(escapeHTML(s.label))</text>\n"
        }
        return out
    }

    // MARK: Legend, below the plot so it never hides data.

    struct LegendItem { var index: Int; var type: String; var label: String; var row: Int; var x: Double }

    func legendItems() -> [LegendItem] {
        var items: [LegendItem] = []
        var x = left, row = 0
        for (i, s) in spec.series.enumerated() where !s.label.isEmpty && s.type != "vline" && s.type != "hline" {
            let w = 26 + Self.labelWidth(s.label) + 18
            if x > left && x + w > width - 8 { row += 1; x = left }
            items.append(LegendItem(index: i, type: s.type, label: s.label, row: row, x: x))
            x += w
        }
        return items
    }

    func drawLegend(_ items: [LegendItem]) -> String {
        guard !items.isEmpty else { return "" }
        var out = "<g class=\"legend\" font-size=\"11\" fill=\"currentColor\">\n"
        for item in items {
            let y = legendTop + Double(item.row) * 20
            let colour = colours[item.index], s = spec.series[item.index]
            let style = strokeStyle(s)
            switch item.type {
            case "scatter":
                out += "<circle cx=\"\(svgNumber(item.x + 10))\" cy=\"\(svgNumber(y))\" r=\"3.5\"\(opacityAttribute(s)) style=\"fill:\(colour)\"/>\n"
            case "histogram", "band":
                out += "<rect x=\"\(svgNumber(item.x))\" y=\"\(svgNumber(y - 6))\" width=\"20\" height=\"12\" fill-opacity=\"\(item.type == "band" ? "0.2" : "0.55")\"\(opacityAttribute(s)) style=\"fill:\(colour)\"/>\n"
                if item.type == "band" {
                    out += "<line x1=\"\(svgNumber(item.x))\" y1=\"\(svgNumber(y))\" x2=\"\(svgNumber(item.x + 20))\" y2=\"\(svgNumber(y))\" stroke-width=\"2\"\(style) style=\"stroke:\(colour)\"/>\n"
                }
            default:
                out += "<line x1=\"\(svgNumber(item.x))\" y1=\"\(svgNumber(y))\" x2=\"\(svgNumber(item.x + 20))\" y2=\"\(svgNumber(y))\" stroke-width=\"2\"\(style) style=\"stroke:\(colour)\"/>\n"
            }
            out += "<text x=\"\(svgNumber(item.x + 26))\" y=\"\(svgNumber(y + 4))\">\(escapeHTML(item.label))</text>\n"
        }
        return out + "</g>\n"
    }
}
