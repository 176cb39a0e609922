import CommonMark
import Foundation

// HTML for what a cell produced besides text: tables, plots, check badges, and
// the comparison of a cell's printed output with its ```output block. The
// record fields are documented in Sources/Notebook/Records.swift.

/// Draws a record as HTML: a table or a plot (checks arrive decided, as ``CheckResult``s).
///
///     if let html = renderRecord(record) { page += html }
///
/// - Parameter record: a record read from the lecture program.
/// - Returns: the HTML, or nil for records that are not drawn here (control records, checks).
public func renderRecord(_ record: Record) -> String? {
    switch record.kind {
    case "table": return renderTable(record.fields)
    case "plot": return "<figure class=\"lectern-plot\">\n" + renderPlotSVG(record) + "\n</figure>\n"
    default: return nil
    }
}

func renderTable(_ f: JSON) -> String {
    let columns = f["columns"]?.array?.map { $0.string ?? "" } ?? []
    let rows = f["rows"]?.array?.map { $0.array?.map { $0.string ?? "" } ?? [] } ?? []
    let numeric = f["numeric"]?.array?.map { $0.bool ?? false } ?? []
    func cell(_ tag: String, _ text: String, _ c: Int) -> String {
        let cls = c < numeric.count && numeric[c] ? " class=\"num\"" : ""
        return "<\(tag)\(cls)>\(escapeHTML(text))</\(tag)>"
    }
    var out = "<figure class=\"lectern-table\">\n"
    if let caption = f["caption"]?.string { out += "<figcaption>\(escapeHTML(caption))</figcaption>\n" }
    let label = f["caption"]?.string.map { "Table: " + $0 } ?? "Table"
    out += "<div class=\"lectern-scroll\" tabindex=\"0\" role=\"group\" aria-label=\"\(escapeHTML(label))\"><table>\n"
    if !columns.isEmpty {
        out += "<thead><tr>" + columns.enumerated().map { cell("th", $0.element, $0.offset) }.joined() + "</tr></thead>\n"
    }
    out += "<tbody>\n"
    for row in rows {
        out += "<tr>" + row.enumerated().map { cell("td", $0.element, $0.offset) }.joined() + "</tr>\n"
    }
    return out + "</tbody>\n</table></div>\n</figure>\n"
}

// MARK: Checks

// MARK: Expected output

/// The diff shown under a cell whose output did not match: expected lines that were
/// not printed, printed lines that were not expected, and a little context.
public func renderOutputComparison(_ c: OutputComparison, context: Int = 3) -> String {
    var out = "<pre class=\"lectern-diff\"><code>"
    for line in c.visibleLines(context: context) {
        switch line {
        case .some(.same(let s)): out += "<span class=\"same\">  \(escapeHTML(s))</span>\n"
        case .some(.missing(let s)): out += "<del>- \(escapeHTML(s))</del>\n"
        case .some(.extra(let s)): out += "<ins>+ \(escapeHTML(s))</ins>\n"
        case .none: out += "<span class=\"skip\">  …</span>\n"
        }
    }
    return out + "</code></pre>\n"
}

/// The CSS for tables, plots, check badges, output diffs and the ledger. It
/// uses the site stylesheet's theme variables (`--pass`, `--pass-bg`, `--fail`,
/// `--fail-bg`, `--border`, `--muted`), so it follows the light and the dark theme.
/// Plots take their colours from `--series-1` … `--series-6` and their text
/// and axes from `currentColor`.
public let resultsStylesheet = """
.lectern-table { margin: 0.75em 0; }
.lectern-table figcaption { font-style: italic; padding-bottom: 0.3em; }
.lectern-scroll { max-width: 100%; overflow-x: auto; }
.lectern-table table { border-collapse: collapse; font-size: 0.9rem; font-variant-numeric: tabular-nums; margin: 0; }
.lectern-table th, .lectern-table td { padding: 0.25em 0.75em; border-bottom: 1px solid var(--border); text-align: left; }
.lectern-table th { border-bottom-width: 2px; font-weight: 600; }
.lectern-table .num { text-align: right; }
.lectern-plot { margin: 0.75em 0; }
.lectern-plot-svg { display: block; max-width: 100%; height: auto; }
.lectern-plot .grid { color: var(--muted); }
@media (max-width: 40rem) {
  /* A plot drawn 600 units wide shrinks to about 0.6 on a phone: its text grows to stay legible. */
  .lectern-plot .axes, .lectern-plot .legend { font-size: 17px; }
}
details.lectern-check { margin: 0.4em 0; padding: 0.25em 0.6em; border-left: 4px solid; border-radius: 3px; font-size: 0.92em; }
details.lectern-check > summary { cursor: pointer; }
.lectern-check.pass { border-color: var(--pass); background: var(--pass-bg); }
.lectern-check.fail { border-color: var(--fail); background: var(--fail-bg); }
.lectern-check .badge { font-weight: 600; white-space: nowrap; }
.lectern-check.pass .badge, .ledger .pass a { color: var(--pass); }
.lectern-check.fail .badge, .ledger .fail a { color: var(--fail); }
.lectern-check .name { font-weight: 600; }
.lectern-check .figure, .ledger-list .figure { font-variant-numeric: tabular-nums; color: var(--muted); white-space: nowrap; }
.lectern-check dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.1em 1em; margin: 0.4em 0 0.3em; font-variant-numeric: tabular-nums; }
.lectern-check dt { color: var(--muted); }
.lectern-check dd { margin: 0; font-family: var(--font-code); font-size: 0.9em; overflow-wrap: anywhere; }
.lectern-check .to-ledger { font-size: 0.85em; }
.lectern-diff ins { text-decoration: none; color: var(--pass); background: var(--pass-bg); }
.lectern-diff del { text-decoration: none; color: var(--fail); background: var(--fail-bg); }
.lectern-diff .same, .lectern-diff .skip { color: var(--muted); }
.ledger { margin-top: 3rem; padding: 1rem 1.25rem; border: 1px solid var(--border); border-radius: 8px; font-size: 0.9rem; }
.ledger h2 { margin-top: 0; font-size: 1.1rem; border: 0; }
.ledger-counts { font-weight: 600; }
.ledger-counts .n-pass { color: var(--pass); }
.ledger-counts .n-fail { color: var(--fail); }
.ledger-counts .n-none { color: var(--muted); }
.ledger-list { margin: 0.5em 0 0; padding-left: 1.6em; }
.ledger-failed { margin-bottom: 0.75em; }
.ledger-list .line { color: var(--muted); font-size: 0.9em; white-space: nowrap; }
.ledger-passed > summary { cursor: pointer; }
@media print {
  .lectern-plot .axes, .lectern-plot .legend { font-size: 11px; }
  details.lectern-check > dl, details.lectern-check > .to-ledger { display: none; }
}
"""
