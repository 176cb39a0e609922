import Testing
@testable import Lectern

@Suite struct BoundsTests {
    @Test func longLinesAreCutAtACharacter() {
        #expect(boundedLines("short\nlines") == "short\nlines")
        let cut = boundedLines(String(repeating: "é", count: 600) + "\nnext", limit: 1_001)
        #expect(cut == String(repeating: "é", count: 500) + "… (200 more bytes)\nnext")
    }

    @Test func diagnosticsPrintBoundedLines() {
        let d = Diagnostic(file: "lectures/01-a.md", line: 3, "cell 1 wrote: " + String(repeating: "e", count: 4 << 20))
        #expect(d.description == "lectures/01-a.md:3: error: cell 1 wrote: " + String(repeating: "e", count: 986) + "… (\((4 << 20) - 986) more bytes)")
    }

    @Test func linksArePercentEncoded() {
        #expect(hrefPath("02-#?.html") == "02-%23%3F.html")
        #expect(hrefPath("03-a b%.slides.html") == "03-a%20b%25.slides.html")
        #expect(hrefPath("04-ü.html") == "04-%C3%BC.html")
        #expect(hrefPath("23-policy-gradients.html") == "23-policy-gradients.html")
    }

    @Test func lecturesAreNamedFromTheirFoldersParent() {
        #expect(lectureName("lectures/23-x.md", in: "lectures") == "lectures/23-x.md")
        #expect(lectureName("/home/me/course/lectures/23-x.md", in: "/home/me/course/lectures") == "lectures/23-x.md")
        #expect(lectureName("./lectures/../lectures/23-x.md", in: "./lectures/../lectures/") == "lectures/23-x.md")
    }
}
