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
                "lectures/01-x.md:2: error: unknown cell option 'hide-outptu'; did you mean 'hide-output'? (known options: run, hide-code, hide-output, allow-error, expect-compile-error, fold, timeout=SECONDS, slides=false, slides=output)"
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
}
