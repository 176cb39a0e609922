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
    let formatter = HTMLFormatter(overriding: [.heading, .codeBlock, .text, .code]) { node, formatter in
        switch node.type {
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
        case .text:
            return node.withLiteral { text in
                guard containsMathPlaceholder(text) else { return nil }
                return replacingMathPlaceholders(in: text, escaping: true, keepingPunctuation: true) { i, display in
                    let ml = i < lecture.mathML.count ? lecture.mathML[i] : ""
                    // A display formula scrolls in its own box when it is wider than the page,
                    // reachable from the keyboard.
                    if display { return "<span class=\"math-display\" tabindex=\"0\" role=\"group\" aria-label=\"Formula\">\(ml)</span>" }
                    // So does a long inline one: it can be wider than a phone's screen, and a formula does not wrap.
                    let long = i < lecture.math.count && lecture.math[i].tex.count > wideInlineMath
                    return long ? "<span class=\"math-wide\" tabindex=\"0\" role=\"group\" aria-label=\"Formula\">\(ml)</span>" : ml
                }
            }
        case .code:
            guard node.withLiteral({ $0.starts(with: inlineExpressionPrefix.utf8) }),
                  let inline = inlinesByPosition["\(node.range.startLine):\(node.range.startColumn)"] else { return nil }
            let value = run?.inlineValues[inline.index] ?? "?"
            return "<span class=\"inline-value\" title=\"\(escapeHTML(inline.expression))\">\(escapeHTML(value))</span>"
        default:
            return nil
        }
    }
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
