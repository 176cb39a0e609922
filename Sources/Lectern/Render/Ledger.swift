import CommonMark
import Foundation

// The verification ledger at the end of each page: every check of the
// lecture, its value, expected value, allowance and result; also written as
// JSON next to the page.

/// The ledger table that ends a page.
///
///     page += renderLedger(records.compactMap(checkResult(from:)))
///
/// - Parameter checks: the lecture's checks in page order.
/// - Returns: a `<section>` with a summary line and a table, or "" when the lecture has no checks.
func renderLedger(_ checks: [CheckResult]) -> String {
    guard !checks.isEmpty else { return "" }
    let failed = checks.filter { !$0.passed }.count
    var out = "<div class=\"lectern-ledger\">\n"
    out += "<p class=\"summary\">\(checks.count - failed) passed, \(failed) failed</p>\n"
    out += "<div class=\"lectern-scroll\"><table>\n<thead><tr><th>Check</th><th>Line</th><th>Value</th><th>Expected</th><th>Tolerance / SE</th><th>Result</th></tr></thead>\n<tbody>\n"
    for c in checks {
        let state = c.passed ? "pass" : "fail"
        var value = c.value
        if !c.detail.isEmpty { value += " (\(c.detail))" }
        out += "<tr class=\"\(state)\">"
        out += "<td>\(escapeHTML(c.name))</td>"
        out += "<td class=\"num\" title=\"\(escapeHTML(c.location))\">\(c.line)</td>"
        out += "<td>\(escapeHTML(value))</td>"
        out += "<td>\(escapeHTML(c.expected))</td>"
        out += "<td>\(escapeHTML(c.tolerance))</td>"
        out += "<td><span class=\"badge\">\(c.passed ? "✓ pass" : "✗ fail")</span></td>"
        out += "</tr>\n"
    }
    return out + "</tbody>\n</table></div>\n</div>\n"
}

/// The ledger as JSON, written next to the page: stable key order, numbers in
/// shortest round-trip form, non-finite numbers as "nan", "inf", "-inf".
///
///     ledgerJSON(checks, lecture: "01-policy-gradients")
///     // {"lecture":"01-policy-gradients","passed":3,"failed":0,"checks":[{"name":...}]}
///
/// - Parameters:
///   - checks: the lecture's checks in page order.
///   - lecture: the lecture's name (its file name without extension).
/// - Returns: the JSON text, ending with a newline.
func ledgerJSON(_ checks: [CheckResult], lecture: String) -> String {
    let failed = checks.filter { !$0.passed }.count
    var out = "{\"lecture\":" + jsonString(lecture)
    out += ",\"passed\":\(checks.count - failed),\"failed\":\(failed),\"checks\":["
    for (i, c) in checks.enumerated() {
        if i > 0 { out += "," }
        out += "\n{\"name\":" + jsonString(c.name)
        out += ",\"kind\":" + jsonString(c.kind.rawValue)
        out += ",\"file\":" + jsonString(c.file)
        out += ",\"line\":\(c.line)"
        out += ",\"passed\":" + (c.passed ? "true" : "false")
        out += ",\"figures\":{"
        out += c.figures.map { jsonString($0.name) + ":" + jsonText($0.value) }.joined(separator: ",")
        out += "}"
        if let note = c.note { out += ",\"note\":" + jsonString(note) }
        out += "}"
    }
    return out + (checks.isEmpty ? "]}\n" : "\n]}\n")
}

/// A JSON value as text; object keys sorted so the text is stable.
func jsonText(_ v: JSON) -> String {
    switch v {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .number(let x): return jsonNumber(x)
    case .string(let s): return jsonString(s)
    case .array(let items): return "[" + items.map(jsonText).joined(separator: ",") + "]"
    case .object(let fields):
        return "{" + fields.keys.sorted().map { jsonString($0) + ":" + jsonText(fields[$0] ?? .null) }.joined(separator: ",") + "}"
    }
}

func jsonNumber(_ x: Double) -> String {
    if x.isNaN { return "\"nan\"" }
    if x.isInfinite { return x < 0 ? "\"-inf\"" : "\"inf\"" }
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return String(describing: x)
}

func jsonString(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
        switch u {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
        default: out.unicodeScalars.append(u)
        }
    }
    return out + "\""
}
