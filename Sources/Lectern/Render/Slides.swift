import CommonMark

// A lecture as slides, from the same parsed document and the same run as its page.
//
// Splitting: a title slide from the front matter; then a slide per `##` section (a
// `#` heading other than the title opens a section too), and a new slide at each
// `---` between a section's blocks. Blocks before the first section get a slide of
// their own. A ```` ```notes ```` block is the speaker notes of the slide it is on.
// Every block is rendered by the page's formatter (`bodyFormatter`), so a slide
// shows prose, math, cells, tables, plots and checks exactly as the page does.

/// One slide: where it starts in the Markdown, its blocks and its speaker notes.
struct Slide {
    enum Kind: Equatable { case title, section, content }
    var kind: Kind
    /// The line that opens the slide: its heading, its `---`, or its first block.
    var line: Int
    /// The section it belongs to, for the running head of the slides after its first.
    var section: String?
    /// True for a slide opened by `---`: it continues its section.
    var continued = false
    /// The top-level blocks on the slide (the opening heading first, if any).
    var blocks: [Node] = []
    /// The literal text of each ```notes block on the slide.
    var notes: [String] = []
}

/// True for a ```` ```notes ```` block: speaker notes, shown in the presenter view only.
func isNotesBlock(_ node: Node) -> Bool {
    guard case .codeBlock(let info, _) = node.kind else { return false }
    return info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first == "notes"
}

/// Splits a lecture into slides (see the top of this file). The title slide comes first
/// and holds no blocks; slides left without blocks are dropped, their notes kept on
/// the slide before them.
func splitSlides(_ lecture: Lecture) -> [Slide] {
    var slides = [Slide(kind: .title, line: 1)]
    var current: Slide?
    var section: String?
    var titleDropped = false
    func close() {
        guard let s = current else { return }
        if s.blocks.isEmpty { slides[slides.count - 1].notes += s.notes } else { slides.append(s) }
        current = nil
    }
    for block in lecture.document.children {
        let line = block.range.startLine
        switch block.kind {
        case .heading(let level) where level <= 2:
            let title = plainTitle(block, lecture)
            if level == 1, !titleDropped, title == lecture.title {
                titleDropped = true
                continue
            }
            close()
            section = title
            current = Slide(kind: level == 1 ? .section : .content, line: line, section: title, blocks: [block])
        case .thematicBreak:
            close()
            current = Slide(kind: .content, line: line, section: section, continued: section != nil)
        case .codeBlock where isNotesBlock(block):
            guard case .codeBlock(_, let literal) = block.kind else { continue }
            if current == nil { slides[slides.count - 1].notes.append(literal) } else { current?.notes.append(literal) }
        default:
            if current == nil { current = Slide(kind: .content, line: line, section: section, continued: section != nil) }
            current?.blocks.append(block)
        }
    }
    close()
    return slides
}

/// A heading's text, math shown as its TeX, as the page's contents list shows it.
private func plainTitle(_ heading: Node, _ lecture: Lecture) -> String {
    heading.plainText
}

/// What the slides' frame shows besides the lecture: the course, and the links back.
struct SlidesContext {
    var courseTitle: String
    /// The lecture page, relative to the slides.
    var pageHref: String
    var indexHref = "index.html"
}

/// The slides of a lecture as one HTML file: every slide a 16:9 frame, readable
/// without JavaScript as a vertical run of frames; `slides.js` presents them.
///
/// - Returns: the HTML, and each slide's blocks as rendered (for the height estimate).
func renderSlides(_ lecture: Lecture, run: LectureRun?, context: SlidesContext) -> (html: String, slides: [Slide], rendered: [[String]]) {
    let slides = splitSlides(lecture)
    // Render every top-level block once, in document order: the formatter numbers
    // headings as it meets them, exactly as for the page.
    let formatter = bodyFormatter(lecture, run: run, droppingHeading: titleHeading(of: lecture), forSlides: true)
    var html: [String: String] = [:]
    for block in lecture.document.children { html[position(block)] = formatter.render(block) }
    let rendered = slides.map { $0.blocks.map { html[position($0)] ?? "" } }

    let fm = lecture.frontMatter
    let total = slides.count
    let estimator = SlideEstimator(lecture: lecture, run: run)
    var out = """
        <!doctype html>
        <html lang="en" class="lectern-slides">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <title>\(escapeHTML(lecture.title)) · slides · \(escapeHTML(context.courseTitle))</title>
        <link rel="stylesheet" href="style.css">
        <link rel="stylesheet" href="slides.css">
        <script src="slides.js"></script>
        </head>
        <body class="slides">
        <header class="deck-header">
        <nav class="breadcrumb" aria-label="Breadcrumb"><a href="\(context.indexHref)">\(escapeHTML(context.courseTitle))</a><span class="sep" aria-hidden="true">›</span><a href="\(context.pageHref)">\(escapeHTML(lecture.title))</a><span class="sep" aria-hidden="true">›</span><span>Slides</span></nav>
        </header>
        <main class="deck" id="lectern-deck" data-slides="\(total)">

        """
    for (k, slide) in slides.enumerated() {
        let n = k + 1
        var classes = "slide"
        switch slide.kind {
        case .title: classes += " slide-title"
        case .section: classes += " slide-section-title"
        case .content:
            if slide.continued { classes += " slide-continued" }
            if slide.blocks.count == 1, case .heading = slide.blocks[0].kind { classes += " slide-section-title" }
        }
        var estimate = 0.0, style = ""
        if slide.kind != .title {
            estimate = estimator.height(of: slide)
            let plotHeight = estimator.plotHeight(of: slide)
            if plotHeight > SlideEstimator.plotHeight {
                estimate += Double(estimator.plotCount(of: slide)) * (plotHeight - SlideEstimator.plotHeight)
                style = " style=\"--plot-height:\(Int(plotHeight))px\""
            }
        }
        out += "<section class=\"\(classes)\" id=\"\(n)\" data-line=\"\(slide.line)\" data-estimate=\"\(Int(estimate.rounded()))\"\(style) aria-label=\"Slide \(n) of \(total)\">\n"
        if slide.continued, let section = slide.section {
            out += "<p class=\"slide-running-head\">\(escapeHTML(section))</p>\n"
        }
        out += "<div class=\"slide-body\">\n"
        if slide.kind == .title {
            out += "<p class=\"slide-course\">\(escapeHTML(context.courseTitle))</p>\n"
            if let number = lecture.number { out += "<p class=\"lecture-number\">Lecture \(number)</p>\n" }
            out += "<h1>\(escapeHTML(lecture.title))</h1>\n"
            var byline = ""
            if let author = fm.author { byline += "<span class=\"author\">\(escapeHTML(author))</span>" }
            if let date = fm.date { byline += "<span class=\"date\">\(escapeHTML(date))</span>" }
            if !byline.isEmpty { out += "<p class=\"byline\">\(byline)</p>\n" }
        } else {
            out += rendered[k].joined()
        }
        out += "</div>\n"
        if !slide.notes.isEmpty {
            out += "<aside class=\"notes\" aria-label=\"Speaker notes\">\n"
            for note in slide.notes { out += HTMLFormatter().render(CommonMark.parse(note)) }
            out += "</aside>\n"
        }
        let progress = total > 1 ? Double(k) / Double(total - 1) : 1
        out += "<footer class=\"slide-foot\"><span class=\"slide-progress\" style=\"width:\(formatProgress(progress))%\"></span>"
        out += "<span class=\"slide-number\">\(n) / \(total)</span></footer>\n"
        out += "</section>\n"
    }
    out += """
        </main>
        </body>
        </html>

        """
    return (out, slides, rendered)
}

/// A top-level block's start, which tells it apart from the others.
private func position(_ block: Node) -> String { "\(block.range.startLine):\(block.range.startColumn)" }

/// A fraction from 0 to 1 as a percentage with one decimal, e.g. "35.3".
private func formatProgress(_ x: Double) -> String {
    let tenths = Int((x * 1000).rounded())
    return "\(tenths / 10).\(tenths % 10)"
}

/// The slides' files of a site: `slides.css`, `slides.js` and each lecture's
/// `NN-slug.slides.html` (none for a lecture whose front matter says `slides: false`).
func slidesFiles(_ lectures: [LectureBuild], courseTitle: String) -> [(path: String, content: String)] {
    var files: [(path: String, content: String)] = [("slides.css", slidesStylesheet), ("slides.js", slidesScript)]
    for build in lectures where build.lecture.frontMatter.slides {
        let lecture = build.lecture
        let context = SlidesContext(courseTitle: courseTitle, pageHref: hrefPath("\(lecture.slug).html"))
        files.append((slidesFileName(lecture), renderSlides(lecture, run: build.run, context: context).html))
    }
    return files
}

/// `NN-slug.slides.html`, next to the lecture's page.
func slidesFileName(_ lecture: Lecture) -> String { "\(lecture.slug).slides.html" }
