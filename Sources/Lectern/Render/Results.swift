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
    out += "<div class=\"lectern-scroll\"><table>\n"
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

/// The badge under a cell: pass or fail, the check's name, its figures and, when it failed, where.
public func renderCheckBadge(_ c: CheckResult) -> String {
    let state = c.passed ? "pass" : "fail"
    var figures: [String] = []
    switch c.kind {
    case .check where !c.figures.isEmpty:
        figures.append("value \(c.value)")
        figures.append("expected \(c.expected)" + (c.tolerance.isEmpty ? "" : " \(c.tolerance)"))
    case .estimate:
        figures += [c.value, "expected \(c.expected)", c.tolerance]
    case .output:
        figures.append(c.value)
    case .check:
        break
    }
    if !c.detail.isEmpty { figures.append(c.detail) }
    if let note = c.note { figures.append(note) }
    var out = "<div class=\"lectern-check \(state)\" data-line=\"\(c.line)\">"
    out += "<span class=\"badge\">\(c.passed ? "✓ pass" : "✗ fail")</span> "
    out += "<span class=\"name\">\(escapeHTML(c.name))</span>"
    if !figures.isEmpty {
        out += " <span class=\"figures\">" + figures.map(escapeHTML).joined(separator: " · ") + "</span>"
    }
    if !c.passed { out += " <span class=\"where\">\(escapeHTML(c.location))</span>" }
    return out + "</div>\n"
}

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
/// `--fail-bg`, `--border`), so it follows the light and the dark theme.
/// Plots take their colours from `--series-1` ... `--series-8` and their text
/// and axes from `currentColor`.
public let resultsStylesheet = """
.lectern-table { margin: 0.75em 0; }
.lectern-table figcaption { font-style: italic; padding-bottom: 0.3em; }
.lectern-scroll { overflow-x: auto; }
.lectern-table table, .lectern-ledger table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
.lectern-table th, .lectern-table td, .lectern-ledger th, .lectern-ledger td { padding: 0.25em 0.75em; border-bottom: 1px solid var(--border); text-align: left; }
.lectern-table th, .lectern-ledger th { border-bottom-width: 2px; }
.lectern-table .num, .lectern-ledger .num { text-align: right; }
.lectern-plot { margin: 0.75em 0; }
.lectern-plot svg { display: block; max-width: 100%; height: auto; }
.lectern-check { margin: 0.4em 0; padding: 0.3em 0.6em; border-left: 4px solid; border-radius: 3px; font-size: 0.92em; }
.lectern-check.pass { border-color: var(--pass); background: var(--pass-bg); }
.lectern-check.fail { border-color: var(--fail); background: var(--fail-bg); }
.lectern-check .badge, .lectern-ledger .badge { font-weight: 600; white-space: nowrap; }
.lectern-check.pass .badge, .lectern-ledger tr.pass .badge { color: var(--pass); }
.lectern-check.fail .badge, .lectern-ledger tr.fail .badge { color: var(--fail); }
.lectern-check .name { font-weight: 600; }
.lectern-check .figures { font-variant-numeric: tabular-nums; opacity: 0.85; }
.lectern-check .where { font-family: ui-monospace, monospace; font-size: 0.9em; }
.lectern-diff ins { text-decoration: none; color: var(--pass); background: var(--pass-bg); }
.lectern-diff del { text-decoration: none; color: var(--fail); background: var(--fail-bg); }
.lectern-diff .skip { opacity: 0.6; }
.lectern-ledger .summary { font-weight: 600; }
"""
