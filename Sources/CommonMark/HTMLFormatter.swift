/// Renders a ``Node`` tree to HTML exactly as cmark's `html.c` does with its
/// default options, with one hook so that a caller can render chosen nodes
/// its own way (cells, math placeholders, heading anchors).
///
///     let html = HTMLFormatter().render(CommonMark.parse("*hi*"))
///     // "<p><em>hi</em></p>\n"
///
/// Like html.c, it writes bytes into one buffer, straight from the tree's text.
public struct HTMLFormatter {
    /// Called before the default rendering of a node of an overridden type. Return
    /// HTML to use instead of cmark's, or nil to let the formatter render the node.
    public typealias Override = (_ node: Node, _ formatter: HTMLFormatter) -> String?

    public var override: Override?
    /// Render raw HTML and every URL as written, as cmark's `--unsafe` does: for
    /// Markdown whose author is trusted. Off by default (cmark's default).
    public var unsafe = false
    /// The node types `override` is called for, one bit per `NodeType` raw value.
    private var overridden: UInt32

    /// - Parameters:
    ///   - types: the node types to call `override` for; nil for every type. Naming
    ///     only the types a caller renders its own way keeps rendering fast.
    ///   - override: see ``Override``.
    public init(overriding types: Set<NodeType>? = nil, override: Override? = nil) {
        self.override = override
        overridden = (types ?? Set(NodeType.allCases)).reduce(0) { $0 | 1 << UInt32($1.rawValue) }
    }

    /// The HTML of `node` and everything under it.
    public func render(_ node: Node) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(node.tree.text.count + node.tree.text.count / 4)
        render(node.index, in: node.tree, grandparentTightList: false, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The HTML of `node`'s children only, as inside a heading or paragraph.
    public func renderChildren(of node: Node) -> String {
        var out: [UInt8] = []
        children(of: node.index, in: node.tree, tight: false, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private func children(of index: Int32, in tree: Tree, tight: Bool, into out: inout [UInt8]) {
        let r = tree.records[Int(index)]
        for k in r.firstChild..<(r.firstChild + r.childCount) {
            render(tree.childIndices[Int(k)], in: tree, grandparentTightList: tight, into: &out)
        }
    }

    private func render(_ index: Int32, in tree: Tree, grandparentTightList tight: Bool, into out: inout [UInt8]) {
        let r = tree.records[Int(index)]
        if overridden & 1 << UInt32(r.type.rawValue) != 0, let override,
           let html = override(Node(tree: tree, index: index), self) {
            out.append(contentsOf: html.utf8)
            return
        }
        switch r.type {
        case .document:
            children(of: index, in: tree, tight: false, into: &out)
        case .blockQuote:
            cr(&out); out.append("<blockquote>\n")
            children(of: index, in: tree, tight: false, into: &out)
            cr(&out); out.append("</blockquote>\n")
        case .list:
            cr(&out)
            let ordered = r.flags & 2 != 0
            if !ordered {
                out.append("<ul>\n")
            } else if r.number == 1 {
                out.append("<ol>\n")
            } else {
                out.append("<ol start=\"\(r.number)\">\n")
            }
            children(of: index, in: tree, tight: r.flags & 1 != 0, into: &out)
            out.append(ordered ? "</ol>\n" : "</ul>\n")
        case .item:
            cr(&out); out.append("<li>")
            if r.flags & 1 != 0 {
                out.append(r.flags & 2 != 0 ? "<input type=\"checkbox\" checked=\"\" disabled=\"\" /> " : "<input type=\"checkbox\" disabled=\"\" /> ")
            }
            children(of: index, in: tree, tight: tight, into: &out)
            out.append("</li>\n")
        case .heading:
            cr(&out); out.append("<h\(r.number)>")
            children(of: index, in: tree, tight: false, into: &out)
            out.append("</h\(r.number)>\n")
        case .codeBlock:
            cr(&out)
            tree.text.withUnsafeBufferPointer { text in
                let info = text[r.first]
                if info.isEmpty {
                    out.append("<pre><code>")
                } else {
                    // cmark's first word: up to its first space, tab, newline, VT, FF or CR.
                    let language = info.prefix { !($0 == 32 || (9...13).contains($0)) }
                    out.append("<pre><code class=\"language-")
                    appendEscapedHTML(UnsafeBufferPointer(rebasing: language), to: &out)
                    out.append("\">")
                }
                appendEscapedHTML(UnsafeBufferPointer(rebasing: text[r.second]), to: &out)
            }
            out.append("</code></pre>\n")
        case .htmlBlock:
            cr(&out)
            if unsafe { appendRaw(r.first, of: tree, to: &out) } else { out.append("<!-- raw HTML omitted -->") }
            cr(&out)
        case .customBlock:
            cr(&out); appendRaw(r.first, of: tree, to: &out); cr(&out)
            children(of: index, in: tree, tight: false, into: &out)
            cr(&out); appendRaw(r.second, of: tree, to: &out); cr(&out)
        case .paragraph:
            // `tight` is true when this paragraph's grandparent is a tight list.
            if tight {
                children(of: index, in: tree, tight: false, into: &out)
            } else {
                cr(&out); out.append("<p>")
                children(of: index, in: tree, tight: false, into: &out)
                out.append("</p>\n")
            }
        case .thematicBreak:
            cr(&out); out.append("<hr />\n")
        case .text:
            appendEscaped(r.first, of: tree, to: &out)
        case .softBreak:
            out.append(UInt8(ascii: "\n"))
        case .lineBreak:
            out.append("<br />\n")
        case .code:
            out.append("<code>"); appendEscaped(r.first, of: tree, to: &out); out.append("</code>")
        case .htmlInline:
            if unsafe { appendRaw(r.first, of: tree, to: &out) } else { out.append("<!-- raw HTML omitted -->") }
        case .customInline:
            appendRaw(r.first, of: tree, to: &out)
            children(of: index, in: tree, tight: false, into: &out)
            appendRaw(r.second, of: tree, to: &out)
        case .emphasis:
            out.append("<em>"); children(of: index, in: tree, tight: false, into: &out); out.append("</em>")
        case .strong:
            out.append("<strong>"); children(of: index, in: tree, tight: false, into: &out); out.append("</strong>")
        case .link:
            out.append("<a href=\"")
            appendURL(r.first, of: tree, to: &out)
            out.append("\"")
            appendTitle(r.second, of: tree, to: &out)
            out.append(">")
            children(of: index, in: tree, tight: false, into: &out)
            out.append("</a>")
        case .image:
            out.append("<img src=\"")
            appendURL(r.first, of: tree, to: &out)
            out.append("\" alt=\"")
            renderPlain(childrenOf: index, in: tree, into: &out)
            out.append("\"")
            appendTitle(r.second, of: tree, to: &out)
            out.append(" />")
        case .table, .tableRow, .tableCell, .footnoteDefinition, .strikethrough, .math, .footnoteReference:
            renderExtension(index, r, in: tree, into: &out)
        }
    }

    /// The GitHub-flavoured extensions, as cmark-gfm's extensions render them.
    private func renderExtension(_ index: Int32, _ r: Tree.Record, in tree: Tree, into out: inout [UInt8]) {
        switch r.type {
        case .table:
            cr(&out); out.append("<table>"); cr(&out)
            children(of: index, in: tree, tight: false, into: &out)
            let rows = r.childCount
            if rows > 0, tree.records[Int(tree.childIndices[Int(r.firstChild + rows - 1)])].flags & 1 == 0 {
                cr(&out); out.append("</tbody>"); cr(&out)
            }
            cr(&out); out.append("</table>"); cr(&out)
        case .tableRow:
            cr(&out)
            let header = r.flags & 1 != 0
            if header {
                out.append("<thead>"); cr(&out)
            } else if isFirstBodyRow(index, r, in: tree) {
                out.append("<tbody>"); cr(&out)
            }
            out.append("<tr>")
            children(of: index, in: tree, tight: false, into: &out)
            cr(&out); out.append("</tr>")
            if header { cr(&out); out.append("</thead>") }
        case .tableCell:
            let header = r.parent >= 0 && tree.records[Int(r.parent)].flags & 1 != 0
            cr(&out); out.append(header ? "<th" : "<td")
            switch TableAlignment(rawValue: r.flags) ?? .none {
            case .none: break
            case .left: out.append(" align=\"left\"")
            case .center: out.append(" align=\"center\"")
            case .right: out.append(" align=\"right\"")
            }
            out.append(UInt8(ascii: ">"))
            children(of: index, in: tree, tight: false, into: &out)
            out.append(header ? "</th>" : "</td>")
        case .strikethrough:
            out.append("<del>"); children(of: index, in: tree, tight: false, into: &out); out.append("</del>")
        case .math:
            let display = r.flags & 1 != 0
            out.append(display ? "<span class=\"math display\">\\[" : "<span class=\"math inline\">\\(")
            appendEscaped(r.first, of: tree, to: &out)
            out.append(display ? "\\]</span>" : "\\)</span>")
        default:
            children(of: index, in: tree, tight: false, into: &out)
        }
    }

    /// Whether a table row is the first row after the header (it opens `<tbody>`).
    private func isFirstBodyRow(_ index: Int32, _ r: Tree.Record, in tree: Tree) -> Bool {
        let table = tree.records[Int(r.parent)]
        for k in table.firstChild..<(table.firstChild + table.childCount) {
            let row = tree.childIndices[Int(k)]
            if tree.records[Int(row)].flags & 1 == 0 { return row == index }
        }
        return false
    }

    /// An image's alt text: the literal text of its descendants, as cmark's plain mode.
    private func renderPlain(childrenOf index: Int32, in tree: Tree, into out: inout [UInt8]) {
        let r = tree.records[Int(index)]
        for k in r.firstChild..<(r.firstChild + r.childCount) {
            let child = tree.childIndices[Int(k)]
            let c = tree.records[Int(child)]
            switch c.type {
            case .text, .code, .htmlInline: appendEscaped(c.first, of: tree, to: &out)
            case .math:
                out.append(UInt8(ascii: "$"))
                if c.flags & 1 != 0 { out.append(UInt8(ascii: "$")) }
                appendEscaped(c.first, of: tree, to: &out)
                out.append(UInt8(ascii: "$"))
                if c.flags & 1 != 0 { out.append(UInt8(ascii: "$")) }
            case .softBreak, .lineBreak: out.append(UInt8(ascii: " "))
            default: break
            }
            renderPlain(childrenOf: child, in: tree, into: &out)
        }
    }

    private func appendRaw(_ range: Range<Int>, of tree: Tree, to out: inout [UInt8]) {
        tree.text.withUnsafeBufferPointer { out.append(contentsOf: $0[range]) }
    }

    private func appendEscaped(_ range: Range<Int>, of tree: Tree, to out: inout [UInt8]) {
        tree.text.withUnsafeBufferPointer {
            appendEscapedHTML(UnsafeBufferPointer(rebasing: $0[range]), to: &out)
        }
    }

    private func appendURL(_ range: Range<Int>, of tree: Tree, to out: inout [UInt8]) {
        tree.text.withUnsafeBufferPointer {
            let url = UnsafeBufferPointer(rebasing: $0[range])
            if unsafe || !isDangerousURL(url) { appendEscapedHref(url, to: &out) }
        }
    }

    private func appendTitle(_ range: Range<Int>, of tree: Tree, to out: inout [UInt8]) {
        guard !range.isEmpty else { return }
        out.append(" title=\"")
        appendEscaped(range, of: tree, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    private func cr(_ out: inout [UInt8]) {
        if let last = out.last, last != UInt8(ascii: "\n") { out.append(UInt8(ascii: "\n")) }
    }
}

extension Array where Element == UInt8 {
    /// Appends the UTF-8 of `s`.
    @inline(__always)
    mutating func append(_ s: StaticString) {
        s.withUTF8Buffer { append(contentsOf: $0) }
    }

    mutating func append(_ s: String) {
        append(contentsOf: s.utf8)
    }
}

/// Appends `bytes` with `&`, `<`, `>` and `"` escaped as cmark does; runs without them are copied whole.
func appendEscapedHTML(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
    var start = 0
    for i in 0..<bytes.count {
        let entity: StaticString
        switch bytes[i] {
        case UInt8(ascii: "&"): entity = "&amp;"
        case UInt8(ascii: "<"): entity = "&lt;"
        case UInt8(ascii: ">"): entity = "&gt;"
        case UInt8(ascii: "\""): entity = "&quot;"
        default: continue
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
        out.append(entity)
        start = i + 1
    }
    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
}

/// Escapes `&`, `<`, `>` and `"` as cmark does. Safe for element content and
/// double-quoted attribute values.
public func escapeHTML(_ s: String) -> String {
    func needsEscaping<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        bytes.contains { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }
    }
    guard s.utf8.withContiguousStorageIfAvailable(needsEscaping) ?? needsEscaping(s.utf8) else { return s }
    var s = s
    var out: [UInt8] = []
    out.reserveCapacity(s.utf8.count + 16)
    s.withUTF8 { appendEscapedHTML($0, to: &out) }
    return String(decoding: out, as: UTF8.self)
}

/// Appends a URL escaped for an `href` as cmark's houdini does: safe characters stay,
/// `&` and `'` become entities, every other byte is percent-encoded.
func appendEscapedHref(_ url: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
    for b in url {
        if hrefSafe[Int(b)] {
            out.append(b)
        } else if b == UInt8(ascii: "&") {
            out.append("&amp;")
        } else if b == UInt8(ascii: "'") {
            out.append("&#x27;")
        } else {
            out.append(UInt8(ascii: "%"))
            out.append(hexDigits[Int(b >> 4)])
            out.append(hexDigits[Int(b & 15)])
        }
    }
}

/// Bytes an `href` keeps as they are: ASCII letters, digits and `-_.+!*(),%#@?=;:/$~`.
private let hrefSafe: [Bool] = (0..<256).map { b in
    let c = UInt8(b)
    return (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
        || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || "-_.+!*(),%#@?=;:/$~".utf8.contains(c)
}

private let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

/// cmark's `scan_dangerous_url`: script-bearing schemes, and data URLs other than images.
func isDangerousURL(_ url: UnsafeBufferPointer<UInt8>) -> Bool {
    func starts(with prefix: StaticString) -> Bool {
        guard url.count >= prefix.utf8CodeUnitCount else { return false }
        return prefix.withUTF8Buffer { p in
            p.indices.allSatisfy { i in
                let b = url[i]
                return (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b + 32 : b) == p[i]
            }
        }
    }
    if starts(with: "data:") {
        return !(starts(with: "data:image/png") || starts(with: "data:image/gif")
                 || starts(with: "data:image/jpeg") || starts(with: "data:image/webp"))
    }
    return starts(with: "javascript:") || starts(with: "vbscript:") || starts(with: "file:")
}
