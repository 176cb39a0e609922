import CommonMark
import Foundation

// The verification ledger at the end of each page: a compact summary of the
// lecture's checks, linking each badge; also written as JSON next to the page.

/// The version of Lectern, as the ledger's JSON records it.
public let lecternVersion = "0.2.0"

/// The version of the ledger JSON's layout (documented in the README).
public let ledgerSchemaVersion = 2

/// The verification ledger that ends a page: the counts, a link to the JSON,
/// the failed checks listed first, the passed ones in a collapsed list. Every
/// entry links to its badge, and every badge back to its entry.
///
///     page += renderLedger(checks, json: "01-x.checks.json")
///
/// - Parameters:
///   - checks: the lecture's checks in page order.
///   - json: the ledger JSON's address, relative to the page.
/// - Returns: the inside of the ledger section, or "" when the lecture has no checks.
func renderLedger(_ checks: [CheckResult], json: String = "") -> String {
    guard !checks.isEmpty else { return "" }
    let ids = CheckIDs.assign(checks)
    let failed = checks.indices.filter { !checks[$0].passed }
    let passed = checks.indices.filter { checks[$0].passed }
    var out = "<p class=\"ledger-counts\"><span class=\"n-pass\">\(passed.count) passed</span>, "
    out += "<span class=\"\(failed.isEmpty ? "n-none" : "n-fail")\">\(failed.count) failed</span>"
    if !json.isEmpty { out += " · <a href=\"\(escapeHTML(json))\">all figures as JSON</a>" }
    out += "</p>\n"
    func entry(_ i: Int) -> String {
        let c = checks[i]
        return "<li id=\"ledger-\(ids[i])\" class=\"\(c.passed ? "pass" : "fail")\"><a href=\"#\(ids[i])\">\(renderCheckName(c.name))</a>"
            + " <span class=\"figure\">\(escapeHTML(c.tellingFigure))</span> <span class=\"line\">line \(c.line)</span></li>\n"
    }
    if !failed.isEmpty {
        out += "<ol class=\"ledger-list ledger-failed\">\n" + failed.map(entry).joined() + "</ol>\n"
    }
    if !passed.isEmpty {
        out += "<details class=\"ledger-passed\"><summary>\(passed.count) passed check\(passed.count == 1 ? "" : "s")</summary>\n"
        out += "<ol class=\"ledger-list\">\n" + passed.map(entry).joined() + "</ol>\n</details>\n"
    }
    return out
}

/// What the ledger JSON records about the build besides the checks.
public struct LedgerProvenance: Equatable, Sendable {
    public var seed: UInt64?
    /// The compiler's version line the cells were compiled with ("" when no cell ran).
    public var compiler: String
    /// SHA-256 of the lecture's source file, in hex.
    public var sourceSHA256: String
    public init(seed: UInt64? = nil, compiler: String = "", sourceSHA256: String = "") {
        self.seed = seed; self.compiler = compiler; self.sourceSHA256 = sourceSHA256
    }
}

/// The ledger as JSON, written next to the page: stable key order, numbers in
/// shortest round-trip form, non-finite numbers as "nan", "inf", "-inf".
/// Its layout (`schema` 2) is documented in the README.
///
///     ledgerJSON(checks, lecture: "lectures/01-x.md", provenance: LedgerProvenance(seed: 23))
///     // {"schema":2,"lecture":"lectures/01-x.md","seed":23,...,"checks":[{"id":"check-j-is-exact",...}]}
///
/// - Parameters:
///   - checks: the lecture's checks in page order.
///   - lecture: the lecture's source file.
///   - provenance: the seed, compiler and source hash.
/// - Returns: the JSON text, ending with a newline.
func ledgerJSON(_ checks: [CheckResult], lecture: String, provenance: LedgerProvenance = LedgerProvenance()) -> String {
    let failed = checks.filter { !$0.passed }.count
    let ids = CheckIDs.assign(checks)
    var out = "{\"schema\":\(ledgerSchemaVersion),\"lecture\":" + jsonString(lecture)
    out += ",\"source_sha256\":" + jsonString(provenance.sourceSHA256)
    out += ",\"seed\":" + (provenance.seed.map { String($0) } ?? "null")
    out += ",\"lectern\":" + jsonString(lecternVersion)
    out += ",\"compiler\":" + jsonString(provenance.compiler)
    out += ",\"passed\":\(checks.count - failed),\"failed\":\(failed),\"checks\":["
    for (i, c) in checks.enumerated() {
        if i > 0 { out += "," }
        out += "\n{\"id\":" + jsonString(ids[i])
        out += ",\"name\":" + jsonString(c.name)
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
