import CommonMark

/// One math span of a lecture, in document order.
public struct MathSpan: Equatable, Sendable {
    /// The TeX between the delimiters.
    public var tex: String
    /// True for `$$...$$`.
    public var display: Bool
    /// 1-based line and column (in characters) of the first TeX character in the source.
    public var line: Int
    public var column: Int

    public init(tex: String, display: Bool, line: Int, column: Int) {
        self.tex = tex
        self.display = display
        self.line = line
        self.column = column
    }

    /// The source position of a position inside this span's TeX (1-based, as `TeXError` reports it):
    /// a span at 12:5 with a TeX error at 1:3 gives 12:7; at 2:3 it gives 13:3.
    public func sourcePosition(line: Int, column: Int) -> (line: Int, column: Int) {
        line <= 1 ? (self.line, self.column + column - 1) : (self.line + line - 1, column)
    }
}

/// A lecture's Markdown read into one tree: cmark's blocks and inlines, with math,
/// pipe tables, strikethrough, extended autolinks and task items made by passes over
/// cmark's tree.
///
/// How math stays on cmark's block structure: cmark parses the source once for its
/// blocks; math is looked for in the inline text of each paragraph and heading (and
/// in each table cell), with pandoc's rules (``MathFinder``); each piece of a span (one
/// per line) is replaced by a token of private-use characters that no source holds,
/// and cmark parses the result. Tokens in text become math nodes; a token anywhere
/// else (a link destination, a code span) is put back as the text it replaced, so no
/// token ever reaches a page.
struct MarkdownReader {
    struct Problem: Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    let source: SourceLines
    /// Token delimiters: two private-use characters the source does not hold.
    let open: [UInt8], close: [UInt8]

    /// Found spans and their pieces.
    struct Found { var tex: String; var display: Bool; var line: Int; var column: Int; var pieces: [Int] }
    var found: [Found] = []
    /// The source bytes each piece replaced, and its span.
    var pieceText: [[UInt8]] = []
    var pieceSpan: [Int] = []
    var problems: [Problem] = []
    /// Pipe tables by the position of the paragraph they were found in.
    var tables: [Position: PipeTable] = [:]

    struct Position: Hashable { var line: Int; var column: Int }

    init(_ text: String) {
        source = SourceLines(text)
        var used = Set<UInt32>()
        for s in text.unicodeScalars where s.value >= 0xE000 && s.value <= 0xF8FF { used.insert(s.value) }
        var v: UInt32 = 0xE000
        while used.contains(v) || used.contains(v + 1) { v += 2 }
        open = Array(String(Unicode.Scalar(v).map(Character.init) ?? "\u{E000}").utf8)
        close = Array(String(Unicode.Scalar(v + 1).map(Character.init) ?? "\u{E001}").utf8)
    }

    /// Reads `text`: the document tree, its math spans in document order (the tree's
    /// math nodes index them), and warnings such as an unclosed `$$`.
    static func read(_ text: String, keepingPunctuationWithMath: Bool = false) -> (document: Node, math: [MathSpan], problems: [Problem]) {
        var reader = MarkdownReader(text)
        let blocks = CommonMark.parse(text)
        var replacements: [(Range<Int>, [UInt8])] = []
        // Leaf blocks with inline text, in document order (an explicit stack: no recursion).
        var stack: [Node] = [blocks]
        while let node = stack.popLast() {
            switch node.type {
            case .paragraph, .heading:
                let segments = reader.source.segments(of: node)
                if node.type == .paragraph, let table = PipeTable.find(in: segments, of: reader.source) {
                    reader.tables[Position(line: node.range.startLine, column: node.range.startColumn)] = table
                    continue
                }
                let region = Region(segments: segments, of: reader.source)
                for piece in reader.findMath(in: region) {
                    let range = region.source(piece.range.lowerBound)..<(region.source(piece.range.upperBound - 1) + 1)
                    replacements.append((range, reader.token(piece.id)))
                }
            case .document, .blockQuote, .list, .item:
                stack.append(contentsOf: node.children.reversed())
            default:
                break
            }
        }
        var transformed: [UInt8] = []
        transformed.reserveCapacity(reader.source.bytes.count + replacements.count * 8)
        var copied = 0
        for (range, token) in replacements.sorted(by: { $0.0.lowerBound < $1.0.lowerBound }) where range.lowerBound >= copied {
            transformed.append(contentsOf: reader.source.bytes[copied..<range.lowerBound])
            transformed.append(contentsOf: token)
            copied = range.upperBound
        }
        transformed.append(contentsOf: reader.source.bytes[copied...])
        let parsed = replacements.isEmpty && reader.tables.isEmpty ? blocks : CommonMark.parse(String(decoding: transformed, as: UTF8.self))
        var converter = TreeConverter(reader: reader)
        let root = converter.convertDocument(parsed)
        reader = converter.reader
        InlinePasses.run(on: root)
        if keepingPunctuationWithMath { InlinePasses.keepPunctuationWithMath(root) }
        let document = Emitter.emit(root)
        MDNode.dismantle(root)
        return (document, converter.math, reader.problems)
    }

    /// A piece of a span: the region bytes it covers, and its id.
    struct Piece { var range: Range<Int>; var id: Int }

    /// Finds the math in a region, registers the spans, and returns their pieces (one per line).
    mutating func findMath(in region: Region) -> [Piece] {
        let finder = MathFinder(region.bytes)
        for offset in finder.unclosedDisplay {
            let (line, column) = source.position(region.source(offset))
            problems.append(Problem(line: line, column: column,
                                    message: "unclosed $$: no closing $$ in this paragraph, so it stays text"))
        }
        var pieces: [Piece] = []
        for span in finder.spans {
            let tex = span.tex
            let (line, column) = source.position(region.source(tex.lowerBound))
            var ids: [Int] = []
            var start = span.range.lowerBound
            for i in span.range where region.bytes[i] == 0x0A || i == span.range.upperBound - 1 {
                let end = region.bytes[i] == 0x0A ? i : i + 1
                if end > start {
                    ids.append(pieceText.count)
                    pieces.append(Piece(range: start..<end, id: pieceText.count))
                    pieceText.append(Array(region.bytes[start..<end]))
                    pieceSpan.append(found.count)
                }
                start = i + 1
            }
            found.append(Found(tex: String(decoding: region.bytes[tex], as: UTF8.self), display: span.display,
                               line: line, column: column, pieces: ids))
        }
        return pieces
    }

    func token(_ id: Int) -> [UInt8] { open + Array(String(id).utf8) + close }

    /// A region's bytes with its math replaced by tokens, for a parse of its own.
    mutating func tokenized(_ region: Region) -> [UInt8] {
        var out: [UInt8] = []
        var copied = 0
        for piece in findMath(in: region) {
            out.append(contentsOf: region.bytes[copied..<piece.range.lowerBound])
            out.append(contentsOf: token(piece.id))
            copied = piece.range.upperBound
        }
        out.append(contentsOf: region.bytes[copied...])
        return out
    }

    /// The tokens in `bytes`, in order: each one's byte range and piece id.
    func tokens(in bytes: some Collection<UInt8>) -> [(range: Range<Int>, id: Int)] {
        let b = Array(bytes)
        var out: [(Range<Int>, Int)] = []
        var i = 0
        while i + open.count <= b.count {
            if b[i] == open[0], Array(b[i..<(i + open.count)]) == open {
                var j = i + open.count
                var id = 0
                while j < b.count, InlineSyntax.isDigit(b[j]), id < Int.max / 10 - 9 { id = id * 10 + Int(b[j] - 48); j += 1 }
                if j > i + open.count, j + close.count <= b.count, Array(b[j..<(j + close.count)]) == close, id < pieceText.count {
                    out.append((i..<(j + close.count), id))
                    i = j + close.count
                    continue
                }
            }
            i += 1
        }
        return out
    }

    /// `bytes` with every token put back as the source text it replaced.
    func restored(_ bytes: some Collection<UInt8>) -> String {
        let b = Array(bytes)
        let found = tokens(in: b)
        if found.isEmpty { return String(decoding: b, as: UTF8.self) }
        var out: [UInt8] = []
        var copied = 0
        for (range, id) in found {
            out.append(contentsOf: b[copied..<range.lowerBound])
            out.append(contentsOf: pieceText[id])
            copied = range.upperBound
        }
        out.append(contentsOf: b[copied...])
        return String(decoding: out, as: UTF8.self)
    }
}
