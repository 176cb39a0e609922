import Foundation

// Deciding checks: a `check` or `estimate` record read into a CheckResult, and
// a cell's printed output compared with its ```output block. Decided once, when
// a lecture's run is collected; Render only draws the results. The record
// fields are documented in Sources/Notebook/Records.swift.

/// One named number (or list of numbers, or text) of a check, in the order it is reported.
public struct CheckFigure: Equatable, Sendable {
    public var name: String
    public var value: JSON
    public init(_ name: String, _ value: JSON) { self.name = name; self.value = value }
}

/// A check as the build counts and reports it: from a `check` or `estimate`
/// record, or from an ```output block compared with what the cell printed.
public struct CheckResult: Equatable, Sendable {
    /// What made the check.
    public enum Kind: String, Sendable {
        /// `check(...)`: a value against its expected value, or a condition.
        case check
        /// `checkEstimate(...)`: a Monte-Carlo estimate within k standard errors.
        case estimate
        /// An ```output block against the cell's printed output.
        case output
    }
    public var kind: Kind
    public var name: String
    /// The Markdown file and line of the call (or of the ```output block).
    public var file: String
    public var line: Int
    public var passed: Bool
    /// The computed value as shown, e.g. "0.4987" or "mean 0.4987".
    public var value: String
    /// The expected value as shown.
    public var expected: String
    /// The allowance as shown, e.g. "± 1e-06" or "SE 0.0031, 4σ"; empty for conditions.
    public var tolerance: String
    /// Further figures as shown, e.g. "error 3.1e-09" or "z = -1.23".
    public var detail: String
    /// Why the check could not be evaluated, when it could not.
    public var note: String?
    /// The numbers as recorded, for the ledger's JSON.
    public var figures: [CheckFigure]
    /// For an ```output block that does not match: the difference, as a terminal shows it.
    public var diff: String?
    /// For an ```output block: the comparison, drawn under the cell when it does not match.
    public var comparison: OutputComparison?

    public init(kind: Kind, name: String, file: String, line: Int, passed: Bool, value: String = "",
                expected: String = "", tolerance: String = "", detail: String = "", note: String? = nil,
                figures: [CheckFigure] = []) {
        self.kind = kind; self.name = name; self.file = file; self.line = line; self.passed = passed
        self.value = value; self.expected = expected; self.tolerance = tolerance; self.detail = detail
        self.note = note; self.figures = figures
    }

    /// The check an ```output block makes: `CheckResult(output: comparison, file: "lectures/01-x.md", line: 42)`.
    public init(output comparison: OutputComparison, file: String, line: Int) {
        let changed = comparison.lines.filter { if case .same = $0 { return false }; return true }.count
        self.init(kind: .output, name: "expected output", file: file, line: line, passed: comparison.matches,
                  value: comparison.matches ? "as expected" : "\(changed) line\(changed == 1 ? "" : "s") differ",
                  figures: [CheckFigure("differingLines", .number(Double(changed)))])
        self.comparison = comparison
        if !comparison.matches { diff = comparison.diffText() }
    }

    /// `file:line`, as in compiler messages.
    public var location: String { "\(file):\(line)" }
}

/// A number as shown in badges and the ledger: integers without a fraction, others
/// with 6 significant digits (`%.6g`), as Notebook's `formatNumber` prints them in cells;
/// `Tests/Shared/six-digit-numbers.txt` pins both.
func figureText(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return String(format: "%.6g", x)
}

/// A number with every digit it needs to be told apart (shortest round-trip form).
func exactText(_ x: Double) -> String {
    x.isFinite ? String(describing: x) : figureText(x)
}

enum Digits { case six, all }

/// A list of numbers as shown: at most 6 components, then how many more.
func vectorText(_ xs: [Double], digits: Digits = .six) -> String {
    let shown = xs.prefix(6).map(digits == .six ? figureText : exactText).joined(separator: ", ")
    return "[" + shown + (xs.count > 6 ? ", … (\(xs.count) in all)" : "") + "]"
}

/// Reads a check or estimate record; nil for other kinds.
///
///     let failed = records.compactMap(checkResult(from:)).filter { !$0.passed }
///     for c in failed { print("\(c.location): error: check failed: \(c.name)") }
public func checkResult(from record: Record) -> CheckResult? {
    let f = record.fields
    guard record.kind == "check" || record.kind == "estimate", let name = f["name"]?.string else { return nil }
    var c = CheckResult(kind: record.kind == "check" ? .check : .estimate, name: name,
                        file: f["file"]?.string ?? "", line: f["line"]?.int ?? 0,
                        passed: f["passed"]?.bool ?? false, note: f["note"]?.string)
    func num(_ key: String) -> Double { f[key]?.number ?? .nan }
    func nums(_ key: String) -> [Double] { f[key]?.array?.map { $0.number ?? .nan } ?? [] }
    func keep(_ keys: [String]) { c.figures = keys.compactMap { k in f[k].map { CheckFigure(k, $0) } } }
    let form = f["form"]?.string ?? ""
    switch (record.kind, form) {
    case ("check", "scalar"), ("check", "vector"):
        let vector = form == "vector"
        c.value = vector ? vectorText(nums("actual")) : figureText(num("actual"))
        c.expected = vector ? vectorText(nums("expected")) : figureText(num("expected"))
        if c.value == c.expected && !c.passed {
            // They differ beyond 6 digits: show every digit.
            c.value = vector ? vectorText(nums("actual"), digits: .all) : exactText(num("actual"))
            c.expected = vector ? vectorText(nums("expected"), digits: .all) : exactText(num("expected"))
        }
        c.tolerance = allowance(tolerance: num("tolerance"), relative: num("relative"))
        c.detail = (vector ? "max error " : "error ") + figureText(num("error"))
        if vector, let worst = f["worst"]?.int, worst >= 0 { c.detail += " at [\(worst)]" }
        keep(["actual", "expected", "tolerance", "relative", "error", "worst"])
    case ("check", "equal"):
        c.value = f["actual"]?.string ?? ""
        c.expected = f["expected"]?.string ?? ""
        keep(["actual", "expected"])
    case ("check", _):
        c.value = c.passed ? "true" : "false"
        c.expected = "true"
        keep(["values"])
    case ("estimate", "vector"):
        let worst = f["worst"]?.int ?? -1
        let means = nums("mean"), ses = nums("se"), zs = nums("z")
        c.value = "mean " + vectorText(means)
        c.expected = vectorText(nums("expected"))
        let se = worst >= 0 && worst < ses.count ? figureText(ses[worst]) : "nan"
        c.tolerance = "SE[\(max(worst, 0))] \(se), \(figureText(num("sigmas")))σ"
        let z = worst >= 0 && worst < zs.count ? zs[worst] : .nan
        c.detail = "worst z = \(figureText(roundedZ(z))) at [\(max(worst, 0))], n = \(f["n"]?.int ?? 0)"
        keep(["mean", "se", "z", "expected", "sigmas", "n", "worst", "maxZ"])
    default:
        c.value = "mean " + figureText(num("mean"))
        c.expected = figureText(num("expected"))
        c.tolerance = "SE \(figureText(num("se"))), \(figureText(num("sigmas")))σ"
        c.detail = "z = \(figureText(roundedZ(num("z")))), n = \(f["n"]?.int ?? 0)"
        keep(["mean", "se", "z", "expected", "sigmas", "n"])
    }
    return c
}

/// z to 2 decimals: enough to judge, and stable in the page.
func roundedZ(_ z: Double) -> Double { z.isFinite ? (z * 100).rounded() / 100 : z }

func allowance(tolerance: Double, relative: Double) -> String {
    if tolerance == 0 && relative == 0 { return "exactly" }
    var parts: [String] = []
    if tolerance != 0 || relative == 0 { parts.append("± " + figureText(tolerance)) }
    if relative != 0 { parts.append("± " + figureText(relative) + "·|expected|") }
    return parts.joined(separator: " ")
}

/// The comparison of a cell's printed output with its ```output block.
public struct OutputComparison: Equatable, Sendable {
    /// One line of the line diff.
    public enum Line: Equatable, Sendable {
        /// In both.
        case same(String)
        /// Expected but not printed.
        case missing(String)
        /// Printed but not expected.
        case extra(String)
    }
    /// Whether the output matched, ignoring trailing whitespace and final newlines.
    public var matches: Bool
    /// Every line of both, in order (after normalising).
    public var lines: [Line]

    /// A terminal-friendly diff: changed lines with up to `context` unchanged lines around them,
    /// `-` for expected lines that were not printed and `+` for printed lines that were not expected.
    public func diffText(context: Int = 3) -> String {
        visibleLines(context: context).map { line in
            switch line {
            case .some(.same(let s)): return "  " + s
            case .some(.missing(let s)): return "- " + s
            case .some(.extra(let s)): return "+ " + s
            case .none: return "  …"
            }
        }.joined(separator: "\n")
    }

    /// The lines to show, `nil` standing for a run of unchanged lines left out.
    func visibleLines(context: Int) -> [Line?] {
        let changed = lines.indices.filter { if case .same = lines[$0] { return false }; return true }
        var out: [Line?] = []
        var skipping = false
        for (i, line) in lines.enumerated() {
            if changed.contains(where: { abs($0 - i) <= context }) {
                out.append(line); skipping = false
            } else if !skipping {
                out.append(nil); skipping = true
            }
        }
        return out
    }
}

/// Lines without trailing whitespace, without trailing empty lines, with any `\r\n` read as `\n`.
func normalisedLines(_ text: String) -> [String] {
    var lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        .map { line -> String in
            var s = Substring(line)
            while let last = s.last, last == " " || last == "\t" || last == "\r" { s.removeLast() }
            return String(s)
        }
    while lines.last?.isEmpty == true { lines.removeLast() }
    return lines
}

/// Compares what a cell printed with its ```output block.
///
/// Trailing whitespace on each line and trailing newlines are ignored.
///
///     let c = compareExpectedOutput(expected: "J = 0.5\n", actual: "J = 0.49\n")
///     c.matches       // false
///     c.diffText()    // "- J = 0.5\n+ J = 0.49"
///
/// - Parameters:
///   - expected: the text of the ```output block.
///   - actual: what the cell printed.
/// - Returns: whether they match and their line diff.
public func compareExpectedOutput(expected: String, actual: String) -> OutputComparison {
    let a = normalisedLines(expected), b = normalisedLines(actual)
    return OutputComparison(matches: a == b, lines: lineDiff(a, b))
}

/// A shortest line diff (longest common subsequence); a very large middle part falls back to remove-all, add-all.
func lineDiff(_ a: [String], _ b: [String]) -> [OutputComparison.Line] {
    var prefix = 0
    while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
    var suffix = 0
    while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
    let x = Array(a[prefix..<(a.count - suffix)]), y = Array(b[prefix..<(b.count - suffix)])
    var middle: [OutputComparison.Line] = []
    if x.count * y.count > 4_000_000 {
        middle = x.map { .missing($0) } + y.map { .extra($0) }
    } else {
        // lcs[i][j]: the longest common subsequence of x[i...] and y[j...].
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in stride(from: x.count - 1, through: 0, by: -1) {
            for j in stride(from: y.count - 1, through: 0, by: -1) {
                lcs[i][j] = x[i] == y[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var i = 0, j = 0
        while i < x.count || j < y.count {
            if i < x.count, j < y.count, x[i] == y[j] { middle.append(.same(x[i])); i += 1; j += 1 }
            else if i < x.count, j == y.count || lcs[i + 1][j] >= lcs[i][j + 1] { middle.append(.missing(x[i])); i += 1 }
            else { middle.append(.extra(y[j])); j += 1 }
        }
    }
    return a[..<prefix].map { .same($0) } + middle + a[(a.count - suffix)...].map { .same($0) }
}

