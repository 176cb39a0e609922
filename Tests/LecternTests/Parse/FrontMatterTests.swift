import Testing
@testable import Lectern

private let file = "lectures/23-rl.md"

private func failure(_ source: String) -> Diagnostic? {
    do {
        _ = try splitFrontMatter(source, file: file)
        return nil
    } catch {
        return error
    }
}

@Suite struct FrontMatterTests {
    @Test func parsesEveryKey() throws {
        let source = """
        ---
        title: "Reinforcement Learning: policy gradients"
        lecture: 23
        date: 2024-11-22
        author: Zhiting Hu
        summary: >
          REINFORCE, baselines
          and the Q-function.
        seed: 18446744073709551615
        timeout: 90.5
        macros:
          R: \\mathbb{R}
          \\E: \\mathbb{E}_{#1}
          norm: {body: '\\lVert #1 \\rVert', args: 1}
          pair: {body: '(#1, #2)', args: 3}
        ---
        # Intro
        Text.
        """
        let (fm, body) = try splitFrontMatter(source, file: file)
        #expect(fm.title == "Reinforcement Learning: policy gradients")
        #expect(fm.lecture == 23)
        #expect(fm.date == "2024-11-22")
        #expect(fm.author == "Zhiting Hu")
        #expect(fm.summary == "REINFORCE, baselines and the Q-function.\n")
        #expect(fm.seed == UInt64.max)
        #expect(fm.timeout == 90.5)
        #expect(fm.macros == ["R": "\\mathbb{R}", "E": "\\mathbb{E}_{#1}", "norm": "\\lVert #1 \\rVert", "pair": "(#1, #2)"])
        #expect(fm.macroArity == ["R": 0, "E": 1, "norm": 1, "pair": 3])
        #expect(body == String(repeating: "\n", count: 16) + "# Intro\nText.")
        #expect(body.split(separator: "\n", omittingEmptySubsequences: false).count == source.split(separator: "\n", omittingEmptySubsequences: false).count)
    }

    @Test func noFrontMatterLeavesTheSourceAlone() throws {
        let source = "# Title\n---\ntitle: x\n---\n"
        let (fm, body) = try splitFrontMatter(source, file: file)
        #expect(fm == FrontMatter())
        #expect(body == source)
        #expect(try splitFrontMatter("", file: file).body == "")
    }

    @Test func emptyFrontMatterAndDotsClose() throws {
        let (fm, body) = try splitFrontMatter("---\n---\nx", file: file)
        #expect(fm == FrontMatter() && body == "\n\nx")
        let dots = try splitFrontMatter("---\ntitle: T\n...\nx", file: file)
        #expect(dots.frontMatter.title == "T" && dots.body == "\n\n\nx")
    }

    @Test func crlfLineEndingsKeepLineNumbers() throws {
        let (fm, body) = try splitFrontMatter("---  \r\ntitle: T\r\nlecture: 3\r\n---\r\n# H\r\n", file: file)
        #expect(fm.title == "T" && fm.lecture == 3)
        #expect(body == "\r\n\r\n\r\n\r\n# H\r\n")
    }

    @Test func nullValuesAreAbsent() throws {
        let (fm, _) = try splitFrontMatter("---\ntitle:\nauthor: ~\nseed: null\nsummary: 'null'\n---\n", file: file)
        #expect(fm.title == nil && fm.author == nil && fm.seed == nil)
        #expect(fm.summary == "null")
    }

    @Test func numbersAndQuotedTextAreText() throws {
        let (fm, _) = try splitFrontMatter("---\ntitle: 42\nlecture: '7'\nseed: 1_000\n---\n", file: file)
        #expect(fm.title == "42" && fm.lecture == 7 && fm.seed == 1000)
    }

    @Test func anUnknownKeyIsAWarningWithTheNearestAndItsValueIsKept() throws {
        let (fm, _) = try splitFrontMatter("---\ntitle: T\n  \nauthr: me\ntags: [rl, pg]\n---\n", file: file)
        #expect(fm.warnings.map(\.description) == [
            "lectures/23-rl.md:4:1: warning: unknown front matter key 'authr'; did you mean 'author'? (kept for templates; Lectern itself does not read it)",
            "lectures/23-rl.md:5:1: warning: unknown front matter key 'tags'; known: author, data, date, lecture, macros, print-code, seed, slides, summary, timeout, title (kept for templates; Lectern itself does not read it)",
        ])
        #expect(fm.extra == ["authr": "me", "tags": "rl, pg"])
        #expect(fm.title == "T")
    }

    @Test func authorMayBeAList() throws {
        let (fm, _) = try splitFrontMatter("---\nauthor: [Ada, Alan]\n---\n", file: file)
        #expect(fm.author == "Ada, Alan")
        #expect(fm.warnings.isEmpty)
    }

    @Test func wrongTypesAreErrorsAtTheValue() {
        #expect(failure("---\nlecture: twenty\n---\n")?.description
            == "lectures/23-rl.md:2:10: error: 'lecture' must be a whole number, found 'twenty'")
        #expect(failure("---\nlecture: -1\n---\n")?.message == "'lecture' must be a whole number, found '-1'")
        #expect(failure("---\nseed: 1.5\n---\n")?.message == "'seed' must be a whole number from 0 to 18446744073709551615, found '1.5'")
        #expect(failure("---\nseed: 18446744073709551616\n---\n")?.line == 2)
        #expect(failure("---\ntimeout: 0\n---\n")?.message == "'timeout' must be a number of seconds above 0 and at most 86400, found '0'")
        let nested = failure("---\ntitle: T\nauthor:\n  - A\n  - [B, C]\n---\n")
        #expect(nested?.line == 5)
        #expect(nested?.message.hasPrefix("'author' must be text or a list of texts, found") == true)
        #expect(failure("---\n- a\n- b\n---\n")?.description
            == "lectures/23-rl.md:2:1: error: front matter must be 'key: value' lines, found a list")
    }

    @Test func duplicateKeysAreErrors() {
        #expect(failure("---\ntitle: A\ndate: x\ntitle: B\n---\n")?.description
            == "lectures/23-rl.md:4:1: error: 'title' is given twice; the first is at line 2")
    }

    @Test func macroErrors() {
        #expect(failure("---\nmacros: \\R\n---\n")?.description
            == "lectures/23-rl.md:2:9: error: 'macros' must be a mapping of macro names to TeX, such as 'R: \\mathbb{R}'")
        #expect(failure("---\nmacros:\n  R2: x\n---\n")?.description
            == "lectures/23-rl.md:3:3: error: macro name 'R2' must be letters only, such as 'R' for \\R")
        #expect(failure("---\nmacros:\n  f: {body: '#1 #2', args: 1}\n---\n")?.description
            == "lectures/23-rl.md:3:6: error: macro 'f' uses #2 but takes 1 argument")
        #expect(failure("---\nmacros:\n  f: {bdy: x}\n---\n")?.description
            == "lectures/23-rl.md:3:7: error: unknown macro field 'bdy'; did you mean 'body'?")
        #expect(failure("---\nmacros:\n  f: {args: 2}\n---\n")?.line == 3)
        #expect(failure("---\nmacros:\n  f: {body: x, args: 10}\n---\n")?.message == "'args' must be a whole number from 0 to 9, found '10'")
    }

    @Test func invalidYAMLIsAnErrorAtItsLine() throws {
        let d = try #require(failure("---\ntitle: T\nsummary: a: b\n---\n"))
        #expect(d.line == 3 && d.column == 11)
        #expect(d.message == "invalid YAML in front matter: mapping values are not allowed in this context")
        let tab = try #require(failure("---\ntitle: T\n\tdate: x\n---\n"))
        #expect(tab.line == 3)
        #expect(tab.column == 1)
        #expect(tab.message == "invalid YAML in front matter: found a tab character that violates indentation (while scanning a plain scalar at line 2); indent YAML with spaces, not tabs")
        let quote = try #require(failure("---\ntitle: \"open\ndate: x\n---\n"))
        #expect(quote.message.contains("while scanning a quoted scalar at line 2"))
        let control = try #require(failure("---\ntitle: ok\nauthor: a\u{7}b\n---\n"))
        #expect(control.line == 3 && control.column == 10)
        #expect(control.message.hasPrefix("invalid text in front matter: control characters are not allowed"))
    }

    @Test func unterminatedFrontMatterIsAnErrorAtItsOpening() {
        #expect(failure("---\ntitle: T\n# Intro\n")?.description
            == "lectures/23-rl.md:1:1: error: front matter is never closed; end it with a line '---'")
    }

    @Test func highestParameterSkipsEscapedHashes() {
        #expect(highestParameter(in: "\\frac{#1}{#3}") == 3)
        #expect(highestParameter(in: "a ## b #0") == 0)
        #expect(highestParameter(in: "") == 0)
    }
}
