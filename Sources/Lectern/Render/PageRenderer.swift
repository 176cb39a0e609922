import CommonMark

/// The body HTML of a lecture page: cmark's rendering of the prose, with cells,
/// inline values and headings rendered by Lectern.
func renderBody(_ lecture: Lecture, run: LectureRun?, droppingHeading dropped: Int? = nil) -> String {
    bodyFormatter(lecture, run: run, droppingHeading: dropped).render(lecture.document)
}

/// The formatter behind ``renderBody``. It renders headings in document order, so one
/// formatter renders one document's blocks once each, in order. `forSlides` applies the
/// cells' `slides=` options (see `Slides.swift`).
func bodyFormatter(_ lecture: Lecture, run: LectureRun?, droppingHeading dropped: Int? = nil,
                   forSlides: Bool = false) -> HTMLFormatter {
    let cellsByLine = Dictionary(uniqueKeysWithValues: lecture.cells.map { ($0.fenceLine, $0) })
    let outputLines = Set(lecture.cells.compactMap { $0.expectedOutput?.line })
    let inlinesByPosition = Dictionary(uniqueKeysWithValues: lecture.inlines.map { ("\($0.line):\($0.column)", $0) })
    var headings = lecture.headings.enumerated().makeIterator()
    let checkIDs = CheckIDs()
    var figures = 0
    var formatter = HTMLFormatter(overriding: [.heading, .codeBlock, .math, .code, .paragraph, .link]) { node, formatter in
        switch node.type {
        case .paragraph:
            guard let image = figureImage(node), case .image(_, let title) = image.kind else { return nil }
            figures += 1
            let caption = title.isEmpty ? image.plainText : title
            var html = "<figure id=\"figure-\(figures)\">\n" + formatter.render(image)
            html += "\n<figcaption><span class=\"figure-number\">Figure \(figures).</span>"
            if !caption.isEmpty { html += " " + escapeHTML(caption) }
            return html + "</figcaption>\n</figure>\n"
        case .link:
            guard case .link(let destination, let title) = node.kind, let href = lecture.linkRewrites[destination] else { return nil }
            let titleAttribute = title.isEmpty ? "" : " title=\"\(escapeHTML(title))\""
            return "<a href=\"\(escapeHTML(href))\"\(titleAttribute)>\(formatter.renderChildren(of: node))</a>"

        case .heading:
            guard let (position, entry) = headings.next(), case .heading(let level) = node.kind else { return nil }
            if position == dropped { return "" }
            return "<h\(level) id=\"\(entry.id)\">\(formatter.renderChildren(of: node)) <a class=\"anchor\" href=\"#\(entry.id)\" aria-label=\"Link to this section\">#</a></h\(level)>\n"
        case .codeBlock:
            if var cell = cellsByLine[node.range.startLine] {
                if forSlides {
                    if cell.options.slides == .hidden { return "" }
                    if cell.options.slides == .outputOnly { cell.options.hideCode = true }
                }
                return renderCell(cell, result: run?.cells[cell.index], compileErrors: run?.compileErrors[cell.index] ?? [],
                                  notRunReason: run?.notRunReason ?? "not run", checkIDs: checkIDs)
            }
            if outputLines.contains(node.range.startLine) || isNotesBlock(node) { return "" }
            return renderCodeBlock(node)
        case .math:
            guard case .math(let tex, let display, let i) = node.kind else { return nil }
            let ml = i < lecture.mathML.count ? lecture.mathML[i] : ""
            // A display formula scrolls in its own box when it is wider than the page,
            // reachable from the keyboard.
            if display { return "<span class=\"math-display\" tabindex=\"0\" role=\"group\" aria-label=\"Formula\">\(ml)</span>" }
            // So does a long inline one: it can be wider than a phone's screen, and a formula does not wrap.
            return tex.count > wideInlineMath ? "<span class=\"math-wide\" tabindex=\"0\" role=\"group\" aria-label=\"Formula\">\(ml)</span>" : ml
        case .code:
            guard node.withLiteral({ $0.starts(with: inlineExpressionPrefix.utf8) }),
                  let inline = inlinesByPosition["\(node.range.startLine):\(node.range.startColumn)"] else { return nil }
            let value = run?.inlineValues[inline.index] ?? "?"
            return "<span class=\"inline-value\" title=\"\(escapeHTML(inline.expression))\">\(escapeHTML(value))</span>"
        default:
            return nil
        }
    }
    formatter.unsafe = true  // the author's raw HTML passes through: the author is trusted
    return formatter
}

/// Inline formulas with more TeX characters than this may be wider than a 320 px screen:
/// they scroll in their own box.
let wideInlineMath = 36

/// A code block that is not a cell, in a box that scrolls and can be reached from the keyboard.
func renderCodeBlock(_ node: Node) -> String? {
    guard case .codeBlock(let info, let code) = node.kind else { return nil }
    let language = info.split(separator: " ").first.map(String.init) ?? ""
    let cls = language.isEmpty ? "" : " class=\"language-\(escapeHTML(language))\""
    let label = language.isEmpty ? "Code" : "Code (\(escapeHTML(language)))"
    let body = language == "swift" ? highlightSwift(code) : escapeHTML(code)
    return "<pre class=\"code-block\" tabindex=\"0\" role=\"group\" aria-label=\"\(label)\"><code\(cls)>\(body)</code></pre>\n"
}

/// The image of a paragraph that holds an image and nothing else (a figure), or nil.
func figureImage(_ node: Node) -> Node? {
    guard node.type == .paragraph, node.children.count == 1, node.children[0].type == .image else { return nil }
    // An image inside a tight list item's paragraph is inline, not a figure.
    if let item = node.parent, item.type == .item, let list = item.parent, case .list(_, tight: true) = list.kind { return nil }
    return node.children[0]
}
