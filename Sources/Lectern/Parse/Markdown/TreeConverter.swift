import CommonMark

/// A node of the tree the Markdown passes work on: cmark's node, changeable.
final class MDNode {
    var kind: Node.Kind
    var range: SourceRange
    var children: [MDNode] = []
    /// A list item's task state (`- [ ]`, `- [x]`), and whether it may have one.
    var task: Bool?
    var taskAllowed = false
    /// For a math node, the span it shows; for a marker, the span a later piece belongs to.
    var span: Int?
    /// A placeholder for a piece of a multi-line span after its first: removed, with what
    /// lies between, once the span is known to be math.
    var isMarker = false
    /// The piece a math node or marker stands for.
    var piece = 0

    /// Takes a tree apart node by node: releasing a deep tree at once would recurse
    /// as deep as it nests.
    static func dismantle(_ root: MDNode) {
        var stack = [root]
        while let node = stack.popLast() {
            stack += node.children
            node.children = []
        }
    }

    init(_ kind: Node.Kind, range: SourceRange, children: [MDNode] = []) {
        self.kind = kind
        self.range = range
        self.children = children
    }
}

/// Copies cmark's tree into ``MDNode``s: tokens in text become math nodes, tokens
/// anywhere else are put back as the text they replaced, and the paragraphs that hold
/// pipe tables become tables.
struct TreeConverter {
    var reader: MarkdownReader
    /// The math spans that are math in the finished tree, in document order.
    var math: [MathSpan] = []

    mutating func convertDocument(_ document: Node) -> MDNode {
        let root = MDNode(.document, range: document.range)
        convert(children: document.children, into: root, rangeOverride: nil)
        settleMath(root)
        return root
    }

    /// Converts `nodes` and their descendants (with an explicit stack) under `parent`.
    /// `rangeOverride` gives every node one range (the nodes of a table cell's own parse).
    mutating func convert(children nodes: some Collection<Node>, into parent: MDNode, rangeOverride: SourceRange?) {
        var stack: [(Node, MDNode)] = nodes.reversed().map { ($0, parent) }
        while let (node, into) = stack.popLast() {
            let range = rangeOverride ?? node.range
            if node.type == .paragraph, rangeOverride == nil,
               let table = reader.tables[.init(line: node.range.startLine, column: node.range.startColumn)] {
                into.children += makeTable(table, range: range)
                continue
            }
            if node.type == .text {
                into.children += splitText(node, range: range)
                continue
            }
            let copy = MDNode(restoredKind(node), range: range)
            if node.type == .item { copy.taskAllowed = startsLine(node.range) }
            into.children.append(copy)
            stack += node.children.reversed().map { ($0, copy) }
        }
    }

    /// Whether only spaces come before `range`'s start on its line: cmark-gfm reads a
    /// task marker only in an item whose marker is the first on its line.
    private func startsLine(_ range: SourceRange) -> Bool {
        let line = reader.source.line(range.startLine)
        let end = min(line.upperBound, line.lowerBound + max(0, range.startColumn - 1))
        return reader.source.bytes[line.lowerBound..<end].allSatisfy(SourceLines.isSpace)
    }

    /// The node's kind with tokens in its strings put back as source text.
    private func restoredKind(_ node: Node) -> Node.Kind {
        switch node.kind {
        case .code(let s): return .code(reader.restored(s.utf8))
        case .htmlInline(let s): return .htmlInline(reader.restored(s.utf8))
        case .htmlBlock(let s): return .htmlBlock(reader.restored(s.utf8))
        case .codeBlock(let info, let literal): return .codeBlock(info: reader.restored(info.utf8), literal: reader.restored(literal.utf8))
        case .link(let d, let t): return .link(destination: reader.restored(d.utf8), title: reader.restored(t.utf8))
        case .image(let d, let t): return .image(destination: reader.restored(d.utf8), title: reader.restored(t.utf8))
        case let kind: return kind
        }
    }

    /// A text node cut at its tokens: text, math nodes and markers.
    private func splitText(_ node: Node, range: SourceRange) -> [MDNode] {
        let bytes = node.withLiteral { Array($0) }
        let tokens = reader.tokens(in: bytes)
        if tokens.isEmpty { return [MDNode(.text(String(decoding: bytes, as: UTF8.self)), range: range)] }
        var out: [MDNode] = []
        var copied = 0
        for (r, id) in tokens {
            if r.lowerBound > copied { out.append(MDNode(.text(String(decoding: bytes[copied..<r.lowerBound], as: UTF8.self)), range: range)) }
            let spanIndex = reader.pieceSpan[id]
            let span = reader.found[spanIndex]
            let first = span.pieces.first == id
            let m = MDNode(first ? .math(tex: span.tex, display: span.display, index: 0) : .text(""), range: range)
            m.span = spanIndex
            m.piece = id
            m.isMarker = !first
            out.append(m)
            copied = r.upperBound
        }
        if copied < bytes.count { out.append(MDNode(.text(String(decoding: bytes[copied...], as: UTF8.self)), range: range)) }
        return out
    }

    /// A table (and the paragraph of the lines before its header), each cell parsed on its own.
    private mutating func makeTable(_ table: PipeTable, range: SourceRange) -> [MDNode] {
        var out: [MDNode] = []
        if !table.leading.isEmpty {
            let region = Region(segments: table.leading, of: reader.source)
            let lastLine = range.startLine + table.leadingLines - 1
            let paragraph = MDNode(.paragraph, range: SourceRange(startLine: range.startLine, startColumn: range.startColumn,
                                                                 endLine: lastLine, endColumn: table.leading.last.map { $0.count } ?? 1))
            convert(children: parseInline(reader.tokenized(region)), into: paragraph,
                    rangeOverride: paragraph.range)
            out.append(paragraph)
        }
        let tableStart = range.startLine + table.leadingLines
        let node = MDNode(.table, range: SourceRange(startLine: tableStart, startColumn: range.startColumn,
                                                     endLine: range.endLine, endColumn: range.endColumn))
        for (r, cells) in table.rows.enumerated() {
            let line = r == 0 ? tableStart : tableStart + r + 1
            let lineRange = SourceRange(startLine: line, startColumn: 1, endLine: line, endColumn: 1)
            let row = MDNode(.tableRow(header: r == 0), range: lineRange)
            for (c, cell) in cells.enumerated() {
                let cellRange = cell.origin.first.map { start -> SourceRange in
                    let (l, col) = reader.source.position(start)
                    return SourceRange(startLine: l, startColumn: col, endLine: l, endColumn: col + cell.bytes.count)
                } ?? lineRange
                let cellNode = MDNode(.tableCell(table.alignments[c]), range: cellRange)
                if !cell.bytes.isEmpty {
                    convert(children: parseInline(reader.tokenized(cell)), into: cellNode, rangeOverride: cellRange)
                }
                row.children.append(cellNode)
            }
            node.children.append(row)
        }
        out.append(node)
        return out
    }

    /// The inline nodes of `bytes` parsed as one paragraph. A text that would start
    /// another block (`# x`, `- x`, `1. x`) has its first marker character escaped.
    private func parseInline(_ bytes: [UInt8]) -> [Node] {
        let doc = CommonMark.parse(String(decoding: bytes, as: UTF8.self))
        if doc.children.count == 1, doc.children[0].type == .paragraph, doc.children[0].range.startColumn == 1 {
            return Array(doc.children[0].children)
        }
        var escaped = bytes
        var k = 0
        while k < escaped.count, InlineSyntax.isDigit(escaped[k]) { k += 1 }
        if k < escaped.count, escaped[k] < 0x80, !InlineSyntax.isASCIILetter(escaped[k]), escaped[k] > 0x20 {
            escaped.insert(UInt8(ascii: "\\"), at: k)
        }
        let again = CommonMark.parse(String(decoding: escaped, as: UTF8.self))
        if let p = again.children.first, p.type == .paragraph, again.children.count == 1 { return Array(p.children) }
        // Not one paragraph even so: keep the inlines of whatever blocks it made.
        return again.children.flatMap { Array($0.children) }
    }

    /// Keeps a span as math only when all its pieces are in text nodes of one parent,
    /// and removes what lies between the pieces of a multi-line span; any other span
    /// goes back to its source text. Numbers the math nodes in document order.
    private mutating func settleMath(_ root: MDNode) {
        // Pass 1: where each span's pieces are.
        var parents: [Int: Set<ObjectIdentifier>] = [:]
        var pieces: [Int: Int] = [:]
        var stack = [root]
        while let node = stack.popLast() {
            for child in node.children {
                if let s = child.span {
                    parents[s, default: []].insert(ObjectIdentifier(node))
                    pieces[s, default: 0] += 1
                }
                stack.append(child)
            }
        }
        func valid(_ s: Int) -> Bool {
            parents[s]?.count == 1 && pieces[s] == reader.found[s].pieces.count
        }
        // Pass 2: in document order, settle each children list.
        stack = [root]
        while let node = stack.popLast() {
            var kept: [MDNode] = []
            var skippingUntil: Int?
            for child in node.children {
                if let piece = skippingUntil {
                    if child.isMarker, child.piece == piece { skippingUntil = nil }
                    continue
                }
                guard let s = child.span else {
                    kept.append(child)
                    continue
                }
                if valid(s) {
                    if child.isMarker { continue }
                    let span = reader.found[s]
                    kept.append(child)
                    if span.pieces.count > 1, let last = span.pieces.last { skippingUntil = last }
                } else {
                    child.kind = .text(String(decoding: reader.pieceText[child.piece], as: UTF8.self))
                    child.span = nil
                    child.isMarker = false
                    kept.append(child)
                }
            }
            node.children = kept
            stack += kept.reversed()
        }
        // Pass 3: number the math nodes in document order.
        stack = [root]
        while let node = stack.popLast() {
            if let s = node.span, !node.isMarker {
                let span = reader.found[s]
                node.kind = .math(tex: span.tex, display: span.display, index: math.count)
                math.append(MathSpan(tex: span.tex, display: span.display, line: span.line, column: span.column))
            }
            stack += node.children.reversed()
        }
    }
}
