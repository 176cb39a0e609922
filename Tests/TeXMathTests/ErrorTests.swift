import Testing
@testable import TeXMath

/// Every "must fail" case of issue 5: the message (a fragment), the 1-based position in the TeX,
/// and the offending command.
let errorCases: [(tex: String, display: Bool, line: Int, column: Int, command: String?, message: String)] = [
    // unknown command, with and without a suggestion
    ("x + \\alpah", false, 1, 5, "\\alpah", "unknown command \\alpah; did you mean \\alpha?"),
    ("\\foo", false, 1, 1, "\\foo", "unknown command \\foo"),
    ("a +\n  \\fracc{1}{2}", true, 2, 3, "\\fracc", "did you mean \\frac?"),
    ("\\mathbbb{R}", false, 1, 1, "\\mathbbb", "did you mean \\mathbb?"),
    ("\\text{\\foo}", false, 1, 7, "\\foo", "unknown command \\foo in text"),
    ("\\newcommand{\\x}{y}", false, 1, 1, "\\newcommand", "declare macros in the front matter"),
    // unknown environment, mismatched and missing \end
    ("\\begin{foo} a \\end{foo}", true, 1, 1, "\\begin{foo}", "unknown environment 'foo'"),
    ("\\begin{algined} a \\end{algined}", true, 1, 1, "\\begin{algined}", "did you mean \\begin{aligned}?"),
    ("\\begin{aligned} a &= b \\end{cases}", true, 1, 24, "\\end{cases}", "\\begin{aligned} ended by \\end{cases}"),
    ("\\begin{aligned} a &= b", true, 1, 1, "\\begin{aligned}", "missing \\end{aligned}"),
    ("\\begin{cases} a \\\\ b", true, 1, 1, "\\begin{cases}", "missing \\end{cases}"),
    ("x \\end{aligned}", true, 1, 3, "\\end{aligned}", "without a matching \\begin{aligned}"),
    // & and \\ outside an alignment
    ("a & b", false, 1, 3, "&", "'&' outside an alignment environment"),
    ("a \\\\ b", true, 1, 3, "\\\\", "outside an alignment environment"),
    ("\\begin{aligned} a & {b & c} \\end{aligned}", true, 1, 24, "&", "'&' inside braces"),
    // \left without \right and the reverse
    ("\\left( x", false, 1, 1, "\\left", "\\left( without a matching \\right"),
    ("x \\right)", false, 1, 3, "\\right", "\\right without a matching \\left"),
    ("\\left( x }", false, 1, 1, "\\left", "without a matching \\right"),
    ("\\left x \\right)", false, 1, 1, "\\left", "missing delimiter after \\left"),
    ("\\middle|", false, 1, 1, "\\middle", "\\middle outside \\left ... \\right"),
    // unbalanced braces
    ("a }", false, 1, 3, "}", "unbalanced braces: unexpected '}'"),
    ("{ a", false, 1, 1, "{", "unbalanced braces: '{' is never closed"),
    ("\\frac{a}{b", false, 1, 9, "{", "'{' is never closed"),
    ("x_{i\n+1", true, 1, 3, "{", "'{' is never closed"),
    // missing arguments
    ("\\frac{a}", false, 1, 1, "\\frac", "missing denominator for \\frac"),
    ("\\frac", false, 1, 1, "\\frac", "missing numerator for \\frac"),
    ("\\sqrt", false, 1, 1, "\\sqrt", "missing argument for \\sqrt"),
    ("\\mathbb", false, 1, 1, "\\mathbb", "missing argument for \\mathbb"),
    ("\\frac{a}}", false, 1, 1, "\\frac", "missing denominator"),
    // x^ with nothing after it
    ("x^", false, 1, 2, "^", "missing superscript after '^'"),
    ("x_", false, 1, 2, "_", "missing subscript after '_'"),
    ("x^}", false, 1, 2, "^", "missing superscript"),
    // double scripts
    ("x^a^b", false, 1, 4, "^", "double superscript"),
    ("x_a_b", false, 1, 4, "_", "double subscript"),
    ("x^a'", false, 1, 4, "'", "double superscript"),
    // a stray $ inside math
    ("a $ b", false, 1, 3, "$", "unexpected '$' inside math"),
    // misuse of numbering and other commands
    ("\\tag{1}", false, 1, 1, "\\tag", "only allowed in display math"),
    ("x \\tag{1} \\tag{2}", true, 1, 11, "\\tag", "multiple \\tag"),
    ("\\label{a}", false, 1, 1, "\\label", "only allowed in display math"),
    ("\\begin{align} x \\end{align}", false, 1, 1, "\\begin{align}", "must be the whole display formula"),
    ("x + \\begin{align} x \\end{align}", true, 1, 5, "\\begin", "must be the whole display formula"),
    ("\\not x", false, 1, 1, "\\not", "\\not must precede a relation"),
    ("#1", false, 1, 1, "#1", "outside a macro definition"),
    ("\\begin{array}{lz} a \\end{array}", true, 1, 1, "\\begin{array}", "unknown column type 'z'"),
    ("\\begin{array}{l} a & b \\end{array}", true, 1, 1, "\\begin{array}", "has 2 cells but the column spec 'l' has 1"),
    ("\\hspace{wide}", false, 1, 1, "\\hspace", "needs a length"),
    ("\\limits", false, 1, 1, "\\limits", "must follow an operator"),
    ("x \\hline", false, 1, 3, "\\hline", "must start a row"),
    ("x\\", false, 1, 2, "\\", "a lone '\\' ends the formula"),
]

@Test(arguments: errorCases.indices)
func mustFail(_ i: Int) {
    let c = errorCases[i]
    #expect(throws: TeXError.self, "\(c.tex)") { _ = try MathRenderer().render(c.tex, display: c.display) }
    guard case .failure(let e) = MathRenderer().renderDocument([(c.tex, c.display)])[0] else { return }
    #expect(e.message.contains(c.message), "\(c.tex): \(e.message)")
    #expect(e.line == c.line && e.column == c.column, "\(c.tex): at \(e.line):\(e.column)")
    #expect(e.command == c.command, "\(c.tex): command \(e.command ?? "nil")")
}

@Test func suggestionsAreSetOnlyWhenClose() throws {
    let near = #expect(throws: TeXError.self) { try MathRenderer().render("\\lamda", display: false) }
    #expect(near?.suggestion == "\\lambda")
    let far = #expect(throws: TeXError.self) { try MathRenderer().render("\\qwertyuiop", display: false) }
    #expect(far?.suggestion == nil)
    let env = #expect(throws: TeXError.self) { try MathRenderer().render("\\begin{pmatrx}a\\end{pmatrx}", display: true) }
    #expect(env?.suggestion == "\\begin{pmatrix}")
    #expect(env?.description == "1:1: unknown environment 'pmatrx'; did you mean \\begin{pmatrix}?")
}

@Test func editDistanceCountsTranspositionsAsOne() {
    #expect(editDistance("alpah", "alpha") == 1)
    #expect(editDistance("frac", "fracc") == 1)
    #expect(editDistance("", "abc") == 3)
    #expect(editDistance("kitten", "sitting") == 3)
    #expect(closest(to: "sgima", among: ["sigma", "gamma"]) == "sigma")
    #expect(closest(to: "xyz", among: ["sigma", "gamma"]) == nil)
}
