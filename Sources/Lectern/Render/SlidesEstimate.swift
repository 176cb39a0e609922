import CommonMark

// How tall each slide's content will be, worked out at build time from the blocks and
// the run (no browser): a slide whose content is estimated taller than its frame is a
// warning at the slide's line, so that nothing is cut off silently. The figures follow
// `slides.css` (1280×720 frames, 28 px text, 19 px code); the estimate errs on the tall
// side, and the slides test measures the real heights in Chromium.

/// The room a slide has for its content, in CSS pixels (720 less the frame's padding).
let slideContentHeight = 618.0
/// The width of a slide's content, in CSS pixels.
let slideContentWidth = 1136.0

/// Warnings for the slides of `lecture` whose content is estimated taller than a slide.
func slideOverflowWarnings(_ lecture: Lecture, run: LectureRun?) -> [Diagnostic] {
    guard lecture.frontMatter.slides else { return [] }
    let estimator = SlideEstimator(lecture: lecture, run: run)
    var warnings: [Diagnostic] = []
    for (k, slide) in splitSlides(lecture).enumerated() where slide.kind != .title {
        let height = estimator.height(of: slide)
        if height > slideContentHeight {
            warnings.append(Diagnostic(
                file: lecture.file, line: slide.line, severity: .warning,
                "slide \(k + 1) is too tall: its content is about \(Int(height.rounded())) px high and a slide has room for \(Int(slideContentHeight)) px; split it with a '---' line, or keep a cell's code off the slides with slides=output or slides=false"))
        }
    }
    return warnings
}

/// Block heights in CSS pixels, from text lengths and line counts.
struct SlideEstimator {
    let lecture: Lecture
    let run: LectureRun?
    let cellsByLine: [Int: Cell]
    let inlineValues: [String: String]

    init(lecture: Lecture, run: LectureRun?) {
        self.lecture = lecture
        self.run = run
        cellsByLine = Dictionary(uniqueKeysWithValues: lecture.cells.map { ($0.fenceLine, $0) })
        inlineValues = Dictionary(uniqueKeysWithValues: lecture.inlines.map {
            ("\($0.line):\($0.column)", run?.inlineValues[$0.index] ?? "?")
        })
    }

    /// A node's text as shown: an inline expression is its value, not its code.
    func shownText(_ node: Node, math: (_ tex: String, _ display: Bool) -> String = { tex, _ in tex }) -> String {
        switch node.kind {
        case .text(let text): return text
        case .softBreak, .lineBreak: return " "
        case .code(let code):
            return inlineValues["\(node.range.startLine):\(node.range.startColumn)"] ?? code
        case .math(let tex, let display, _): return math(tex, display)
        default: return node.children.map { shownText($0, math: math) }.joined()
        }
    }

    // Sizes from slides.css.
    static let textLine = 28 * 1.35, textChar = 15.2, codeLine = 19 * 1.4
    static let blockGap = 16.0, plotHeight = 380.0

    /// The height of the slide's plots: 380 px, or taller when the slide has room to
    /// spare (up to 560 px), keeping 40 px of the room free for the estimate's error.
    func plotHeight(of slide: Slide) -> Double {
        let plots = plotCount(of: slide)
        guard plots > 0 else { return Self.plotHeight }
        let spare = slideContentHeight - height(of: slide) - 40
        return spare > 0 ? min(560, Self.plotHeight + (spare / Double(plots)).rounded(.down)) : Self.plotHeight
    }

    /// How many plots the slide shows.
    func plotCount(of slide: Slide) -> Int {
        var count = 0
        for block in slide.blocks {
            guard let cell = cellsByLine[block.range.startLine], cell.options.slides != .hidden, !cell.options.hideOutput,
                  let result = run?.cells[cell.index] else { continue }
            for case .record(let record) in result.outputs where record.kind == "plot" { count += 1 }
        }
        return count
    }

    func height(of slide: Slide) -> Double {
        var total = slide.continued ? 38.0 : 0
        for block in slide.blocks { total += height(of: block, width: slideContentWidth) }
        return total - Self.blockGap  // the last block has no margin below it
    }

    func height(of node: Node, width: Double) -> Double {
        switch node.kind {
        case .heading(let level):
            let size = level <= 2 ? 44.0 : level == 3 ? 32 : 28
            let lines = wrappedLines(textLength(node), charWidth: size * 0.64, width: width)
            return lines * size * 1.2 + (level <= 2 ? 28 : 34)
        case .paragraph:
            return paragraphHeight(node, width: width) + Self.blockGap
        case .list:
            var total = Self.blockGap
            for item in node.children {
                for child in item.children { total += height(of: child, width: width - 45) - Self.blockGap }
                total += 4
            }
            return total
        case .blockQuote:
            return node.children.reduce(Self.blockGap + 8) { $0 + height(of: $1, width: width - 40) }
        case .codeBlock(_, let literal):
            if isNotesBlock(node) { return 0 }
            if let cell = cellsByLine[node.range.startLine] { return cellHeight(cell, width: width) }
            if lecture.cells.contains(where: { $0.expectedOutput?.line == node.range.startLine }) { return 0 }
            return codeHeight(literal, width: width) + Self.blockGap
        case .htmlBlock(let html):
            if html.contains("<img") || html.contains("<svg") || html.contains("<video") { return 400 }
            return Double(lineCount(html)) * Self.textLine + Self.blockGap
        case .thematicBreak:
            return 0
        case .table:
            // A pipe table: one line per row (its header included), as the page's tables are set.
            return Double(node.children.count) * 40 + 24 + Self.blockGap
        default:
            return Self.textLine + Self.blockGap
        }
    }

    /// A paragraph: its text wrapped at the slide's width, each display formula on lines of its own.
    private func paragraphHeight(_ node: Node, width: Double) -> Double {
        var length = 0, height = 0.0
        if node.children.contains(where: { if case .image = $0.kind { return true }; return false }) { return 400 }
        let text = shownText(node) { tex, display in
            if display {
                height += displayMathHeight(tex)
                return "\n"
            }
            return String(repeating: "x", count: mathWidth(tex))
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            length = line.count
            if length > 0 { height += wrappedLines(length, charWidth: Self.textChar, width: width) * Self.textLine }
        }
        return height
    }

    private func cellHeight(_ cell: Cell, width: Double) -> Double {
        if cell.options.slides == .hidden { return 0 }
        var parts: [Double] = []
        if !cell.options.hideCode && cell.options.slides != .outputOnly { parts.append(codeHeight(cell.code, width: width)) }
        if cell.options.run, !cell.options.hideOutput, let result = run?.cells[cell.index] {
            for output in result.outputs {
                switch output {
                case .text(let text):
                    parts.append(codeHeight(text, width: width) + 8)
                case .record(let record):
                    parts.append(recordHeight(record, width: width))
                case .check(let check):
                    parts.append(badgeHeight(check.name.count + 8, width: width))  // compact: mark and name
                }
            }
            if !result.stderr.isEmpty { parts.append(codeHeight(result.stderr, width: width) + 8) }
            if cell.expectedOutput != nil { parts.append(badgeHeight(40, width: width)) }
        }
        if let errors = run?.compileErrors[cell.index], !errors.isEmpty {
            parts.append(codeHeight(errors.joined(separator: "\n"), width: width))
        }
        let inner = parts.reduce(0, +) + Double(max(parts.count - 1, 0)) * 10
        return inner + 28
    }

    private func recordHeight(_ record: Record, width: Double) -> Double {
        switch record.kind {
        case "plot":
            return Self.plotHeight
        case "table":
            let rows = record.fields["rows"]?.array?.count ?? 0
            let caption = record.fields["caption"]?.string == nil ? 0.0 : 30
            return Double(rows + 1) * 36 + caption + 24
        default:
            return 0
        }
    }

    private func badgeHeight(_ characters: Int, width: Double) -> Double {
        wrappedLines(characters, charWidth: 10.8, width: width - 28) * 27 + 10
    }

    private func codeHeight(_ code: String, width: Double) -> Double {
        // Code does not wrap: one line of the slide per line of code.
        var lines = Double(code.split(separator: "\n", omittingEmptySubsequences: false).count)
        if code.hasSuffix("\n") { lines -= 1 }
        return max(lines, 1) * Self.codeLine + 24
    }

    /// The characters of a node's text, inline math counted by its estimated width.
    private func textLength(_ node: Node) -> Int {
        let text = shownText(node) { tex, _ in String(repeating: "x", count: mathWidth(tex)) }
        return text.count
    }
}

/// Lines taken by `characters` characters at `charWidth` pixels each in `width` pixels.
private func wrappedLines(_ characters: Int, charWidth: Double, width: Double) -> Double {
    guard characters > 0 else { return 0 }
    let perLine = max(1, (width / charWidth).rounded(.down))
    return (Double(characters) / perLine).rounded(.up)
}

/// A formula's width in characters of text: its TeX without command names and braces.
private func mathWidth(_ tex: String) -> Int {
    var count = 0
    var inCommand = false
    for ch in tex {
        if ch == "\\" { inCommand = true; count += 1; continue }
        if inCommand { if ch.isLetter { continue }; inCommand = false }
        if ch == "{" || ch == "}" || ch == "_" || ch == "^" || ch == " " { continue }
        count += 1
    }
    // Math is set larger than text, in italics, with room around operators.
    return max(1, Int((Double(count) * 1.3).rounded(.up)))
}

/// A display formula's height: taller with sums, fractions and big delimiters.
private func displayMathHeight(_ tex: String) -> Double {
    let tall = ["\\sum", "\\frac", "\\left", "\\prod", "\\int", "\\begin"].contains { tex.contains($0) }
    return tall ? 112 : 60
}

/// The characters of HTML as shown: tags left out.
private func visibleLength(_ html: String) -> Int {
    var count = 0, inTag = false
    for ch in html {
        if ch == "<" { inTag = true } else if ch == ">" { inTag = false } else if !inTag, ch != "\n" { count += 1 }
    }
    return count
}

private func lineCount(_ text: String) -> Int { text.split(separator: "\n").count }
