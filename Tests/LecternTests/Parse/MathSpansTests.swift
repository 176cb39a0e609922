import Testing
@testable import Lectern

private func inline(_ i: Int) -> String { mathPlaceholder(i, display: false) }
private func display(_ i: Int) -> String { mathPlaceholder(i, display: true) }

/// Dollar rules as cases: source, expected protected text, expected spans (tex, display, line, column).
let dollarCases: [(source: String, text: String, spans: [MathSpan])] = [
    ("Let $x^2$ be.", "Let \(inline(0)) be.", [MathSpan(tex: "x^2", display: false, line: 1, column: 6)]),
    ("It costs $5 and $10.", "It costs $5 and $10.", []),
    // The first `$` after an opening one closes it or spoils it, as in pandoc.
    ("Costs $5 and $10; inline $r_t = 0$.", "Costs $5 and $10; inline \(inline(0)).",
     [MathSpan(tex: "r_t = 0", display: false, line: 1, column: 27)]),
    ("$ x$ is not math", "$ x$ is not math", []),
    ("$x $ is not math", "$x $ is not math", []),
    ("$x$5 is not math", "$x$5 is not math", []),
    ("\\$x$ stays", "\\$x$ stays", []),
    ("a \\$ and $y$", "a \\$ and \(inline(0))", [MathSpan(tex: "y", display: false, line: 1, column: 11)]),
    ("\\\\$x$", "\\\\\(inline(0))", [MathSpan(tex: "x", display: false, line: 1, column: 4)]),
    ("$a \\$ b$", inline(0), [MathSpan(tex: "a \\$ b", display: false, line: 1, column: 2)]),
    ("`$x$` and ``a ` $y$``", "`$x$` and ``a ` $y$``", []),
    ("`unclosed $x$", "`unclosed \(inline(0))", [MathSpan(tex: "x", display: false, line: 1, column: 12)]),
    ("$$x$$ and $y$", "\(display(0)) and \(inline(1))",
     [MathSpan(tex: "x", display: true, line: 1, column: 3), MathSpan(tex: "y", display: false, line: 1, column: 12)]),
    ("- If  $r(\\tau)$  is high", "- If  \(inline(0))  is high", [MathSpan(tex: "r(\\tau)", display: false, line: 1, column: 8)]),
    ("é $x$", "é \(inline(0))", [MathSpan(tex: "x", display: false, line: 1, column: 4)]),
    ("$a\nb$ c", "\(inline(0))\n c", [MathSpan(tex: "a\nb", display: false, line: 1, column: 2)]),
    ("$a\n\nb$", "$a\n\nb$", []),
    ("```\n$x$\n```\n$y$", "```\n$x$\n```\n\(inline(0))", [MathSpan(tex: "y", display: false, line: 4, column: 2)]),
    ("   ~~~ python\n$x$\n   ~~~\n", "   ~~~ python\n$x$\n   ~~~\n", []),
    ("````\n```\n$x$\n````", "````\n```\n$x$\n````", []),
    ("para\n\n    $x$\n\n$y$", "para\n\n    $x$\n\n\(inline(0))", [MathSpan(tex: "y", display: false, line: 5, column: 2)]),
    ("para\n    $x$", "para\n    \(inline(0))", [MathSpan(tex: "x", display: false, line: 2, column: 6)]),
    ("- item\n\n    $x$ continues the item", "- item\n\n    \(inline(0)) continues the item",
     [MathSpan(tex: "x", display: false, line: 3, column: 6)]),
    ("> ```\n> $x$\n> ```\n> $y$", "> ```\n> $x$\n> ```\n> \(inline(0))", [MathSpan(tex: "y", display: false, line: 4, column: 4)]),
    ("$$a \\\nb$$", display(0) + "\n", [MathSpan(tex: "a \\\nb", display: true, line: 1, column: 3)]),
    ("$$\\nabla J$$", display(0), [MathSpan(tex: "\\nabla J", display: true, line: 1, column: 3)]),
]

@Test(arguments: dollarCases.indices)
func dollarRules(_ i: Int) {
    let c = dollarCases[i]
    let p = protectMath(in: c.source)
    #expect(p.text == c.text, "\(c.source.debugDescription)")
    #expect(p.spans == c.spans, "\(c.source.debugDescription)")
    #expect(p.problems.isEmpty)
}

@Test func multiLineDisplayMathKeepsLineNumbers() {
    let source = """
    Text before
    $$
    a = b
      + c
    $$
    ```swift run
    let x = 1
    ```
    after $y$
    """
    let p = protectMath(in: source)
    #expect(p.spans == [MathSpan(tex: "\na = b\n  + c\n", display: true, line: 2, column: 3),
                        MathSpan(tex: "y", display: false, line: 9, column: 8)])
    let lines = p.text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == source.split(separator: "\n", omittingEmptySubsequences: false).count)
    #expect(lines[1] == Substring(display(0)))
    #expect(lines[5] == "```swift run")   // line 6, as in the source
    #expect(lines[6] == "let x = 1")
    #expect(lines[8] == Substring("after \(inline(1))"))
}

@Test func unterminatedDisplayMathIsAProblem() {
    let p = protectMath(in: "Intro\n  $$ x + y\n\nnext paragraph $z$")
    #expect(p.problems == [MathProblem(line: 2, column: 3, message: "unterminated display math: no closing $$ before a blank line or the end of the file")])
    #expect(p.spans == [MathSpan(tex: "z", display: false, line: 4, column: 17)])
    #expect(p.text == "Intro\n  $$ x + y\n\nnext paragraph \(inline(0))")
    #expect(protectMath(in: "$$x").problems.map(\.column) == [1])
}

@Test func seedFormulasAreFound() {
    let source = """
    $$\\nabla_{\\theta} J(\\theta) = \\mathbb{E}_{\\tau \\sim p(\\tau; \\theta)} \\left[ r(\\tau) \\nabla_{\\theta} \\log p(\\tau; \\theta) \\right]$$

    - If  $r(\\tau)$  is high, push up the probabilities of the actions seen
    Sentence
    $$\\mathbf{y} = (y_0, \\dots, y_T)$$
      $\\pi_{\\theta}(y_t \\mid \\mathbf{y}_{< t}) = \\operatorname{softmax}(f_{\\theta}(y_t \\mid \\mathbf{y}_{< t}))$  logits
      - Often sparse:  $r_t = 0$  for t < T
    """
    let p = protectMath(in: source)
    #expect(p.spans.map(\.display) == [true, false, true, false, false])
    #expect(p.spans.map(\.line) == [1, 3, 5, 6, 7])
    #expect(p.spans[3].tex.hasPrefix("\\pi_{\\theta}(y_t"))
    #expect(p.spans[4].tex == "r_t = 0")
    #expect(p.problems.isEmpty)
}

@Test func placeholdersUsePrivateUseCharacters() {
    #expect(mathPlaceholder(3, display: false) == "\u{E000}3\u{E001}")
    #expect(mathPlaceholder(12, display: true) == "\u{E002}12\u{E003}")
}

@Test func texPositionsMapToTheSource() {
    let p = protectMath(in: "Intro\nSee  $a + \\alpah$ and\n$$\n  x \\\\\n  \\foo\n$$")
    #expect(p.spans.count == 2)
    // "\alpah" is at TeX 1:5; the span's TeX starts at line 2, column 7.
    #expect(p.spans[0].sourcePosition(line: 1, column: 5) == (2, 11))
    // "\foo" is at TeX 3:3 (the TeX starts with the newline after $$ on line 3).
    #expect(p.spans[1].sourcePosition(line: 3, column: 3) == (5, 3))
}

@Test func placeholdersAreReplacedBack() {
    let p = protectMath(in: "Let $x$ and $$y$$ and \u{E000}x\u{E001}.")
    let back = replaceMathPlaceholders(in: p.text) { i, display in "[\(display ? "D" : "I")\(i):\(p.spans[i].tex)]" }
    #expect(back == "Let [I0:x] and [D1:y] and \u{E000}x\u{E001}.")
    #expect(replaceMathPlaceholders(in: "plain") { _, _ in "" } == "plain")
    #expect(replaceMathPlaceholders(in: "\u{E002}12\u{E003}\u{E000}3") { i, _ in "<\(i)>" } == "<12>\u{E000}3")
}

@Test func aRepeatedMistakeIsReportedWhereverItIs() {
    // The same formula renders once, but each copy's error points at its own place in the source.
    let source = "Intro $a + \\alpah$ and\n\nagain: $a + \\alpah$, and $$a + \\alpah$$\n"
    do {
        _ = try parseLecture(source: source, file: "l.md")
        Issue.record("expected errors")
    } catch {
        #expect(error.items.map { [$0.line ?? 0, $0.column ?? 0] } == [[1, 12], [3, 13], [3, 32]])
        #expect(error.items.allSatisfy { $0.message.contains("\\alpah") })
    }
}
