import Testing
@testable import TeXMath

@Test func annotationKeepsTheEscapedSource() throws {
    let out = try MathRenderer().render("a < b \\& c", display: false)
    #expect(out.hasSuffix("<annotation encoding=\"application/x-tex\">a &lt; b \\&amp; c</annotation></semantics></math>"))
}

@Test func textKeepsSpacesAtItsEdgesAsNoBreakSpaces() throws {
    let out = try MathRenderer().render("\\text{ if }", display: false)
    #expect(out.contains("<mtext>\u{A0}if\u{A0}</mtext>"))
}

@Test func letterRunsInFontsBecomeOneIdentifier() throws {
    #expect(try MathRenderer().render("\\mathbf{xy}", display: false).contains("<mi>𝐱𝐲</mi>"))
    #expect(try MathRenderer().render("\\mathbf xy", display: false).contains("<mi>𝐱</mi><mi>y</mi>"))
}

@Test func mathAlphabetsFollowUnicodeExceptions() {
    // Letters that live in the Letterlike Symbols block rather than the Mathematical Alphanumerics block.
    #expect(MathFont.doubleStruck.map("CHNPQRZ") == "ℂℍℕℙℚℝℤ")
    #expect(MathFont.script.map("BEFHILMR") == "ℬℰℱℋℐℒℳℛ")
    #expect(MathFont.fraktur.map("CHIRZ") == "ℭℌℑℜℨ")
    #expect(MathFont.italic.map("h") == "ℎ")
    #expect(MathFont.bold.map("Az09") == "𝐀𝐳𝟎𝟗")
    #expect(MathFont.boldItalic.map("θΓ") == "𝜽𝚪")
    #expect(MathFont.roman.map("x") == "x")
}

@Test func macrosExpandWithArguments() throws {
    let r = MathRenderer(macros: ["R": Macro(body: "\\mathbb{R}"),
                                  "KL": Macro(arity: 2, body: "D_{\\mathrm{KL}}(#1 \\| #2)"),
                                  "argmax": Macro(body: "\\operatorname*{arg\\,max}")])
    #expect(try r.render("x \\in \\R^n", display: false).contains("<msup><mi>ℝ</mi><mi>n</mi></msup>"))
    let kl = try r.render("\\KL{p}{q}", display: false)
    #expect(kl.contains("<msub><mi>D</mi><mi>KL</mi></msub>"))
    #expect(kl.contains("<mi>p</mi>") && kl.contains("<mi>q</mi>"))
    // A macro keeps the class of what it expands to: limits under \argmax in display style.
    #expect(try r.render("\\argmax_\\theta J", display: true).contains("<munder><mrow><mi>arg</mi>"))
}

@Test func macroErrorsPointAtTheCall() {
    let r = MathRenderer(macros: ["bad": Macro(body: "\\frac{1}"), "loop": Macro(body: "\\loop"),
                                  "two": Macro(arity: 1, body: "#2")])
    for (tex, message) in [("x + \\bad", "missing denominator"), ("\\loop", "expands without end"),
                           ("\\two{a}", "uses #2 but \\two takes 1")] {
        let e = #expect(throws: TeXError.self) { try r.render(tex, display: false) }
        #expect(e?.message.contains(message) == true, "\(tex): \(e?.message ?? "")")
    }
    let e = #expect(throws: TeXError.self) { try r.render("a\n \\bad", display: false) }
    #expect(e?.line == 2 && e?.column == 2)
}

@Test func equationsAreNumberedAcrossTheDocument() throws {
    let results = MathRenderer().renderDocument([
        ("\\text{see } \\eqref{eq:pg} \\text{ and } \\ref{eq:q}", false),   // forward references
        ("a = b \\label{eq:pg}", true),
        ("c = d", true),                                                     // not numbered
        ("e = f \\tag{A} \\label{eq:q}", true),
        ("\\begin{equation} g \\end{equation}", true),
        ("\\begin{align} x &= 1 \\label{eq:x} \\\\ y &= 2 \\notag \\\\ z &= 3 \\end{align}", true),
        ("\\eqref{eq:x}, \\eqref{eq:pg}", false),
    ])
    let out = try results.map { try $0.get() }
    #expect(out[0].contains("<mtext><a href=\"#eq-eq-pg\">(1)</a></mtext>"))
    #expect(out[0].contains("<mtext><a href=\"#eq-eq-q\">A</a></mtext>"))
    #expect(out[1].contains("<mtext style=\"justify-self:end\" id=\"eq-eq-pg\">(1)</mtext>"))
    #expect(!out[2].contains("mtext"))
    #expect(out[3].contains("id=\"eq-eq-q\">(A)</mtext>"))
    #expect(out[4].contains(">(2)</mtext>"))
    // align: rows 1 and 3 numbered, row 2 not
    #expect(out[5].contains("<mtext id=\"eq-eq-x\">(3)</mtext>"))
    #expect(out[5].contains("<mtext></mtext>"))
    #expect(out[5].contains("<mtext>(4)</mtext>"))
    #expect(out[6].contains(">(3)</a>") && out[6].contains(">(1)</a>"))
}

@Test func referenceErrors() {
    let results = MathRenderer().renderDocument([
        ("a \\label{one}", true),
        ("b \\label{one}", true),
        ("\\eqref{onr}", false),
    ])
    guard case .failure(let dup) = results[1], case .failure(let unknown) = results[2] else {
        Issue.record("expected failures, got \(results)")
        return
    }
    #expect(dup.message == "duplicate label 'one'" && dup.column == 3)
    #expect(unknown.message == "unknown label 'onr'; did you mean 'one'?" && unknown.command == "\\eqref")
    #expect((try? results[0].get()) != nil)
}

@Test func everyResultIsWellFormed() throws {
    // Every start tag is closed in order, and text holds no raw '<', '>' or '"': a small XML
    // well-formedness check over the spec table's output (scalars, since a combining accent may
    // follow a '>').
    for c in specCases {
        let out = Array(try MathRenderer().render(c.tex, display: c.display).unicodeScalars)
        var stack: [String] = []
        var i = 0
        while i < out.count {
            if out[i] == "<" {
                guard let close = out[i...].firstIndex(of: ">") else { Issue.record("unclosed tag in \(c.tex)"); break }
                var tag = String(String.UnicodeScalarView(out[(i + 1)..<close]))
                if tag.hasPrefix("/") {
                    tag.removeFirst()
                    #expect(stack.popLast() == tag, "\(c.tex)")
                } else {
                    stack.append(String(tag.prefix { $0 != " " }))
                }
                i = close + 1
            } else {
                #expect(out[i] != ">" && out[i] != "\"", "\(c.tex)")
                i += 1
            }
        }
        #expect(stack.isEmpty, "\(c.tex)")
    }
}

@Test func docCommentExampleHolds() throws {
    let r = MathRenderer(macros: ["R": Macro(body: "\\mathbb{R}")])
    #expect(try r.render("x \\in \\R", display: false)
        == "<math><semantics><mrow><mi>x</mi><mo>∈</mo><mi>ℝ</mi></mrow><annotation encoding=\"application/x-tex\">x \\in \\R</annotation></semantics></math>")
}

/// Random token soup from a fixed seed: rendering never crashes, and every error points inside the source.
@Test func randomInputFailsCleanly() {
    var state: UInt64 = 0x9E3779B97F4A7C15
    func next(_ n: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(n))
    }
    let vocabulary = ["x", "2", "{", "}", "^", "_", "&", "\\\\", "\\frac", "\\left(", "\\right)", "\\middle|", "\\sqrt",
                      "\\begin{aligned}", "\\end{aligned}", "\\end{cases}", "\\text{a}", "\\alpha", "'", "$", " ", "\n",
                      "\\sum", "\\limits", "\\mathbf", "[", "]", "\\foo", "\\label{a}", "\\eqref{a}", "\\tag{1}", "%", "#1"]
    var failures = 0
    for _ in 0..<3000 {
        let tex = (0..<(1 + next(12))).map { _ in vocabulary[next(vocabulary.count)] }.joined()
        let lines = tex.split(separator: "\n", omittingEmptySubsequences: false)
        switch MathRenderer().renderDocument([(tex, next(2) == 0)])[0] {
        case .success(let m): #expect(m.hasSuffix("</math>"))
        case .failure(let e):
            failures += 1
            #expect(e.line >= 1 && e.line <= lines.count, "\(tex.debugDescription): \(e)")
            #expect(e.column >= 1 && e.column <= lines[max(0, min(e.line, lines.count) - 1)].unicodeScalars.count + 1,
                    "\(tex.debugDescription): \(e)")
        }
    }
    #expect(failures > 100 && failures < 3000)
}

@Test func deepNestingIsAnErrorNotACrash() {
    let deep = String(repeating: "\\sqrt", count: 5000) + "x"
    #expect(throws: TeXError.self) { try MathRenderer().render(deep, display: false) }
    let mixed = String(repeating: "\\left(\\frac{x^{\\sqrt{", count: 100)
    #expect(throws: TeXError.self) { try MathRenderer().render(mixed, display: true) }
    // Forty levels is more than any lecture needs, and fine.
    let ok = String(repeating: "\\frac{x^{", count: 20) + "y" + String(repeating: "}}{2}", count: 20)
    #expect(throws: Never.self) { try MathRenderer().render(ok, display: true) }
    let braces = String(repeating: "{", count: 5000) + String(repeating: "}", count: 5000)
    #expect(throws: TeXError.self) { try MathRenderer().render(braces, display: false) }
}
