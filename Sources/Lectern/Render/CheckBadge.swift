import CommonMark
import Foundation
import TeXMath

// How a decided check is drawn: one compact line (verdict, name, the telling
// figure) that opens onto every figure. The verdict itself is decided before
// rendering; this file only draws it.

/// Ids for the checks of one page, in page order: `check-` and the name's slug,
/// `-2`, `-3`… for a name seen before. The badge, the ledger and the JSON use the same ids.
///
///     let ids = CheckIDs()
///     ids.next(for: "J is exact")   // "check-j-is-exact"
///     ids.next(for: "J is exact")   // "check-j-is-exact-2"
final class CheckIDs {
    private var seen: [String: Int] = [:]

    func next(for name: String) -> String {
        let base = "check-" + checkSlug(name)
        let n = (seen[base] ?? 0) + 1
        seen[base] = n
        return n == 1 ? base : "\(base)-\(n)"
    }

    /// The ids of a page's checks, in order.
    static func assign(_ checks: [CheckResult]) -> [String] {
        let ids = CheckIDs()
        return checks.map { ids.next(for: $0.name) }
    }
}

/// A check name as an id: ASCII letters and digits lowercased, every other run of characters one hyphen
/// (TeX commands and `$` dropped); "check" when nothing is left.
func checkSlug(_ name: String) -> String {
    var out = ""
    var hyphen = false
    let scalars = Array(name.unicodeScalars)
    var i = 0
    while i < scalars.count, out.count < 48 {
        let u = scalars[i]
        i += 1
        if u == "\\" {
            while i < scalars.count, scalars[i].isASCII, scalars[i].properties.isAlphabetic { i += 1 }
            hyphen = !out.isEmpty
            continue
        }
        let c = u.isASCII ? UInt8(u.value) : 0
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            if hyphen { out += "-" }
            hyphen = false
            out.unicodeScalars.append(Unicode.Scalar(c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") ? c + 32 : c))
        default:
            hyphen = !out.isEmpty
        }
    }
    return out.isEmpty ? "check" : out
}

/// A check's name as HTML: text escaped, `$…$` spans rendered as MathML (pandoc's
/// rules: no space just inside the dollars, no digit right after the closing one);
/// a span that is not valid TeX is shown as it was written.
func renderCheckName(_ name: String) -> String {
    let chars = Array(name)
    var out = "", text = ""
    var i = 0
    while i < chars.count {
        if chars[i] == "$", i + 1 < chars.count, !chars[i + 1].isWhitespace, chars[i + 1] != "$" {
            var j = i + 1
            while j < chars.count, !(chars[j] == "$" && !chars[j - 1].isWhitespace && chars[j - 1] != "\\"
                                      && (j + 1 == chars.count || !chars[j + 1].isNumber)) { j += 1 }
            if j < chars.count, let ml = try? MathRenderer().render(String(chars[(i + 1)..<j]), display: false) {
                out += escapeHTML(text) + ml
                text = ""
                i = j + 1
                continue
            }
        }
        text.append(chars[i])
        i += 1
    }
    return out + escapeHTML(text)
}

/// The allowance a value check passes within: the absolute tolerance or the relative one
/// times |expected|, whichever is larger; 0 for an exact check.
func effectiveTolerance(_ c: CheckResult) -> Double {
    let tol = c.figure("tolerance") ?? 0, rel = c.figure("relative") ?? 0
    let expected = c.figureList("expected").map { abs($0) }.filter(\.isFinite).max() ?? 0
    let allowance = max(tol.isFinite ? tol : 0, rel.isFinite ? rel * expected : 0)
    return allowance
}

/// `x` with as many digits as `tolerance` needs: the last digit shown is a tenth
/// of the tolerance, so two values that agree within it show their agreement.
/// Exact checks (tolerance 0) show every digit.
///
///     digitsText(0.123456789012345, tolerance: 1e-12)   // "0.1234567890123"
func digitsText(_ x: Double, tolerance: Double) -> String {
    guard x.isFinite else { return figureText(x) }
    if x == 0 { return "0" }
    guard tolerance > 0, tolerance.isFinite else { return exactText(x) }
    let place = Int((log10(tolerance) + 1e-9).rounded(.down)) - 1   // the decimal place of the last digit
    if abs(x) < 1e12, place >= -17 {
        return String(format: "%.\(max(0, -place))f", x)
    }
    let magnitude = Int(log10(abs(x)).rounded(.down))
    return String(format: "%.\(min(16, max(0, magnitude - place)))e", x)
}

/// A small figure (an error, an allowance) to 3 significant digits.
func shortFigure(_ x: Double) -> String {
    guard x.isFinite, x != 0, x != x.rounded() || abs(x) >= 1e15 else { return figureText(x) }
    var s = String(format: "%.3g", x)
    if let e = s.firstIndex(of: "e") {
        var mantissa = String(s[..<e])
        if mantissa.contains(".") {
            while mantissa.hasSuffix("0") { mantissa.removeLast() }
            if mantissa.hasSuffix(".") { mantissa.removeLast() }
        }
        s = mantissa + s[e...]
    }
    return s
}

extension CheckResult {
    /// A recorded number, when the check has it.
    func figure(_ name: String) -> Double? {
        figures.first { $0.name == name }?.value.number
    }
    /// A recorded number or list of numbers, as a list.
    func figureList(_ name: String) -> [Double] {
        guard let v = figures.first(where: { $0.name == name })?.value else { return [] }
        if let x = v.number { return [x] }
        return v.array?.map { $0.number ?? .nan } ?? []
    }

    /// The one figure that tells whether the check passed, e.g. "error 3e-15 ≤ 1e-12" or "z = 0.41, |z| ≤ 4".
    var tellingFigure: String {
        switch kind {
        case .output:
            return value
        case .estimate:
            let sigmas = figureText(figure("sigmas") ?? 4)
            let zs = figureList("z")
            if zs.count > 1 {
                let worst = figures.first { $0.name == "worst" }?.value.int ?? 0
                let z = worst >= 0 && worst < zs.count ? zs[worst] : .nan
                return "worst |z| = \(figureText(roundedZ(abs(z)))) at [\(worst)] \(abs(z) <= (figure("sigmas") ?? 4) ? "≤" : ">") \(sigmas)"
            }
            let z = zs.first ?? .nan
            return "z = \(figureText(roundedZ(z))), |z| \(passed ? "≤" : ">") \(sigmas)"
        case .check:
            if let error = figure("error") {
                let allowance = effectiveTolerance(self)
                if allowance == 0 { return passed ? "exactly equal" : "differ by \(shortFigure(error))" }
                return "error \(shortFigure(error)) \(passed ? "≤" : ">") \(shortFigure(allowance))"
            }
            if figures.contains(where: { $0.name == "actual" }) {
                return passed ? "equal" : "got \(value), expected \(expected)"
            }
            let verdict = passed ? "holds" : "does not hold"
            guard let values = figures.first(where: { $0.name == "values" })?.value.fields, !values.isEmpty else { return verdict }
            return verdict + ": " + values.keys.sorted().prefix(2).map { "\($0) = \(shortFigure(values[$0]?.number ?? .nan))" }.joined(separator: ", ")
        }
    }

    /// The figures behind the verdict, as (label, text) rows, with the digits the tolerance needs.
    var detailRows: [(String, String)] {
        var rows: [(String, String)] = []
        let tol = effectiveTolerance(self)
        func list(_ xs: [Double], _ t: Double) -> String {
            if xs.count == 1 { return digitsText(xs[0], tolerance: t) }
            let shown = xs.prefix(100).map { digitsText($0, tolerance: t) }.joined(separator: ", ")
            return "[" + shown + (xs.count > 100 ? ", … (\(xs.count) in all)" : "") + "]"
        }
        switch kind {
        case .check where figure("error") != nil:
            rows.append(("value", list(figureList("actual"), tol)))
            rows.append(("expected", list(figureList("expected"), tol)))
            rows.append(("allowance", tolerance))
            rows.append(("error", detail))
        case .estimate:
            let se = figureList("se").filter(\.isFinite).max() ?? 0
            rows.append(("mean", list(figureList("mean"), se / 10)))
            rows.append(("expected", list(figureList("expected"), se / 10)))
            rows.append(("standard error", list(figureList("se"), 0.0001 * max(se, 1e-300))))
            rows.append(("allowance", tolerance))
            rows.append(("z", detail))
        case .check, .output:
            if !value.isEmpty { rows.append(("value", value)) }
            if !expected.isEmpty && kind == .check { rows.append(("expected", expected)) }
            for f in figures where !["actual", "expected"].contains(f.name) {
                if f.name == "values", let values = f.value.fields {
                    for key in values.keys.sorted() { rows.append((key, exactText(values[key]?.number ?? .nan))) }
                } else {
                    rows.append((f.name, jsonText(f.value)))
                }
            }
        }
        if let note { rows.append(("note", note)) }
        return rows
    }
}

/// The badge under a cell: one line with the verdict, the check's name and its telling
/// figure, opening onto every figure (open when the check failed).
///
/// - Parameters:
///   - c: the decided check.
///   - id: the badge's id (see `CheckIDs`); the ledger links to it.
public func renderCheckBadge(_ c: CheckResult, id: String? = nil) -> String {
    let state = c.passed ? "pass" : "fail"
    var out = "<details class=\"lectern-check \(state)\""
    if let id { out += " id=\"\(id)\"" }
    out += c.passed ? ">" : " open>"
    out += "<summary><span class=\"badge\">\(c.passed ? "✓ pass" : "✗ fail")</span> "
    out += "<span class=\"name\">\(renderCheckName(c.name))</span>"
    out += " <span class=\"figure\">\(escapeHTML(c.tellingFigure))</span></summary>\n"
    out += "<dl>"
    for (label, text) in c.detailRows {
        out += "<dt>\(escapeHTML(label))</dt><dd>\(escapeHTML(text))</dd>"
    }
    if !c.file.isEmpty { out += "<dt>where</dt><dd>\(escapeHTML(c.location))</dd>" }
    out += "</dl>"
    if let id { out += "<a class=\"to-ledger\" href=\"#ledger-\(id)\">In the verification ledger</a>" }
    return out + "</details>\n"
}

extension JSON {
    /// The fields of an object.
    var fields: [String: JSON]? { if case .object(let f) = self { return f }; return nil }
}
