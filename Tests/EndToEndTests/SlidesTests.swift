import Foundation
import Testing

/// `NN-slug.slides.html`: split, notes, options, warnings; and the course's slides
/// measured in Chromium.
@Suite struct SlidesTests {
    static let lecture = """
        ---
        title: Sample
        author: A. Author
        date: May 1, 2025
        ---

        # Sample

        Before any section.

        ## First section

        Text of the first slide.

        ```notes
        Say *this* first.
        ```

        ---

        Second slide of the section.

        ```swift slides=false
        let offSlides = 1
        ```

        ## Second section

        ```swift
        let onSlides = 2
        ```

        """

    @Test func slidesSplitAtSectionsAndBreaks() throws {
        let h = try Harness(lectures: ["01-sample.md": Self.lecture])
        defer { h.remove() }
        let r = try h.run(["build"])
        #expect(r.status == 0, "\(r.stderr)")
        let slides = try h.read("output/01-sample.slides.html")
        let frames = Array(slides.components(separatedBy: "<section class=\"slide").dropFirst())
        // Title, the blocks before the first section, first section, its continuation, second section.
        try #require(frames.count == 5, "\(slides)")
        let texts = frames.map(\.htmlText)
        #expect(frames[0].contains("slide-title") && texts[0].contains("Sample") && texts[0].contains("A. Author")
                && texts[0].contains("May 1, 2025"))
        #expect(texts[1].contains("Before any section."))
        #expect(texts[2].contains("First section") && texts[2].contains("Text of the first slide.")
                && !texts[2].contains("Second slide"))
        #expect(frames[3].contains("slide-continued") && texts[3].contains("Second slide of the section."))
        #expect(texts[4].contains("Second section") && texts[4].contains("onSlides"))
        // The notes: on their slide, in the presenter's aside; not on the page.
        #expect(frames[2].contains("<aside class=\"notes\"") && frames[2].contains("Say <em>this</em> first."))
        let page = try h.read("output/01-sample.html")
        #expect(!page.contains("Say *this* first.") && !page.htmlText.contains("Say this first."))
        // slides=false: on the page, not on the slides.
        #expect(page.contains("offSlides") && !slides.contains("offSlides"))
        // The page and the index link the slides; the support files are written.
        #expect(page.contains("href=\"01-sample.slides.html\""))
        #expect(try h.read("output/index.html").contains("href=\"01-sample.slides.html\""))
        #expect(h.exists("output/slides.css") && h.exists("output/slides.js"))
        #expect(slides.contains("href=\"style.css\"") && slides.contains("href=\"slides.css\"") && slides.contains("src=\"slides.js\""))
    }

    @Test func frontMatterTurnsSlidesOff() throws {
        let source = Self.lecture.replacingOccurrences(of: "title: Sample\n", with: "title: Sample\nslides: false\n")
        let h = try Harness(lectures: ["01-sample.md": source])
        defer { h.remove() }
        let r = try h.run(["build"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!h.exists("output/01-sample.slides.html"))
        #expect(!(try h.read("output/01-sample.html")).contains("slides.html"))
        #expect(!(try h.read("output/index.html")).contains("slides.html"))
    }

    @Test func badSlideSettingsAreErrorsAtTheirLines() throws {
        let h = try Harness(lectures: [
            "01-a.md": "---\nslides: sometimes\n---\n# A\n",
            "02-b.md": "# B\n\n```swift run slides=true\nlet x = 1\n```\n",
            "03-c.md": "# C\n\n```swift slides=output\nlet x = 1\n```\n",
        ])
        defer { h.remove() }
        let r = try h.run(["build"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("lectures/01-a.md:2:9: error: 'slides' must be true or false, found 'sometimes'"), "\(r.stderr)")
        #expect(r.stderr.contains("lectures/02-b.md:3: error: cell option 'slides=true' must be slides=false"), "\(r.stderr)")
        #expect(r.stderr.contains("lectures/03-c.md:3: error: cell options slides=output need 'run'"), "\(r.stderr)")
    }

    @Test func tooTallSlideIsAWarningAtItsLine() throws {
        let code = (1...60).map { "let v\($0) = \($0)" }.joined(separator: "\n")
        let h = try Harness(lectures: ["01-long.md": "# Long\n\n## Short\n\nFits.\n\n## Tall\n\n```swift\n\(code)\n```\n"])
        defer { h.remove() }
        let r = try h.run(["build"])
        #expect(r.status == 0, "a warning does not fail the build: \(r.stderr)")
        // 60 lines of code at 26.6 px, with the heading: about 1700 px.
        let warning = "lectures/01-long.md:7: warning: slide 3 is too tall: its content is about "
        #expect(r.stderr.contains(warning), "\(r.stderr)")
        if let range = r.stderr.range(of: warning) {
            let px = Int(r.stderr[range.upperBound...].prefix { $0.isNumber }) ?? 0
            #expect((1650...1800).contains(px), "estimated \(px) px")
        }
        #expect(!r.stderr.contains("01-long.md:3:"), "the short slide fits: \(r.stderr)")
        #expect(h.exists("output/01-long.slides.html"))
    }
}
