import CommonMark

/// The body HTML of a lecture page: cmark's rendering of the prose, with cells,
/// inline values and headings rendered by Lectern.
func renderBody(_ lecture: Lecture, run: LectureRun?, droppingHeading dropped: Int? = nil) -> String {
    let cellsByLine = Dictionary(uniqueKeysWithValues: lecture.cells.map { ($0.fenceLine, $0) })
    let outputLines = Set(lecture.cells.compactMap { $0.expectedOutput?.line })
    let inlinesByPosition = Dictionary(uniqueKeysWithValues: lecture.inlines.map { ("\($0.line):\($0.column)", $0) })
    var headings = lecture.headings.enumerated().makeIterator()
    var formatter = HTMLFormatter(overriding: [.heading, .codeBlock, .math, .code]) { node, formatter in
        switch node.type {
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
