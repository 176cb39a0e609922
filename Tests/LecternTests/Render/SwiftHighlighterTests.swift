import Foundation
import Testing
@testable import Lectern

/// Removes the tags and unescapes the three entities the highlighter writes.
/// Fails the test on anything else that looks like markup.
private func plainText(_ html: String) -> String {
    var out = String.UnicodeScalarView()
    let s = Array(html.unicodeScalars)
    var i = 0
    while i < s.count {
        if s[i] == "<" {
            var j = i
            while j < s.count && s[j] != ">" { j += 1 }
            var tag = String.UnicodeScalarView()
            tag.append(contentsOf: s[i..<min(j + 1, s.count)])
            let t = String(tag)
            #expect(t == "</span>" || (t.hasPrefix("<span class=\"") && t.hasSuffix("\">")), "unexpected tag \(t)")
            i = j + 1
        } else if s[i] == "&" {
            // Compare scalars: `&gt;` followed by a joiner is one Character.
            func entity(_ e: String) -> Bool { s[i...].starts(with: e.unicodeScalars) }
            if entity("&amp;") { out.append("&"); i += 5 }
            else if entity("&lt;") { out.append("<"); i += 4 }
            else if entity("&gt;") { out.append(">"); i += 4 }
            else { Issue.record("bare ampersand in \(html)"); out.append("&"); i += 1 }
        } else {
            out.append(s[i]); i += 1
        }
    }
    return String(out)
}

/// Checks the structure: spans never nest and never cross a line break.
private func checkStructure(_ html: String, _ input: String) {
    var open = false
    let s = Array(html.unicodeScalars)
    for (k, c) in s.enumerated() {
        if c == "<" {
            let closing = k + 1 < s.count && s[k + 1] == "/"
            #expect(closing == open, "span nesting broken in highlight of \(input.debugDescription)")
            open = !closing
        } else if c == "\n" || c == "\r" {
            #expect(!open, "span crosses a line break in highlight of \(input.debugDescription)")
        }
    }
    #expect(!open)
}

private func roundTrips(_ input: String) {
    let html = highlightSwift(input)
    let back = plainText(html)
    #expect(Array(back.unicodeScalars) == Array(input.unicodeScalars), "lost characters: \(input.debugDescription) -> \(html.debugDescription)")
    checkStructure(html, input)
}

/// The spans of class `cls`, in order.
private func spans(_ cls: String, in html: String) -> [String] {
    let open = "<span class=\"\(cls)\">"
    var result: [String] = []
    var rest = Substring(html)
    while let r = rest.range(of: open) {
        let after = rest[r.upperBound...]
        guard let end = after.range(of: "</span>") else { break }
        result.append(String(after[..<end.lowerBound]))
        rest = after[end.upperBound...]
    }
    return result
}

@Suite struct SwiftHighlighterTests {
    @Test func keywordsTypesNumbers() {
        let html = highlightSwift("let x: Double = 1.5e-3 + 0x1F + 1_000")
        #expect(html == #"<span class="kw">let</span> x: <span class="type">Double</span> = <span class="num">1.5e-3</span> + <span class="num">0x1F</span> + <span class="num">1_000</span>"#)
    }

    @Test func escapesMarkup() {
        #expect(highlightSwift("a < b && c > d") == "a &lt; b &amp;&amp; c &gt; d")
    }

    @Test func ranges_and_members() {
        let html = highlightSwift("for i in 0..<n { x.default = self.init; T.self }")
        #expect(spans("kw", in: html) == ["for", "in", "self", "init", "self"])
        #expect(spans("num", in: html) == ["0"])
        #expect(spans("type", in: html) == ["T"])
        // `1...count` is a range, not a member access
        #expect(spans("kw", in: highlightSwift("1...self.n")) == ["self"])
    }

    @Test func argumentLabelsAreNotKeywords() {
        let html = highlightSwift("f(for: x, in: y); switch v { default: break }")
        #expect(spans("kw", in: html) == ["switch", "default", "break"])
    }

    @Test func stringWithInterpolation() {
        let html = highlightSwift(#"print("n = \(n + 1) \(Int("2")!)\n")"#)
        #expect(html == #"print(<span class="str">"n = </span><span class="interp">\(</span>n + <span class="num">1</span><span class="interp">)</span><span class="str"> </span><span class="interp">\(</span><span class="type">Int</span>(<span class="str">"2"</span>)!<span class="interp">)</span><span class="esc">\n</span><span class="str">"</span>)"#)
    }

    @Test func interpolationWithParenthesesInside() {
        let html = highlightSwift(#""\(f(g(1)))" + x"#)
        #expect(spans("interp", in: html) == [#"\("#, ")"])
        #expect(html.hasSuffix(#"<span class="str">"</span> + x"#))
    }

    @Test func rawStrings() {
        let html = highlightSwift(##"let r = #"a "quoted" \n \#(x) \#n"# + 1"##)
        #expect(spans("str", in: html) == [##"#"a "quoted" \n "##, " ", ##""#"##])
        #expect(spans("interp", in: html) == [##"\#("##, ")"])
        #expect(spans("esc", in: html) == [##"\#n"##])
        #expect(spans("num", in: html) == ["1"])
    }

    @Test func multilineStrings() {
        let code = "let s = \"\"\"\n  one \"quote\" \\(x)\n  two \\\n  \"\"\"\nlet y = 2"
        let html = highlightSwift(code)
        #expect(html == "<span class=\"kw\">let</span> s = <span class=\"str\">\"\"\"</span>\n<span class=\"str\">  one \"quote\" </span><span class=\"interp\">\\(</span>x<span class=\"interp\">)</span>\n<span class=\"str\">  two </span><span class=\"esc\">\\</span>\n<span class=\"str\">  \"\"\"</span>\n<span class=\"kw\">let</span> y = <span class=\"num\">2</span>")
    }

    @Test func unicodeEscape() {
        #expect(spans("esc", in: highlightSwift(#""\u{1F600}x""#)) == [#"\u{1F600}"#])
    }

    @Test func comments() {
        let html = highlightSwift("/// Doc.\n// plain\nx /* a /* nested */ still */ y /** doc */ //// not doc")
        #expect(spans("com doc", in: html) == ["/// Doc.", "/** doc */"])
        #expect(spans("com", in: html) == ["// plain", "/* a /* nested */ still */", "//// not doc"])
        #expect(html.contains("</span> y "))
    }

    @Test func commentsCoverKeywordsAndStrings() {
        let html = highlightSwift("// let \"x\"\n/* func\n \"y */ z")
        #expect(spans("kw", in: html).isEmpty)
        #expect(spans("str", in: html).isEmpty)
        #expect(spans("com", in: html) == [#"// let "x""#, "/* func", #" "y */"#])
    }

    @Test func attributesAndDirectives() {
        let html = highlightSwift("@MainActor func f() {}\n#sourceLocation(file: \"a.md\", line: 3)\n#if DEBUG\n#endif\n#expect(x)")
        #expect(spans("attr", in: html) == ["@MainActor"])
        #expect(spans("dir", in: html) == ["#sourceLocation", "#if", "#endif", "#expect"])
        #expect(spans("str", in: html) == [#""a.md""#])
        #expect(spans("type", in: html) == ["DEBUG"])
    }

    @Test func unterminatedStringEndsAtLineBreak() {
        let html = highlightSwift("let s = \"abc\nlet t = 1")
        #expect(spans("str", in: html) == ["\"abc"])
        #expect(spans("kw", in: html) == ["let", "let"])
    }

    @Test func unterminatedInterpolationEndsAtLineBreak() {
        let html = highlightSwift("\"a \\(f(\"b\nlet x")
        #expect(spans("kw", in: html) == ["let"])
        roundTrips("\"a \\(f(\"b\nlet x")
    }

    @Test func unterminatedBlockCommentRunsToEnd() {
        let html = highlightSwift("x /* a\n/* b */\nlet")
        #expect(spans("com", in: html) == ["/* a", "/* b */", "let"])
    }

    @Test func unicodeIdentifiers() {
        let html = highlightSwift("let Δθ = π * 2 // ∇J\nlet 👩‍👩‍👧 = \"é\"")
        #expect(spans("type", in: html) == ["Δθ"])
        #expect(spans("kw", in: html) == ["let", "let"])
        #expect(spans("str", in: html) == ["\"é\""])
    }

    @Test func backtickIdentifiersAreNotKeywords() {
        #expect(spans("kw", in: highlightSwift("let `class` = 1")) == ["let"])
    }

    @Test(arguments: [
        "", "\"", "\"\"\"", "#", "##\"", "#\"abc\"", "\\(", "\"\\(", "\"\\(\"", "/*", "/**", "/*/", "/**/",
        "//", "///", "@", "@1", "`", "`abc", "0x", "1e", "1e+", "0x1p", "0b102", "1.", "1..2", ".5",
        "\"\\", "\"\\u{", "\"\\u{12", "#\"\\#(", "\"\"\"\n\\(\n", "\r\n\"a\r\n", "e\u{301}\"\u{301}",
        "\u{FEFF}let", "a\u{0}b", "\"\\#(x)\"", "#\"\\(x)\"#", "#if\n#else\n#endif",
        "/* /* */", "\")\"", "\"\\(\")\")\"", "x/y/z", "\"\"\"\"\"\"", "#\"\"\"\n\"\"\"#", "\"\\\n\"",
    ])
    func roundTripEdgeCases(_ input: String) {
        roundTrips(input)
    }

    @Test func roundTripRandomInputs() {
        let pieces = [
            "\"", "\"\"\"", "#", "\\", "\\(", "(", ")", "/*", "*/", "//", "///", "\n", "\r\n", "\r", " ",
            "é", "e\u{301}", "👩‍👩‍👧", "\u{200D}", "let", "Foo", "in", "default", ":", ".", "0x1p3", "1.5e", "12",
            "@", "@Main", "`", "<", ">", "&", "&amp;", "\\u{", "}", "{", "$0", "_", "\t", "#if", "ẞ", "ℝ",
        ]
        var rng = HighlighterRNG(seed: 42)
        for _ in 0..<3000 {
            var input = ""
            for _ in 0..<Int(rng.next() % 24) {
                input += pieces[Int(rng.next() % UInt64(pieces.count))]
            }
            roundTrips(input)
        }
    }

    @Test func roundTripRealisticCode() {
        let code = """
        import PolicyGradient

        /// REINFORCE on a bandit: ∇J = E[r ∇ log π].
        @MainActor
        struct Agent<T: Numeric>: Sendable where T: Comparable {
            var θ: [Double] = [0, 0.5, -1e-3]
            mutating func step(_ r: Double, lr: Double = 0.1) async throws -> Double? {
                let p = softmax(θ)
                defer { print("p = \\(p.map { String(format: "%.3f", $0) })") }
                guard r.isFinite else { return nil }
                for (i, x) in p.enumerated() where x > 0 { θ[i] += lr * r * (1 - x) }
                return p.max() /* best */
            }
        }
        let msg = #"raw \\#(1 + 2) "q""#
        #sourceLocation(file: "lectures/23-rl.md", line: 57)
        """
        roundTrips(code)
        let html = highlightSwift(code)
        #expect(spans("attr", in: html) == ["@MainActor"])
        #expect(spans("kw", in: html).prefix(6) == ["import", "struct", "where", "var", "mutating", "func"])
        #expect(spans("type", in: html).prefix(7) == ["PolicyGradient", "Agent", "T", "Numeric", "Sendable", "T", "Comparable"])
    }
}

/// A small deterministic generator for the fuzz inputs.
private struct HighlighterRNG {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
