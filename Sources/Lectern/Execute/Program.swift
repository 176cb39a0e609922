/// One piece of a lecture's program: a run cell, or an inline expression, in document order.
public enum ProgramItem: Equatable, Sendable {
    case cell(Cell)
    case inline(InlineExpression)

    /// The .md line it starts at: the cell's first code line, or the inline expression's line.
    var line: Int {
        switch self {
        case .cell(let c): return c.codeLine
        case .inline(let e): return e.line
        }
    }
}

extension Lecture {
    /// The run cells (except `expect-compile-error` ones) and the inline
    /// expressions, in document order: an inline expression comes after the cells above it.
    public var programItems: [ProgramItem] {
        var items: [ProgramItem] = []
        var inlines = self.inlines.makeIterator()
        var next = inlines.next()
        for cell in cells {
            while let e = next, e.cellsBefore <= cell.index { items.append(.inline(e)); next = inlines.next() }
            if cell.options.run && !cell.options.expectCompileError { items.append(.cell(cell)) }
        }
        while let e = next { items.append(.inline(e)); next = inlines.next() }
        return items
    }
}

/// The Swift program generated for one lecture: its run cells in document
/// order, sharing state like notebook cells, and its inline expressions.
///
/// The program does not say where on the page a cell stands: each cell is
/// wrapped in `#sourceLocation(file: "lectern-cell-N", line: 1)`, N its place
/// among the program's cells, and an inline expression in `lectern-inline-N`.
/// So prose that moves a cell down the page leaves the program, and the cache
/// entry keyed by it, as it was; ``location(file:line:column:)`` maps what the
/// compiler and the runtime say back to the .md file's current lines.
public struct Program: Equatable, Sendable {
    public var source: String
    /// The items it holds, in order; `cells[n]` is the cell in `lectern-cell-n`.
    public var items: [ProgramItem]
    public var cells: [Cell]
    public var inlines: [InlineExpression]

    /// The program for `items`, ending with the record that says the program ran to its end.
    public init(items: [ProgramItem], finish: Bool = true) {
        var out = Program.prologue
        var cells: [Cell] = [], inlines: [InlineExpression] = []
        for item in items {
            switch item {
            case .cell(let cell):
                out += Program.body(of: cell, slot: cells.count)
                cells.append(cell)
            case .inline(let e):
                // The expression starts a line of its own, so the compiler's columns are the expression's.
                out += "_lecternInline(\(inlines.count), {\n#sourceLocation(file: \"\(Program.inlineFile)\(inlines.count)\", line: 1)\n"
                out += "\(e.expression)\n#sourceLocation()\n}())\n"
                inlines.append(e)
            }
        }
        if finish { out += "_lecternFinish()\n" }
        self.source = out
        self.items = items
        self.cells = cells
        self.inlines = inlines
    }

    /// The whole lecture's program.
    public static func generate(for lecture: Lecture) -> Program {
        Program(items: lecture.programItems)
    }

    /// The program that an `expect-compile-error` cell is type-checked in: the
    /// items before it, then the cell itself.
    public static func compileErrorProbe(for cell: Cell, in lecture: Lecture) -> Program {
        var cell = cell
        cell.options.allowError = false
        let before = lecture.programItems.filter { item in
            switch item {
            case .cell(let c): return c.index < cell.index
            case .inline(let e): return e.cellsBefore <= cell.index
            }
        }
        return Program(items: before + [.cell(cell)], finish: false)
    }

    static let cellFile = "lectern-cell-"
    static let inlineFile = "lectern-inline-"

    static let prologue = """
        import Foundation
        import Notebook
        import PolicyGradient
        _lecternStart()

        """

    private static func body(of cell: Cell, slot: Int) -> String {
        var code = cell.code
        if !code.hasSuffix("\n") { code += "\n" }
        code = "#sourceLocation(file: \"\(cellFile)\(slot)\", line: 1)\n\(code)#sourceLocation()\n"
        let begin = cell.options.timeLimit.map { "_lecternBeginCell(\(slot), timeLimit: \($0))" } ?? "_lecternBeginCell(\(slot))"
        if cell.options.allowError {
            // Declarations of an allow-error cell stay local to it: it runs in a
            // child process, and the program goes on without it if it traps.
            return """
                \(begin)
                if _lecternTry(\(slot)) {
                \(code)_lecternEndCell(\(slot))
                _lecternTryEnd(\(slot))
                }

                """
        }
        return "\(begin)\n\(code)_lecternEndCell(\(slot))\n"
    }

    /// Where a position the compiler or the runtime names lies in the lecture:
    /// the item and the .md line and column; nil for a position outside every item.
    /// `file` may be a path or `Module/name` ending in a generated name.
    public func location(file: String, line: Int, column: Int?) -> (item: ProgramItem, line: Int, column: Int?)? {
        guard let (isCell, n) = Program.parseName(file) else { return nil }
        if isCell {
            guard n < cells.count else { return nil }
            return (.cell(cells[n]), cells[n].codeLine + max(line, 1) - 1, column)
        }
        guard n < inlines.count else { return nil }
        let e = inlines[n]
        // The code span's text starts at `column`; `{swift} ` comes before the expression.
        let start = e.column + inlineExpressionPrefix.count + 1
        return (.inline(e), e.line + max(line, 1) - 1, column.map { start + $0 - 1 })
    }

    /// The place among cells or inline expressions a generated file name stands for.
    static func parseName(_ file: String) -> (isCell: Bool, n: Int)? {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        for (prefix, isCell) in [(cellFile, true), (inlineFile, false)] where name.hasPrefix(prefix) {
            if let n = Int(name.dropFirst(prefix.count)) { return (isCell, n) }
        }
        return nil
    }

    /// `file:line[:col]` positions in `text` that name a generated file, rewritten to the lecture's.
    func mapPositions(in text: String, file lectureFile: String) -> String {
        var out = ""
        for (k, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if k > 0 { out += "\n" }
            out += mapPositions(inLine: String(line), file: lectureFile)
        }
        return out
    }

    private func mapPositions(inLine line: String, file lectureFile: String) -> String {
        var rest = Substring(line), out = ""
        while let r = rest.range(of: Program.cellFile) ?? rest.range(of: Program.inlineFile) {
            // The name's start: back over a path or module prefix.
            var start = r.lowerBound
            while start > rest.startIndex, let c = rest[rest.index(before: start)].unicodeScalars.first,
                  c != " ", c != "(", c != "\t" { start = rest.index(before: start) }
            var end = r.upperBound
            while end < rest.endIndex, rest[end].isNumber { end = rest.index(after: end) }
            let name = String(rest[start..<end])
            var numbers: [Int] = []
            var cursor = end
            while numbers.count < 2, cursor < rest.endIndex, rest[cursor] == ":" {
                let digits = rest[rest.index(after: cursor)...].prefix { $0.isNumber }
                guard let n = Int(digits) else { break }
                numbers.append(n)
                cursor = digits.endIndex
            }
            if let first = numbers.first, let mapped = location(file: name, line: first, column: numbers.count > 1 ? numbers[1] : nil) {
                out += rest[..<start] + "\(lectureFile):\(mapped.line)" + (mapped.column.map { ":\($0)" } ?? "")
                rest = rest[cursor...]
            } else {
                out += rest[..<end]
                rest = rest[end...]
            }
        }
        return out + rest
    }
}
