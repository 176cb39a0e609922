import CommonMark

/// The body HTML of a lecture page: cmark's rendering of the prose, with cells,
/// inline values and headings rendered by Lectern.
func renderBody(_ lecture: Lecture, run: LectureRun?, droppingHeading dropped: Int? = nil) -> String {
    let cellsByLine = Dictionary(uniqueKeysWithValues: lecture.cells.map { ($0.fenceLine, $0) })
    let outputLines = Set(lecture.cells.compactMap { $0.expectedOutput?.line })
    let inlinesByPosition = Dictionary(uniqueKeysWithValues: lecture.inlines.map { ("\($0.line):\($0.column)", $0) })
    var headings = lecture.headings.enumerated().makeIterator()
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
            if let cell = cellsByLine[node.range.startLine] {
                return renderCell(cell, result: run?.cells[cell.index], compileErrors: run?.compileErrors[cell.index] ?? [],
                                  notRunReason: run?.notRunReason ?? "not run")
            }
            if outputLines.contains(node.range.startLine) { return "" }
            return nil
        case .math:
            guard case .math(_, _, let i) = node.kind, i < lecture.mathML.count else { return nil }
            return lecture.mathML[i]
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
    return formatter.render(lecture.document)
}

/// The image of a paragraph that holds an image and nothing else (a figure), or nil.
func figureImage(_ node: Node) -> Node? {
    guard node.type == .paragraph, node.children.count == 1, node.children[0].type == .image else { return nil }
    // An image inside a tight list item's paragraph is inline, not a figure.
    if let item = node.parent, item.type == .item, let list = item.parent, case .list(_, tight: true) = list.kind { return nil }
    return node.children[0]
}
