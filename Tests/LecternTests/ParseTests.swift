import CommonMark
import Testing
@testable import Lectern

@Suite struct ParseTests {
    private func cells(_ markdown: String) throws(Diagnostics) -> (cells: [Cell], inlines: [InlineExpression]) {
        try collectCells(in: CommonMark.parse(markdown), file: "lectures/01-x.md")
    }

    @Test func cellsAreFoundWithTheirLinesAndOptions() throws {
        let md = """
            # T

            ```swift
            shown()
            ```

            - item

              ```swift run hide-code allow-error timeout=5
              nested()
              ```

            ```swift run
            print(1)
            ```
            ```output
            1
            ```

            Inline `{swift} 1 + 1` and `plain code`.
            """
        let (cells, inlines) = try cells(md)
        #expect(cells.count == 3)
        #expect(cells[0].fenceLine == 3 && !cells[0].options.run && cells[0].code == "shown()\n")
        #expect(cells[1].fenceLine == 9 && cells[1].codeLine == 10)
        #expect(cells[1].options.run && cells[1].options.hideCode && cells[1].options.allowError && cells[1].options.timeLimit == 5)
        #expect(cells[2].fenceLine == 13 && cells[2].expectedOutput == Cell.ExpectedOutput(text: "1\n", line: 16))
        #expect(inlines == [InlineExpression(index: 0, expression: "1 + 1", line: 20, column: 9, cellsBefore: 3)])
    }

    @Test func aLectureOverTheSizeLimitIsRefusedWithItsSize() {
        let source = String(repeating: "word ", count: maximumLectureBytes / 5 + 1)
        do {
            _ = try parseLecture(source: source, file: "lectures/01-huge.md")
            Issue.record("a lecture over the limit was parsed")
        } catch {
            #expect(error.items.map(\.description) == ["lectures/01-huge.md: error: the file has 256 MiB; a lecture may have at most 256 MiB"])
        }
    }

    @Test func unknownOptionNamesTheLineAndSuggests() {
        #expect(throws: Diagnostics.self) { try cells("\n```swift run hide-outptu\nx\n```\n") }
        do {
            _ = try cells("\n```swift run hide-outptu\nx\n```\n")
        } catch {
            #expect(error.items.map(\.description) == [
                "lectures/01-x.md:2: error: unknown cell option 'hide-outptu'; did you mean 'hide-output'? (known options: run, hide-code, hide-output, allow-error, expect-compile-error, fold, timeout=SECONDS)"
            ])
        }
    }

    @Test func optionsThatNeedRunAreRejected() {
        do {
            _ = try cells("```swift hide-code\nx\n```\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.items.first?.message.contains("need 'run'") == true)
            #expect(error.items.first?.line == 1)
        }
    }

    @Test func outputBlockWithoutACellIsAnError() {
        do {
            _ = try cells("text\n\n```output\n1\n```\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.items.first?.line == 3)
        }
    }

    @Test func headingIdsAreStableAndUnique() {
        let doc = CommonMark.parse("# The *Q*-function\n## Intuition\n## Intuition\n## Intuition-1\n# ???\n")
        #expect(headingEntries(doc).map(\.id) == ["the-q-function", "intuition", "intuition-1", "intuition-1-1", "section"])
    }
}

@Suite struct ProgramTests {
    @Test func cellsAreWrappedInSourceLocationsInOrder() throws {
        let md = "```swift run\nlet a = 1\n```\n\nValue `{swift} a`.\n\n```swift run allow-error\nlet b = a\n```\n\n```swift run expect-compile-error\nlet c: Int = \"\"\n```\n"
        let doc = CommonMark.parse(md)
        let (cells, inlines) = try collectCells(in: doc, file: "lectures/01-x.md")
        let lecture = Lecture(file: "lectures/01-x.md", slug: "01-x", frontMatter: FrontMatter(), document: doc, cells: cells, inlines: inlines)
        let source = Program.generate(for: lecture).source
        #expect(source.contains("_lecternBeginCell(0)\n#sourceLocation(file: \"lectures/01-x.md\", line: 2)\nlet a = 1\n#sourceLocation()\n_lecternEndCell(0)\n"))
        #expect(source.contains("#sourceLocation(file: \"lectures/01-x.md\", line: 5)\n_lecternInline(0, (a\n))\n"))
        #expect(source.contains("if _lecternTry(1) {\n#sourceLocation(file: \"lectures/01-x.md\", line: 8)\nlet b = a\n"))
        // The expect-compile-error cell is left out of the program ...
        #expect(!source.contains("let c: Int"))
        // ... and type-checked after the cells before it.
        let probe = Program.compileErrorProbe(for: cells[2], in: lecture).source
        #expect(probe.contains("let a = 1") && probe.hasSuffix("#sourceLocation(file: \"lectures/01-x.md\", line: 12)\nlet c: Int = \"\"\n#sourceLocation()\n"))
    }

    @Test func compilerDiagnosticsAreParsed() {
        let text = "lectures/a.md:12:5: error: cannot find 'x' in scope\n<unknown>:0: warning: something\nlectures/a.md:3:1: note: here\n"
        let parsed = parseCompilerDiagnostics(text)
        #expect(parsed.map(\.description) == ["lectures/a.md:12:5: error: cannot find 'x' in scope", "lectures/a.md:3:1: note: here"])
    }

    @Test func stackTracesAreDropped() {
        let text = "Fatal error: boom\nCurrent stack trace:\n0    libswiftCore.so 0x1\n1    x 0x2\nafter\n"
        #expect(removingStackTraces(text) == "Fatal error: boom\nafter\n")
    }

    @Test func sha256MatchesKnownDigests() {
        #expect(sha256Hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(sha256Hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(sha256Hex(Array(String(repeating: "a", count: 1000).utf8)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
        // FIPS 180-4 examples: a two-block message, and a million 'a's.
        #expect(sha256Hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(sha256Hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func sha256InPiecesEqualsSha256Whole() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 3) }
        for cut in [0, 1, 55, 63, 64, 65, 127, 128, 500, 999] {
            var hasher = SHA256()
            hasher.update(bytes[..<cut])
            hasher.update(bytes[cut...])
            #expect(hasher.finalize() == sha256Hex(bytes), "cut at \(cut)")
        }
        var lazy = SHA256()
        lazy.update(bytes.lazy.map { $0 })  // a sequence without contiguous storage
        #expect(lazy.finalize() == sha256Hex(bytes))
    }
}

@Suite struct SuggestionTests {
    @Test func swappedLettersCountAsOneEdit() {
        #expect(editDistance("titel", "title") == 1)
        #expect(editDistance("kitten", "sitting") == 3)
        #expect(suggestion(for: "trem", among: ["term", "title", "instructor"]) == "term")
        #expect(suggestion(for: "hide-cod", among: CellOptions.known) == "hide-code")
        #expect(suggestion(for: "zzzzzz", among: CellOptions.known) == nil)
    }
}
