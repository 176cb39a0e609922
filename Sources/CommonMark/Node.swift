/// A position range in the source text, 1-based, as cmark reports it with
/// `CMARK_OPT_SOURCEPOS`. Columns count bytes of the line, as cmark does.
public struct SourceRange: Sendable, Equatable, CustomStringConvertible {
    public var startLine: Int
    public var startColumn: Int
    public var endLine: Int
    public var endColumn: Int

    public init(startLine: Int, startColumn: Int, endLine: Int, endColumn: Int) {
        self.startLine = startLine
        self.startColumn = startColumn
        self.endLine = endLine
        self.endColumn = endColumn
    }

    public var description: String { "\(startLine):\(startColumn)-\(endLine):\(endColumn)" }
}

/// The type of a ``Node``, without its contents: cheap to read while walking a tree.
public enum NodeType: UInt8, Sendable, CaseIterable {
    // Blocks
    case document, blockQuote, list, item, codeBlock, htmlBlock, customBlock, paragraph, heading, thematicBreak
    // Inlines
    case text, softBreak, lineBreak, code, htmlInline, customInline, emphasis, strong, link, image
    // Extensions, made by passes over the copied tree (see ``TreeBuilder``), never by cmark
    case table, tableRow, tableCell, footnoteDefinition
    case strikethrough, math, footnoteReference
}

/// How a table column is aligned (the colons of its delimiter row).
public enum TableAlignment: UInt8, Sendable {
    case none, left, center, right
}

/// A parsed CommonMark document, copied out of cmark's tree: every node in one
/// array in document order, each node's children in one list, and all their text
/// in one byte buffer. Immutable once built, so its nodes can be read from any thread.
///
/// No C pointer survives parsing: a ``Node`` is a position in this storage.
final class Tree: Sendable {
    /// One node. Indices are 32-bit (a document under 1 GiB has fewer nodes than bytes);
    /// text offsets are not, as one long link destination may be copied into every
    /// link that refers to it. Strings are byte ranges of `text`: `first` holds a literal, a code
    /// block's info, a link's destination or a custom node's on-enter text; `second`
    /// a code block's literal, a link's title or a custom node's on-exit text.
    struct Record {
        var type: NodeType
        /// A list: bit 0 tight, bit 1 ordered, bit 2 ")" delimiter. An item: bit 0 a task,
        /// bit 1 checked. A table row: bit 0 header. A table cell: its ``TableAlignment``.
        /// Math: bit 0 display.
        var flags: UInt8 = 0
        /// A heading's level, an ordered list's start, a math span's index or a footnote's number.
        var number: Int32 = 0
        var startLine: Int32, startColumn: Int32, endLine: Int32, endColumn: Int32
        var parent: Int32
        var firstChild: Int32 = 0
        var childCount: Int32 = 0
        var first: Range<Int> = 0..<0
        var second: Range<Int> = 0..<0
    }

    let records: [Record]
    /// Each node's children, as indices into `records`: `records[i].childCount`
    /// entries from `records[i].firstChild`.
    let childIndices: [Int32]
    let text: [UInt8]

    init(records: [Record], childIndices: [Int32], text: [UInt8]) {
        self.records = records
        self.childIndices = childIndices
        self.text = text
    }

    /// A tree from nodes in document order, each naming its parent and how many
    /// children it has: lays out every node's children list, filled in document order.
    init(linking records: [Record], text: [UInt8]) {
        var records = records
        var next: Int32 = 0
        for i in records.indices {
            records[i].firstChild = next
            next += records[i].childCount
        }
        var childIndices = [Int32](repeating: 0, count: Int(next))
        var filled = [Int32](repeating: 0, count: records.count)
        for i in records.indices.dropFirst() {
            let p = Int(records[i].parent)
            childIndices[Int(records[p].firstChild + filled[p])] = Int32(i)
            filled[p] += 1
        }
        self.records = records
        self.childIndices = childIndices
        self.text = text
    }

    /// A document with nothing in it.
    static let empty = Tree(records: [Record(type: .document, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1, parent: -1)],
                            childIndices: [], text: [])

    func string(_ range: Range<Int>) -> String {
        text.withUnsafeBufferPointer { String(decoding: $0[range], as: UTF8.self) }
    }
}

/// One node of a parsed CommonMark document: its type, its source range, its
/// children and its text.
///
///     let doc = CommonMark.parse("# Hi *there*\n")
///     doc.children[0].kind              // .heading(level: 1)
///     doc.children[0].range             // 1:1-1:12
///     doc.children[0].plainText         // "Hi there"
///
/// A node is a small value that refers to its document's storage; walking a tree
/// copies no text (``type`` and ``withLiteral(_:)`` read it in place).
public struct Node: Sendable {
    public enum ListKind: Sendable, Equatable {
        case bullet
        case ordered(start: Int, delimiter: Character)
    }

    /// A node's type with its contents.
    public enum Kind: Sendable, Equatable {
        // Blocks
        case document
        case blockQuote
        case list(ListKind, tight: Bool)
        case item
        case codeBlock(info: String, literal: String)
        case htmlBlock(String)
        case customBlock(onEnter: String, onExit: String)
        case paragraph
        case heading(level: Int)
        case thematicBreak
        // Inlines
        case text(String)
        case softBreak
        case lineBreak
        case code(String)
        case htmlInline(String)
        case customInline(onEnter: String, onExit: String)
        case emphasis
        case strong
        case link(destination: String, title: String)
        case image(destination: String, title: String)
        // Extensions
        case table
        case tableRow(header: Bool)
        case tableCell(TableAlignment)
        /// A footnote's text, numbered in order of first reference.
        case footnoteDefinition(label: String, number: Int)
        case strikethrough
        /// A math span: its TeX and its index among the document's math spans.
        case math(tex: String, display: Bool, index: Int)
        case footnoteReference(label: String, number: Int)
    }

    let tree: Tree
    let index: Int32

    init(tree: Tree, index: Int32) {
        self.tree = tree
        self.index = index
    }

    var record: Tree.Record { tree.records[Int(index)] }

    /// The node's type, without its text.
    public var type: NodeType { record.type }

    /// The node's type with its text (this makes strings; ``type`` does not).
    public var kind: Kind {
        let r = record
        switch r.type {
        case .document: return .document
        case .blockQuote: return .blockQuote
        case .list:
            let tight = r.flags & 1 != 0
            if r.flags & 2 != 0 {
                return .list(.ordered(start: Int(r.number), delimiter: r.flags & 4 != 0 ? ")" : "."), tight: tight)
            }
            return .list(.bullet, tight: tight)
        case .item: return .item
        case .codeBlock: return .codeBlock(info: tree.string(r.first), literal: tree.string(r.second))
        case .htmlBlock: return .htmlBlock(tree.string(r.first))
        case .customBlock: return .customBlock(onEnter: tree.string(r.first), onExit: tree.string(r.second))
        case .paragraph: return .paragraph
        case .heading: return .heading(level: Int(r.number))
        case .thematicBreak: return .thematicBreak
        case .text: return .text(tree.string(r.first))
        case .softBreak: return .softBreak
        case .lineBreak: return .lineBreak
        case .code: return .code(tree.string(r.first))
        case .htmlInline: return .htmlInline(tree.string(r.first))
        case .customInline: return .customInline(onEnter: tree.string(r.first), onExit: tree.string(r.second))
        case .emphasis: return .emphasis
        case .strong: return .strong
        case .link: return .link(destination: tree.string(r.first), title: tree.string(r.second))
        case .image: return .image(destination: tree.string(r.first), title: tree.string(r.second))
        case .table: return .table
        case .tableRow: return .tableRow(header: r.flags & 1 != 0)
        case .tableCell: return .tableCell(TableAlignment(rawValue: r.flags) ?? .none)
        case .footnoteDefinition: return .footnoteDefinition(label: tree.string(r.first), number: Int(r.number))
        case .strikethrough: return .strikethrough
        case .math: return .math(tex: tree.string(r.first), display: r.flags & 1 != 0, index: Int(r.number))
        case .footnoteReference: return .footnoteReference(label: tree.string(r.first), number: Int(r.number))
        }
    }

    /// Where the node sits in the source. Inline nodes other than code spans
    /// carry the range cmark gives them, which may be zero for some inlines.
    public var range: SourceRange {
        let r = record
        return SourceRange(startLine: Int(r.startLine), startColumn: Int(r.startColumn),
                           endLine: Int(r.endLine), endColumn: Int(r.endColumn))
    }

    /// For a list item: nil when it is not a task item (`- [ ] ...`), else whether it is checked.
    public var taskChecked: Bool? {
        let r = record
        return r.type == .item && r.flags & 1 != 0 ? r.flags & 2 != 0 : nil
    }

    /// The node's children, in order.
    public var children: Children { Children(tree: tree, parent: record) }

    /// The node this one is a child of; nil for the document.
    public var parent: Node? {
        let p = record.parent
        return p < 0 ? nil : Node(tree: tree, index: p)
    }

    /// The UTF-8 text of a text, code span, raw HTML or code block node (its
    /// literal), read in place; empty for other nodes.
    public func withLiteral<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let r = record
        let range = r.type == .codeBlock ? r.second : r.first
        let literal = r.type.hasLiteral ? range : 0..<0
        return try tree.text.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[literal])) }
    }

    /// The concatenated text of this node's inline content, as in a heading's title.
    public var plainText: String {
        var out: [UInt8] = []
        appendPlainText(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private func appendPlainText(to out: inout [UInt8]) {
        forEach { node in
            switch node.type {
            case .text, .code: node.withLiteral { out.append(contentsOf: $0) }
            case .math: out.append(contentsOf: node.tree.text[node.record.first])
            case .softBreak, .lineBreak: out.append(UInt8(ascii: " "))
            default: break
            }
        }
    }

    /// Calls `visit` on this node and every descendant, in document order.
    ///
    /// Iterative: a document nested as deep as it is long does not exhaust the stack.
    public func forEach(_ visit: (Node) throws -> Void) rethrows {
        // Records are in document order and a node's subtree follows it: walk the
        // records from this one until the first whose parent comes before it.
        let records = tree.records
        try visit(self)
        var i = Int(index) + 1
        while i < records.count, records[i].parent >= index {
            try visit(Node(tree: tree, index: Int32(i)))
            i += 1
        }
    }

    /// The first node below this one (in document order) that sits more than
    /// `limit` levels below it, with its ancestors up to this node; nil when none does.
    ///
    /// Walkers that recurse are safe on a tree this returns nil for.
    ///
    ///     CommonMark.parse("> > x\n").deeperThan(2)?.node.type   // .blockQuote (the second)
    public func deeperThan(_ limit: Int) -> (node: Node, ancestors: [NodeType])? {
        let records = tree.records
        var depth = [Int](repeating: 0, count: records.count)
        var i = Int(index) + 1
        while i < records.count, records[i].parent >= index {
            let p = Int(records[i].parent)
            depth[i] = depth[p] + 1
            if depth[i] > limit {
                var ancestors: [NodeType] = []
                var a = Int32(i)
                while a > index { ancestors.append(records[Int(a)].type); a = records[Int(a)].parent }
                return (Node(tree: tree, index: Int32(i)), ancestors)
            }
            i += 1
        }
        return nil
    }

    /// A node's children: a view of its document's storage, made without copying.
    public struct Children: RandomAccessCollection, Sendable {
        let tree: Tree
        let first: Int32
        public let count: Int

        init(tree: Tree, parent: Tree.Record) {
            self.tree = tree
            first = parent.firstChild
            count = Int(parent.childCount)
        }

        public var startIndex: Int { 0 }
        public var endIndex: Int { count }
        public subscript(i: Int) -> Node {
            precondition(i >= 0 && i < count, "child index \(i) out of range 0..<\(count)")
            return Node(tree: tree, index: tree.childIndices[Int(first) + i])
        }
    }
}

extension NodeType {
    /// Text, code spans, raw HTML and code blocks carry a literal.
    var hasLiteral: Bool {
        switch self {
        case .text, .code, .htmlInline, .htmlBlock, .codeBlock: return true
        default: return false
        }
    }
}

extension Node: CustomDebugStringConvertible {
    public var debugDescription: String {
        children.isEmpty ? "\(kind)@\(range)" : "\(kind)@\(range)\(Array(children))"
    }
}
