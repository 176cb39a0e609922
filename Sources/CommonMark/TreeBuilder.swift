/// Builds a new document tree node by node: how passes over a parsed tree
/// (tables, math, strikethrough, ...) make the tree they hand on.
///
/// Add each node after its parent and after its earlier siblings (in document
/// order); ``build()`` gathers the children.
///
///     var b = TreeBuilder()
///     let p = b.add(.paragraph, range: r, under: b.root)
///     b.add(.text("hi"), range: r, under: p)
///     HTMLFormatter().render(b.build())   // "<p>hi</p>\n"
public struct TreeBuilder {
    private var records: [Tree.Record] = []
    private var text: [UInt8] = []

    /// The document node, made with the builder.
    public let root: Int32 = 0

    public init() {
        records.append(Tree.Record(type: .document, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1, parent: -1))
    }

    /// The number of nodes added so far, the document included.
    public var count: Int { records.count }

    /// Sets the document's source range.
    public mutating func setDocumentRange(_ range: SourceRange) {
        records[0].startLine = Int32(clamping: range.startLine)
        records[0].startColumn = Int32(clamping: range.startColumn)
        records[0].endLine = Int32(clamping: range.endLine)
        records[0].endColumn = Int32(clamping: range.endColumn)
    }

    /// Adds a node of `kind` as the last child of `parent`; returns its id.
    /// `task` marks a list item as a task item (checked or not).
    @discardableResult
    public mutating func add(_ kind: Node.Kind, range: SourceRange, under parent: Int32, task: Bool? = nil) -> Int32 {
        precondition(parent >= 0 && Int(parent) < records.count, "TreeBuilder: no node \(parent)")
        var r = Tree.Record(type: .document, startLine: Int32(clamping: range.startLine), startColumn: Int32(clamping: range.startColumn),
                            endLine: Int32(clamping: range.endLine), endColumn: Int32(clamping: range.endColumn), parent: parent)
        func append(_ s: String) -> Range<Int> {
            let start = text.count
            text.append(contentsOf: s.utf8)
            return start..<text.count
        }
        switch kind {
        case .document: preconditionFailure("TreeBuilder: a document has one root")
        case .blockQuote: r.type = .blockQuote
        case .list(let listKind, let tight):
            r.type = .list
            if tight { r.flags |= 1 }
            if case .ordered(let start, let delimiter) = listKind {
                r.flags |= 2
                r.number = Int32(clamping: start)
                if delimiter == ")" { r.flags |= 4 }
            }
        case .item:
            r.type = .item
            if let task { r.flags = task ? 3 : 1 }
        case .codeBlock(let info, let literal): r.type = .codeBlock; r.first = append(info); r.second = append(literal)
        case .htmlBlock(let html): r.type = .htmlBlock; r.first = append(html)
        case .customBlock(let enter, let exit): r.type = .customBlock; r.first = append(enter); r.second = append(exit)
        case .paragraph: r.type = .paragraph
        case .heading(let level): r.type = .heading; r.number = Int32(clamping: level)
        case .thematicBreak: r.type = .thematicBreak
        case .text(let s): r.type = .text; r.first = append(s)
        case .softBreak: r.type = .softBreak
        case .lineBreak: r.type = .lineBreak
        case .code(let s): r.type = .code; r.first = append(s)
        case .htmlInline(let s): r.type = .htmlInline; r.first = append(s)
        case .customInline(let enter, let exit): r.type = .customInline; r.first = append(enter); r.second = append(exit)
        case .emphasis: r.type = .emphasis
        case .strong: r.type = .strong
        case .link(let destination, let title): r.type = .link; r.first = append(destination); r.second = append(title)
        case .image(let destination, let title): r.type = .image; r.first = append(destination); r.second = append(title)
        case .table: r.type = .table
        case .tableRow(let header): r.type = .tableRow; r.flags = header ? 1 : 0
        case .tableCell(let alignment): r.type = .tableCell; r.flags = alignment.rawValue
        case .footnoteDefinition(let label, let number):
            r.type = .footnoteDefinition; r.first = append(label); r.number = Int32(clamping: number)
        case .strikethrough: r.type = .strikethrough
        case .math(let tex, let display, let index):
            r.type = .math; r.first = append(tex); r.flags = display ? 1 : 0; r.number = Int32(clamping: index)
        case .footnoteReference(let label, let number):
            r.type = .footnoteReference; r.first = append(label); r.number = Int32(clamping: number)
        }
        let id = Int32(records.count)
        records.append(r)
        records[Int(parent)].childCount += 1
        return id
    }

    /// The finished tree's document node.
    public func build() -> Node {
        Node(tree: Tree(linking: records, text: text), index: 0)
    }
}
