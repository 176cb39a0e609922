/// The scale of a plot axis.
public enum AxisScale: String, Sendable {
    /// Evenly spaced values.
    case linear
    /// Evenly spaced powers of ten; values ≤ 0 are left out.
    case log
}

/// How wide an error band is drawn around the mean of several runs.
public enum BandSpread: Sendable {
    /// Mean ± the (unbiased) standard deviation of the runs: how much one run varies.
    case standardDeviation
    /// Mean ± the standard error of the mean: how well the mean is known.
    case standardError
}

/// The dash pattern of a line.
public enum LineDash: String, Sendable {
    case solid, dashed, dotted
}

/// How one series is drawn, beyond the defaults: its colour, dash pattern and opacity.
///
/// A colour is `"#rgb"`, `"#rrggbb"`, or `"series-1"` … `"series-8"` (the site's palette,
/// which follows the light or dark theme). Without a colour, a labelled series takes the next
/// palette colour and an unlabelled one the colour of the series before it (so points laid on
/// a line match it); unlabelled series take no legend entry and no palette colour.
///
///     p.line(xs, exact, label: "exact", style: SeriesStyle(color: "series-2", dash: .dashed))
///     for run in runs { p.line(xs, run, style: SeriesStyle(opacity: 0.25)) }   // faint, no legend
public struct SeriesStyle: Sendable {
    public var color: String?
    public var dash: LineDash?
    public var opacity: Double?

    /// - Parameters:
    ///   - color: `"#rgb"`, `"#rrggbb"` or `"series-N"` (N in 1...8); nil for the default.
    ///   - dash: `.solid`, `.dashed` or `.dotted`; nil for solid.
    ///   - opacity: 0...1, multiplying the series' usual opacity; nil for 1.
    public init(color: String? = nil, dash: LineDash? = nil, opacity: Double? = nil) {
        if let color, !SeriesStyle.isValid(color) {
            fatalError("SeriesStyle: colour \"\(color)\" is not #rgb, #rrggbb or series-1 … series-8")
        }
        if let opacity, !(opacity >= 0 && opacity <= 1) {
            fatalError("SeriesStyle: opacity \(opacity) is not in 0...1")
        }
        self.color = color
        self.dash = dash
        self.opacity = opacity
    }

    static func isValid(_ c: String) -> Bool {
        if c.hasPrefix("series-"), let n = Int(c.dropFirst(7)) { return (1...8).contains(n) }
        let hex = c.dropFirst()
        return c.hasPrefix("#") && (hex.count == 3 || hex.count == 6) && hex.allSatisfy(\.isHexDigit)
    }

    var fields: [(String, JSONValue)] {
        var f: [(String, JSONValue)] = []
        if let color { f.append(("color", .string(color))) }
        if let dash { f.append(("dash", .string(dash.rawValue))) }
        if let opacity { f.append(("opacity", .number(opacity))) }
        return f
    }
}

/// A plot: line and scatter series, error bands, histograms and reference
/// lines, drawn as an SVG under the cell when shown. The runtime records
/// only the data; the page draws it.
///
///     var p = Plot(title: "Gradient error", xTitle: "samples", yTitle: "error",
///                  xScale: .log, yScale: .log)
///     p.line(ns, errors, label: "REINFORCE")
///     p.band(ns, runs: errorsPerSeed, label: "mean ± sd over seeds")
///     p.hline(0.01, label: "target")
///     show(p)
public struct Plot {
    /// The title drawn above the plot.
    public var title: String?
    /// The title of the x axis (the data's x values are `xs`).
    public var xTitle: String?
    /// The title of the y axis.
    public var yTitle: String?
    /// The scale of the x axis.
    public var xScale: AxisScale
    /// The scale of the y axis.
    public var yScale: AxisScale
    /// A fixed x range; nil to fit the data.
    public var xRange: ClosedRange<Double>?
    /// A fixed y range; nil to fit the data.
    public var yRange: ClosedRange<Double>?
    var series: [JSONValue] = []

    /// An empty plot.
    /// - Parameters:
    ///   - title: the title drawn above the plot.
    ///   - xTitle: the x axis title.
    ///   - yTitle: the y axis title.
    ///   - xScale: `.linear` (default) or `.log`.
    ///   - yScale: `.linear` (default) or `.log`.
    public init(title: String? = nil, xTitle: String? = nil, yTitle: String? = nil,
                xScale: AxisScale = .linear, yScale: AxisScale = .linear) {
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.xScale = xScale
        self.yScale = yScale
    }

    /// Adds a line through the points `(xs[i], ys[i])`: `p.line([1, 2, 3], [1, 4, 9], label: "x²")`.
    /// Points with a non-finite coordinate are skipped; the extra elements of the longer array are ignored.
    /// `style` sets its colour, dash and opacity (see `SeriesStyle`).
    public mutating func line(_ xs: [Double], _ ys: [Double], label: String = "", style: SeriesStyle? = nil) {
        let n = min(xs.count, ys.count)
        add("line", label, [("xs", RecordFields.numbers(Array(xs.prefix(n)))), ("ys", RecordFields.numbers(Array(ys.prefix(n))))],
            style)
    }

    /// Adds a line through `ys` against their indices 0, 1, 2, ...: `p.line(returns, label: "return")`.
    public mutating func line(_ ys: [Double], label: String = "", style: SeriesStyle? = nil) {
        line(ys.indices.map(Double.init), ys, label: label, style: style)
    }

    /// Adds points `(xs[i], ys[i])` without a line: `p.scatter(lengths, rewards, label: "episodes")`.
    public mutating func scatter(_ xs: [Double], _ ys: [Double], label: String = "", style: SeriesStyle? = nil) {
        let n = min(xs.count, ys.count)
        add("scatter", label, [("xs", RecordFields.numbers(Array(xs.prefix(n)))), ("ys", RecordFields.numbers(Array(ys.prefix(n))))],
            style)
    }

    /// Adds the mean of several runs as a line inside a shaded band, mean ± spread at each x.
    ///
    ///     // returns[seed][i]: the return after xs[i] episodes with that seed
    ///     p.band(xs, runs: returns, label: "REINFORCE (5 seeds)")
    ///
    /// - Parameters:
    ///   - xs: the x positions shared by all runs.
    ///   - runs: one array per run, each with a value per x (shorter runs leave out the later x).
    ///   - label: the legend entry.
    ///   - spread: `.standardDeviation` (default) or `.standardError` of the runs at each x.
    public mutating func band(_ xs: [Double], runs: [[Double]], label: String = "",
                              spread: BandSpread = .standardDeviation, style: SeriesStyle? = nil) {
        var mean: [Double] = [], lower: [Double] = [], upper: [Double] = []
        for i in xs.indices {
            let values = runs.compactMap { i < $0.count ? $0[i] : nil }.filter(\.isFinite)
            let s = SampleStats(values)
            let width = spread == .standardDeviation ? s.sd : s.se
            mean.append(s.mean)
            lower.append(s.mean - (width.isFinite ? width : 0))
            upper.append(s.mean + (width.isFinite ? width : 0))
        }
        add("band", label, [("xs", RecordFields.numbers(xs)), ("mean", RecordFields.numbers(mean)),
                            ("lower", RecordFields.numbers(lower)), ("upper", RecordFields.numbers(upper)),
                            ("runs", .number(Double(runs.count)))], style)
    }

    /// Adds a line `ys` inside a band from `lower` to `upper` given explicitly:
    /// `p.band(xs, ys, lower: lo, upper: hi, label: "95% interval")`.
    public mutating func band(_ xs: [Double], _ ys: [Double], lower: [Double], upper: [Double], label: String = "",
                              style: SeriesStyle? = nil) {
        let n = min(xs.count, ys.count, lower.count, upper.count)
        add("band", label, [("xs", RecordFields.numbers(Array(xs.prefix(n)))), ("mean", RecordFields.numbers(Array(ys.prefix(n)))),
                            ("lower", RecordFields.numbers(Array(lower.prefix(n)))), ("upper", RecordFields.numbers(Array(upper.prefix(n)))),
                            ("runs", .number(0))], style)
    }

    /// Adds a histogram of `values` in `bins` bins of equal width.
    ///
    ///     p.histogram(returns, bins: 20, label: "returns")
    ///
    /// - Parameters:
    ///   - values: the data; non-finite values are left out.
    ///   - bins: the number of bins (at least 1).
    ///   - range: the span the bins cover; nil for the data's min to max. Values outside are left out.
    ///   - density: true to scale heights so the bars' total area is 1 (to compare with a density curve).
    ///   - label: the legend entry.
    public mutating func histogram(_ values: [Double], bins: Int = 20, range: ClosedRange<Double>? = nil,
                                   density: Bool = false, label: String = "", style: SeriesStyle? = nil) {
        let h = histogramBins(values, bins: bins, range: range, density: density)
        add("histogram", label, [("edges", RecordFields.numbers(h.edges)), ("heights", RecordFields.numbers(h.heights)),
                                 ("density", .bool(density)), ("n", .number(Double(h.n)))], style)
    }

    /// Adds a vertical reference line at `x`: `p.vline(0.5, label: "exact")`.
    public mutating func vline(_ x: Double, label: String = "") {
        add("vline", label, [("x", .number(x))])
    }

    /// Adds a horizontal reference line at `y`: `p.hline(0, label: "baseline")`.
    public mutating func hline(_ y: Double, label: String = "") {
        add("hline", label, [("y", .number(y))])
    }

    private mutating func add(_ type: String, _ label: String, _ fields: [(String, JSONValue)], _ style: SeriesStyle? = nil) {
        series.append(.object([("type", .string(type)), ("label", .string(label))] + fields + (style?.fields ?? [])))
    }

    /// The record fields of this plot.
    var recordFields: [(String, JSONValue)] {
        var fields: [(String, JSONValue)] = []
        if let title { fields.append(("title", .string(title))) }
        if let xTitle { fields.append(("x", .string(xTitle))) }
        if let yTitle { fields.append(("y", .string(yTitle))) }
        fields.append(("xScale", .string(xScale.rawValue)))
        fields.append(("yScale", .string(yScale.rawValue)))
        if let r = xRange { fields.append(("xRange", RecordFields.numbers([r.lowerBound, r.upperBound]))) }
        if let r = yRange { fields.append(("yRange", RecordFields.numbers([r.lowerBound, r.upperBound]))) }
        fields.append(("series", .array(series)))
        return fields
    }
}

/// Equal-width bins: `edges` has `bins + 1` entries, `heights` the counts (or densities), `n` the values binned.
func histogramBins(_ values: [Double], bins: Int, range: ClosedRange<Double>?, density: Bool)
    -> (edges: [Double], heights: [Double], n: Int) {
    let finite = values.filter(\.isFinite)
    guard let low0 = range?.lowerBound ?? finite.min(), let high0 = range?.upperBound ?? finite.max() else {
        return ([], [], 0)
    }
    let bins = max(1, bins)
    let (low, high) = low0 < high0 ? (low0, high0) : (low0 - 0.5, low0 + 0.5)
    let width = (high - low) / Double(bins)
    let edges = (0...bins).map { $0 == bins ? high : low + Double($0) * width }
    var counts = [Double](repeating: 0, count: bins)
    var n = 0
    for v in finite where v >= low && v <= high {
        counts[min(bins - 1, Int((v - low) / width))] += 1
        n += 1
    }
    let heights = density && n > 0 ? counts.map { $0 / (Double(n) * width) } : counts
    return (edges, heights, n)
}

/// Shows a one-line plot: `plot(xs, ys, title: "J(θ)", xTitle: "θ", yTitle: "J")`.
/// - Parameters:
///   - xs: the x values.
///   - ys: the y values.
///   - label: the legend entry (none by default).
///   - title: the plot title.
///   - xTitle: the x axis title.
///   - yTitle: the y axis title.
///   - xScale: `.linear` or `.log`.
///   - yScale: `.linear` or `.log`.
public func plot(_ xs: [Double], _ ys: [Double], label: String = "", title: String? = nil,
                 xTitle: String? = nil, yTitle: String? = nil, xScale: AxisScale = .linear, yScale: AxisScale = .linear) {
    var p = Plot(title: title, xTitle: xTitle, yTitle: yTitle, xScale: xScale, yScale: yScale)
    p.line(xs, ys, label: label)
    show(p)
}

/// Shows a plot under the cell.
public func show(_ p: Plot) {
    _lecternRecord("plot", p.recordFields)
}
