import CommonMark

/// Renders a cell: its code (unless hidden), then what it produced, in order.
func renderCell(_ cell: Cell, result: CellResult?, compileErrors: [String], notRunReason: String) -> String {
    var html = "<div class=\"cell\" id=\"cell-\(cell.index + 1)\">\n"
    if !cell.options.hideCode {
        html += "<pre class=\"cell-code\"><code class=\"language-swift\">\(highlightSwift(cell.code))</code></pre>\n"
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
                outputs += "<pre class=\"cell-output\">\(escapeHTML(text))</pre>\n"
            case .record(let record):
                outputs += renderResultRecord(record)
            case .check(let check):
                outputs += renderCheckBadge(check)
            }
        }
        if !result.stderr.isEmpty {
            outputs += "<pre class=\"cell-output cell-stderr\">\(escapeHTML(result.stderr))</pre>\n"
        }
        html += outputs
    }
    if let check = result.outputCheck {
        html += renderCheckBadge(check)
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
