import CommonMark

/// The options of a ` ```swift ` cell, from its info string.
public struct CellOptions: Equatable, Sendable {
    public var run = false
    public var hideCode = false
    public var hideOutput = false
    public var allowError = false
    public var expectCompileError = false
    /// The code shown collapsed to a one-line summary the reader can open (`fold`).
    public var fold = false
    /// A time limit for this cell alone, in whole seconds (`timeout=10`).
    public var timeLimit: Int?
    /// How the cell shows on the lecture's slides (`slides=false`, `slides=output`).
    public var slides: SlideVisibility = .shown

    public enum SlideVisibility: String, Equatable, Sendable {
        /// As on the page.
        case shown
        /// Left off the slides (`slides=false`).
        case hidden = "false"
        /// Only what the cell produced, without its code (`slides=output`).
        case outputOnly = "output"
    }

    public static let known = ["run", "hide-code", "hide-output", "allow-error", "expect-compile-error", "fold", "timeout=SECONDS",
                               "slides=false", "slides=output"]

    public init() {}
}

/// A Swift code cell of a lecture.
public struct Cell: Equatable, Sendable {
    /// Position among the lecture's cells (0-based, document order, run or not).
    public var index: Int
    /// The line of the opening fence in the .md file.
    public var fenceLine: Int
    /// The line of the first line of code (the fence line + 1).
    public var codeLine: Int { fenceLine + 1 }
    public var code: String
    public var options: CellOptions
    /// The ` ```output ` block right after the cell, with its fence line.
    public var expectedOutput: ExpectedOutput?

    public struct ExpectedOutput: Equatable, Sendable {
        public var text: String
        public var line: Int
    }
}

/// An inline expression `` `{swift} expr` `` in prose.
public struct InlineExpression: Equatable, Sendable {
    public var index: Int
    public var expression: String
    public var line: Int
    public var column: Int
    /// How many cells come before it in the document: it is evaluated after them.
    public var cellsBefore: Int
}

/// One lecture, parsed.
public struct Lecture: Sendable {
    /// The path as shown in diagnostics, e.g. `lectures/23-rl.md`.
    public var file: String
    /// The folder the file is in on disk, when `file` is a name to show rather than
    /// a path from the working directory (see ``lectureName(_:in:)``).
    public var directory: String?
    /// Where the file is on disk, to read it again (its name to show is `file`).
    public var sourcePath: String { directory.map { $0 + "/" + splitPath(file).name } ?? file }
    /// The output name: the file name without `.md`.
    public var slug: String
    public var frontMatter: FrontMatter
    public var document: Node
    public var cells: [Cell]
    public var inlines: [InlineExpression]
    /// The math spans, in document order; the document's math nodes index them.
    public var math: [MathSpan] = []
    /// The MathML of each math span.
    public var mathML: [String] = []

    /// Links to other lectures' Markdown files, by destination as written, and the
    /// page links they become (set when the site's links are resolved).
    public var linkRewrites: [String: String] = [:]

    /// The ids a link can point at on this page: its headings' and its figures'.
    public var anchorIDs: Set<String> {
        Set(headings.map(\.id)).union((0..<figureCount).map { "figure-\($0 + 1)" })
    }

    /// How many figures (images alone in their paragraph) the page has.
    public var figureCount: Int {
        var count = 0
        var stack = [document]
        while let node = stack.popLast() {
            if figureImage(node) != nil { count += 1 }
            switch node.type {
            case .document, .blockQuote, .list, .item, .customBlock: stack += node.children.reversed()
            default: break
            }
        }
        return count
    }

    /// Warnings found while parsing (an unclosed `$$`, ...): printed, and errors under `--strict`.
    public var warnings: [Diagnostic] = []

    public var runCells: [Cell] { cells.filter { $0.options.run } }

    /// The title: from the front matter, else the first heading, else the file name.
    public var title: String {
        if let title = frontMatter.title { return title }
        return headings.first?.title ?? slug
    }

    /// The page's headings with their anchors, in order; math in a title reads as its TeX.
    /// Set once by the parser.
    public var headings: [HeadingEntry] = []

    /// Works out ``headings`` from the document.
    func computeHeadings() -> [HeadingEntry] {
        headingEntries(document)
    }

    /// The lecture number: from the front matter, else the file name's leading digits (`23-rl.md`).
    public var number: Int? {
        frontMatter.lecture ?? Int(slug.prefix { $0.isNumber })
    }
}

/// The prefix that marks an inline expression inside a code span.
let inlineExpressionPrefix = "{swift}"

/// Finds cells and inline expressions in a parsed document.
///
/// - Throws: ``Diagnostics`` for unknown cell options and misplaced ones.
func collectCells(in document: Node, file: String) throws(Diagnostics) -> (cells: [Cell], inlines: [InlineExpression]) {
    var cells: [Cell] = []
    var inlines: [InlineExpression] = []
    var problems: [Diagnostic] = []

    func visit(_ node: Node) {
        var previousCellIndex: Int?
        for child in node.children {
            switch child.type {
            case .codeBlock:
                guard case .codeBlock(let info, let literal) = child.kind else { continue }
                let words = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                if words.first == "swift" {
                    do {
                        let options = try parseOptions(Array(words.dropFirst()), file: file, line: child.range.startLine)
                        cells.append(Cell(index: cells.count, fenceLine: child.range.startLine, code: literal, options: options))
                        previousCellIndex = options.run ? cells.count - 1 : nil
                    } catch {
                        problems.append(error)
                        previousCellIndex = nil
                    }
                    continue
                }
                if words.first == "output" {
                    if let i = previousCellIndex {
                        cells[i].expectedOutput = .init(text: literal, line: child.range.startLine)
                    } else {
                        problems.append(Diagnostic(file: file, line: child.range.startLine, column: child.range.startColumn,
                                                   "an ```output block must come right after a ```swift run cell"))
                    }
                }
                previousCellIndex = nil
            case .code:
                previousCellIndex = nil
                collectInline(child)
            case .text, .softBreak, .lineBreak, .htmlInline, .htmlBlock, .thematicBreak:
                previousCellIndex = nil
            default:
                previousCellIndex = nil
                visit(child)
            }
        }
    }

    func collectInline(_ node: Node) {
        let isExpression = node.withLiteral { $0.starts(with: inlineExpressionPrefix.utf8) }
        guard isExpression, case .code(let literal) = node.kind else { return }
        let expression = literal.dropFirst(inlineExpressionPrefix.count).trimmingCharacters(in: " ")
        if expression.isEmpty {
            problems.append(Diagnostic(file: file, line: node.range.startLine, column: node.range.startColumn,
                                       "empty inline expression; write `{swift} expression`"))
            return
        }
        inlines.append(InlineExpression(index: inlines.count, expression: expression,
                                        line: node.range.startLine, column: node.range.startColumn,
                                        cellsBefore: cells.count))
    }

    visit(document)
    if !problems.isEmpty { throw Diagnostics(problems) }
    return (cells, inlines)
}

private func parseOptions(_ words: [String], file: String, line: Int) throws(Diagnostic) -> CellOptions {
    var options = CellOptions()
    for word in words {
        switch word {
        case "run": options.run = true
        case "hide-code": options.hideCode = true
        case "hide-output": options.hideOutput = true
        case "allow-error": options.allowError = true
        case "expect-compile-error": options.expectCompileError = true
        case "fold": options.fold = true
        case _ where word.hasPrefix("timeout="):
            guard let seconds = Int(word.dropFirst("timeout=".count)), (1...maximumTimeoutSeconds).contains(seconds) else {
                throw Diagnostic(file: file, line: line, "cell option '\(word)' needs a whole number of seconds from 1 to \(maximumTimeoutSeconds), as in timeout=10")
            }
            options.timeLimit = seconds
        case _ where word.hasPrefix("slides="):
            guard let shown = CellOptions.SlideVisibility(rawValue: String(word.dropFirst("slides=".count))),
                  shown != .shown else {
                throw Diagnostic(file: file, line: line, "cell option '\(word)' must be slides=false (off the slides) or slides=output (only its output on the slides)")
            }
            options.slides = shown
        default:
            var message = "unknown cell option '\(word)'"
            if let near = suggestion(for: word, among: CellOptions.known) { message += "; did you mean '\(near)'?" }
            message += " (known options: \(CellOptions.known.joined(separator: ", ")))"
            throw Diagnostic(file: file, line: line, message)
        }
    }
    if !options.run && (options.hideCode || options.hideOutput || options.allowError || options.timeLimit != nil
                        || options.slides == .outputOnly) {
        throw Diagnostic(file: file, line: line, "cell options \(words.joined(separator: " ")) need 'run': write ```swift run \(words.joined(separator: " "))")
    }
    if options.fold && options.hideCode {
        throw Diagnostic(file: file, line: line, "a cell cannot be both 'fold' and 'hide-code': fold shows the code collapsed, hide-code leaves it out")
    }
    if options.expectCompileError && options.allowError {
        throw Diagnostic(file: file, line: line, "a cell cannot be both 'expect-compile-error' and 'allow-error'")
    }
    if options.expectCompileError { options.run = true }
    return options
}

extension Substring {
    func trimmingCharacters(in set: Character) -> String {
        var s = self
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}
