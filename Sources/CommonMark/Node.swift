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

/// One node of a CommonMark document, copied out of cmark's tree.
///
/// The tree is plain Swift values: no C pointer survives parsing.
public struct Node: Sendable, Equatable {
    public enum ListKind: Sendable, Equatable {
        case bullet
        case ordered(start: Int, delimiter: Character)
    }

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
    }

    public var kind: Kind
    /// Where the node sits in the source. Inline nodes other than code spans
    /// carry the range cmark gives them, which may be zero for some inlines.
    public var range: SourceRange
    public var children: [Node]

    public init(kind: Kind, range: SourceRange, children: [Node] = []) {
        self.kind = kind
        self.range = range
        self.children = children
    }

    /// The concatenated text of this node's inline content, as in a heading's title.
    public var plainText: String {
        switch kind {
        case .text(let s), .code(let s): return s
        case .softBreak, .lineBreak: return " "
        default: return children.map(\.plainText).joined()
        }
    }

    /// Calls `visit` on this node and every descendant, in document order.
    public func forEach(_ visit: (Node) throws -> Void) rethrows {
        try visit(self)
        for child in children { try child.forEach(visit) }
    }
}
