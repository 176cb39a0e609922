import CommonMark

/// Renders a cell: its code (unless hidden), then what it produced, in order.
func renderCell(_ cell: Cell, result: CellResult?, compileErrors: [String], notRunReason: String,
                checkIDs: CheckIDs = CheckIDs()) -> String {
    var html = "<div class=\"cell\" id=\"cell-\(cell.index + 1)\">\n"
    if !cell.options.hideCode {
        let n = cell.index + 1
        let pre = "<pre class=\"cell-code\" tabindex=\"0\" role=\"group\" aria-label=\"Code of cell \(n)\"><code class=\"language-swift\">\(highlightSwift(cell.code))</code></pre>\n"
        if cell.options.fold {
            html += "<details class=\"cell-fold\"><summary>\(escapeHTML(foldSummary(cell.code)))</summary>\n" + pre + "</details>\n"
        } else {
            html += pre
        }
    }
    if !cell.options.run {
        return html + "</div>\n"
    }
    if !compileErrors.isEmpty {
        html += "<pre class=\"cell-error\">\(escapeHTML(compileErrors.joined(separator: "\n")))</pre>\n"
    }
    let result = result ?? CellResult()
    if !cell.options.hideOutput {
        var outputs = ""
        for output in result.outputs {
            switch output {
            case .text(let text):
                outputs += "<div class=\"output-scroll\" tabindex=\"0\" role=\"group\" aria-label=\"Output of cell \(cell.index + 1)\">"
                    + "<pre class=\"cell-output\">\(escapeHTML(text))</pre></div>\n"
            case .record(let record):
                outputs += renderResultRecord(record)
            case .check(let check):
                outputs += renderCheckBadge(check, id: checkIDs.next(for: check.name))
            }
        }
        if !result.stderr.isEmpty {
            outputs += "<div class=\"output-scroll\" tabindex=\"0\" role=\"group\" aria-label=\"Error output of cell \(cell.index + 1)\">"
                + "<pre class=\"cell-output cell-stderr\">\(escapeHTML(result.stderr))</pre></div>\n"
        }
        html += outputs
    }
    if let check = result.outputCheck {
        html += renderCheckBadge(check, id: checkIDs.next(for: check.name))
        if let comparison = check.comparison, !comparison.matches { html += renderOutputComparison(comparison) }
    }
    switch result.status {
    case .ok:
        break
    case .notRun:
        if compileErrors.isEmpty {
            html += "<p class=\"cell-note\">Not run: \(escapeHTML(notRunReason)).</p>\n"
        }
    case .runtimeError(let message):
        html += "<pre class=\"cell-error\">\(escapeHTML(message))</pre>\n"
    case .compileError(let diagnostics):
        html += "<pre class=\"cell-error cell-expected-error\">\(escapeHTML(diagnostics))</pre>\n"
    }
    return html + "</div>\n"
}

/// A runtime record (table, plot, check) as HTML.
func renderResultRecord(_ record: Record) -> String {
    renderRecord(record) ?? ""
}

/// The one line a folded cell shows: its first comment's text, or its first line,
/// cut at 72 characters, and how many lines it has.
///
///     foldSummary("// Exact J by enumeration\nlet j = 1\n")   // "Exact J by enumeration (2 lines)"
func foldSummary(_ code: String) -> String {
    let lines = code.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: " ") }
    let count = code.split(separator: "\n").count
    var first = lines.first { !$0.isEmpty } ?? "code"
    for prefix in ["///", "//"] where first.hasPrefix(prefix) {
        first = first.dropFirst(prefix.count).trimmingCharacters(in: " " as Character)
        break
    }
    if first.count > 72 { first = String(first.prefix(71)) + "…" }
    return "\(first) (\(count) line\(count == 1 ? "" : "s"))"
}
