// The colours of plot series: the site palette, a series' own colour, and which
// series take a palette colour at all.

/// The series colours: CSS variables `--series-1` ... `--series-8`, with fallbacks readable on light and dark backgrounds.
let seriesFallbackColours = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]

func seriesColour(_ index: Int) -> String {
    let i = index % seriesFallbackColours.count
    return "var(--series-\(i + 1), \(seriesFallbackColours[i]))"
}

/// The colour of every series: its own if it names a valid one; else a labelled series takes
/// the next palette colour and an unlabelled one the colour of the series before it
/// (`currentColor` if none), so unlabelled series never use up the palette.
func seriesColours(_ series: [PlotSeries]) -> [String] {
    var next = 0, previous = "currentColor"
    return series.map { s in
        if s.type == "vline" || s.type == "hline" { return "currentColor" }
        if let c = s.color, let valid = explicitColour(c) { previous = valid; return valid }
        if s.label.isEmpty { return previous }
        previous = seriesColour(next)
        next += 1
        return previous
    }
}

/// A series' own colour, if it is one the page can draw: "#rgb", "#rrggbb" or "series-1" … "series-8".
func explicitColour(_ c: String) -> String? {
    if c.hasPrefix("series-"), let n = Int(c.dropFirst(7)), (1...8).contains(n) { return seriesColour(n - 1) }
    let hex = c.dropFirst()
    guard c.hasPrefix("#"), hex.count == 3 || hex.count == 6, hex.allSatisfy(\.isHexDigit) else { return nil }
    return c
}
