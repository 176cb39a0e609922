import Testing
@testable import CommonMark

@Suite struct ConverterTests {
    @Test func sourceRangesOfBlocks() {
        let doc = CommonMark.parse("# Title\n\nPara one\nstill one\n\n```swift run\nlet x = 1\n```\n")
        #expect(doc.children.count == 3)
        #expect(doc.children[0].kind == .heading(level: 1))
        #expect(doc.children[0].range == SourceRange(startLine: 1, startColumn: 1, endLine: 1, endColumn: 7))
        #expect(doc.children[1].kind == .paragraph)
        #expect(doc.children[1].range.startLine == 3)
        #expect(doc.children[1].range.endLine == 4)
        #expect(doc.children[2].kind == .codeBlock(info: "swift run", literal: "let x = 1\n"))
        #expect(doc.children[2].range.startLine == 6)
        #expect(doc.children[2].range.endLine == 8)
    }

    @Test func inlineCodeSpanHasItsColumn() {
        let doc = CommonMark.parse("Value: `{swift} 1 + 2` here\n")
        let para = doc.children[0]
        guard case .code(let literal) = para.children[1].kind else {
            Issue.record("expected a code span, got \(para.children)")
            return
        }
        #expect(literal == "{swift} 1 + 2")
        #expect(para.children[1].range.startLine == 1)
        // cmark places a code span at its first character after the opening backtick.
        #expect(para.children[1].range.startColumn == 9)
    }

    @Test func nestedContainersKeepOrder() {
        let doc = CommonMark.parse("> - a *b*\n> - c\n")
        #expect(doc.children.count == 1)
        let list = doc.children[0].children[0]
        #expect(list.kind == .list(.bullet, tight: true))
        #expect(list.children.count == 2)
        #expect(list.plainText == "a bc")
    }

    @Test func plainTextOfHeading() {
        let doc = CommonMark.parse("## The *Q*-function `Q`\n")
        #expect(doc.children[0].plainText == "The Q-function Q")
    }
}
