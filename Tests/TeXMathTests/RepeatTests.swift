import Testing
@testable import TeXMath

/// `renderDocument` renders a repeated formula once when its MathML cannot depend on where it
/// stands; these tests hold it to the results of rendering every copy anew.

/// The results as text, so that a mismatch prints readably.
private func describe(_ results: [Result<String, TeXError>]) -> [String] {
    results.map { r in
        switch r {
        case .success(let s): return s
        case .failure(let e): return "error \(e) command=\(e.command ?? "-") suggestion=\(e.suggestion ?? "-")"
        }
    }
}

@Test func repeatedFormulasMatchRenderingEachCopyAnew() throws {
    let macros = ["R": Macro(body: "\\mathbb{R}"), "bad": Macro(body: "\\frac{1}")]
    let r = MathRenderer(macros: macros)
    let doc: [(tex: String, display: Bool)] = [
        ("\\theta", false),
        ("\\pi_\\theta", false),
        ("\\begin{equation} a \\end{equation}", true),
        ("\\theta", true),                                   // same TeX, display: a different formula
        ("x \\in \\R", false),
        ("\\begin{equation} a \\end{equation}", true),       // repeated: numbered (2)
        ("\\frac{1}", false),                                // error
        ("\\theta", false),
        ("\\eqref{eq:b}", false),                            // forward reference, repeated below
        ("b \\label{eq:b}", true),
        ("b \\label{eq:b}", true),                           // repeated label: duplicate
        ("\\frac{1}", false),                                // the same error again
        ("c \\tag{T}", true),
        ("c \\tag{T}", true),
        ("\\begin{align} x &= 1 \\\\ y &= 2 \\notag \\end{align}", true),
        ("\\begin{align} x &= 1 \\\\ y &= 2 \\notag \\end{align}", true),
        ("\\eqref{eq:b}", false),
        ("\\ref{eq:nope}", false),                           // unknown label
        ("\\ref{eq:nope}", false),
        ("x +\n \\bad", false),                              // macro error on line 2
        ("\\pi_\\theta", false),
        ("x +\n \\bad", false),
        ("x \\in \\R", false),
    ]
    let memoized = r.renderDocument(doc)
    let anew = r.renderDocument(doc, memoizing: false)
    #expect(describe(memoized) == describe(anew))
    #expect(memoized == anew)

    let out = describe(memoized)
    // Each copy of a numbered equation gets its own number.
    #expect(out[2].contains(">(1)</mtext>") && out[5].contains(">(2)</mtext>"))
    // The label takes number 3; its repeat is a duplicate, and references resolve to the first.
    #expect(out[9].contains("id=\"eq-eq-b\">(3)</mtext>"))
    #expect(out[10].hasPrefix("error 1:3: duplicate label 'eq:b'"))
    #expect(out[8].contains(">(3)</a>") && out[16].contains(">(3)</a>"))
    // (The duplicate took number 4 before failing.) align: row 1 is 5, row 2 is not numbered; its repeat: 6.
    #expect(out[14].contains("<mtext>(5)</mtext>"))
    #expect(out[15].contains("<mtext>(6)</mtext>") && !out[15].contains("(5)"))
    #expect(out[13].contains(">(T)</mtext>"))
    // Every copy of an erroneous formula reports its error, at the same place within the TeX.
    for i in [6, 11] {
        guard case .failure(let e) = memoized[i] else { Issue.record("formula \(i) should fail"); continue }
        #expect(e.message.contains("missing denominator") && e.line == 1)
    }
    for i in [19, 21] {
        guard case .failure(let e) = memoized[i] else { Issue.record("formula \(i) should fail"); continue }
        #expect(e.line == 2 && e.column == 2)
    }
    for i in [17, 18] {
        guard case .failure(let e) = memoized[i] else { Issue.record("formula \(i) should fail"); continue }
        #expect(e.message.hasPrefix("unknown label 'eq:nope'"))
    }
    // Position-free repeats are what the formula renders to on its own.
    for i in [0, 1, 3, 4, 7, 20, 22] {
        #expect(try memoized[i].get() == r.render(doc[i].tex, display: doc[i].display), "\(doc[i].tex)")
    }
    #expect(out[0] == out[7] && out[0] != out[3])
}

/// Random documents drawn from a small set of formulas (so that most repeat), from a fixed seed:
/// memoized rendering gives exactly the results of rendering every copy anew.
@Test func randomDocumentsMatchRenderingEachCopyAnew() {
    var state: UInt64 = 0x2545F4914F6CDD1D
    func next(_ n: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(n))
    }
    let pool = ["\\theta", "\\pi_\\theta(a \\mid s)", "x^2", "\\frac{1}", "\\alpah", "a \\label{a}", "b \\label{b}",
                "\\eqref{a}", "\\ref{b} + \\eqref{c}", "c \\tag{C} \\label{c}", "d \\tag*{D}", "e \\notag",
                "\\begin{equation} f \\end{equation}", "\\begin{equation*} g \\end{equation*}",
                "\\begin{align} h &= 1 \\label{h} \\\\ i &= 2 \\end{align}", "\\begin{gather*} j \\end{gather*}",
                "\\begin{aligned} k &= 1 \\end{aligned}", "x\n+ \\foo", "\\text{see \\eqref{h}}", "\\eqref{h}"]
    var numbered = 0
    for _ in 0..<300 {
        let doc = (0..<(1 + next(25))).map { _ in (tex: pool[next(pool.count)], display: next(3) != 0) }
        let memoized = MathRenderer().renderDocument(doc)
        let anew = MathRenderer().renderDocument(doc, memoizing: false)
        #expect(describe(memoized) == describe(anew), "\(doc.map(\.tex))")
        numbered += memoized.filter { (try? $0.get())?.contains("(2)</mtext>") == true }.count
    }
    // The documents do exercise repeated numbering.
    #expect(numbered > 50)
}
