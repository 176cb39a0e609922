/// Renders a ``Node`` tree to HTML exactly as cmark's `html.c` does with its
/// default options, with one hook so that a caller can render chosen nodes
/// its own way (cells, math placeholders, heading anchors).
///
///     let html = HTMLFormatter().render(CommonMark.parse("*hi*"))
///     // "<p><em>hi</em></p>\n"
public struct HTMLFormatter {
    /// Called for every node before the default rendering. Return HTML to use
    /// instead of cmark's, or nil to let the formatter render the node.
    public typealias Override = (_ node: Node, _ parent: Node?, _ formatter: HTMLFormatter) -> String?

    public var override: Override?

    public init(override: Override? = nil) {
        self.override = override
    }

    /// The HTML of `node` and everything under it.
    public func render(_ node: Node) -> String {
        var out = ""
        render(node, parent: nil, grandparentTightList: false, into: &out)
        return out
    }

    /// The HTML of `node`'s children only, as inside a heading or paragraph.
    public func renderChildren(of node: Node) -> String {
        var out = ""
        for child in node.children { render(child, parent: node, grandparentTightList: false, into: &out) }
        return out
    }

    private func render(_ node: Node, parent: Node?, grandparentTightList tight: Bool, into out: inout String) {
        if let override, let html = override(node, parent, self) {
            out += html
            return
        }
        func children(tight: Bool = false) {
            for child in node.children { render(child, parent: node, grandparentTightList: tight, into: &out) }
        }
        switch node.kind {
        case .document:
            children()
        case .blockQuote:
            cr(&out); out += "<blockquote>\n"
            children()
            cr(&out); out += "</blockquote>\n"
        case .list(let kind, let isTight):
            cr(&out)
            switch kind {
            case .bullet: out += "<ul>\n"
            case .ordered(let start, _): out += start == 1 ? "<ol>\n" : "<ol start=\"\(start)\">\n"
            }
            for item in node.children { render(item, parent: node, grandparentTightList: isTight, into: &out) }
            if case .bullet = kind { out += "</ul>\n" } else { out += "</ol>\n" }
        case .item:
            cr(&out); out += "<li>"
            children(tight: tight)
            out += "</li>\n"
        case .heading(let level):
            cr(&out); out += "<h\(level)>"
            children()
            out += "</h\(level)>\n"
        case .codeBlock(let info, let literal):
            cr(&out)
            let language = info.prefix { !$0.isWhitespace }
            if language.isEmpty {
                out += "<pre><code>"
            } else {
                out += "<pre><code class=\"language-\(escapeHTML(String(language)))\">"
            }
            out += escapeHTML(literal)
            out += "</code></pre>\n"
        case .htmlBlock:
            cr(&out); out += "<!-- raw HTML omitted -->"; cr(&out)
        case .customBlock(let onEnter, let onExit):
            cr(&out); out += onEnter; cr(&out)
            children()
            cr(&out); out += onExit; cr(&out)
        case .paragraph:
            // `tight` is true when this paragraph's grandparent is a tight list.
            if tight {
                children()
            } else {
                cr(&out); out += "<p>"
                children()
                out += "</p>\n"
            }
        case .thematicBreak:
            cr(&out); out += "<hr />\n"
        case .text(let s):
            out += escapeHTML(s)
        case .softBreak:
            out += "\n"
        case .lineBreak:
            out += "<br />\n"
        case .code(let s):
            out += "<code>" + escapeHTML(s) + "</code>"
        case .htmlInline:
            out += "<!-- raw HTML omitted -->"
        case .customInline(let onEnter, let onExit):
            out += onEnter
            children()
            out += onExit
        case .emphasis:
            out += "<em>"; children(); out += "</em>"
        case .strong:
            out += "<strong>"; children(); out += "</strong>"
        case .link(let destination, let title):
            out += "<a href=\""
            if !isDangerousURL(destination) { out += escapeHref(destination) }
            out += "\""
            if !title.isEmpty { out += " title=\"" + escapeHTML(title) + "\"" }
            out += ">"
            children()
            out += "</a>"
        case .image(let destination, let title):
            out += "<img src=\""
            if !isDangerousURL(destination) { out += escapeHref(destination) }
            out += "\" alt=\""
            for child in node.children { renderPlain(child, into: &out) }
            out += "\""
            if !title.isEmpty { out += " title=\"" + escapeHTML(title) + "\"" }
            out += " />"
        }
    }

    /// An image's alt text: the literal text of its descendants, as cmark's plain mode.
    private func renderPlain(_ node: Node, into out: inout String) {
        switch node.kind {
        case .text(let s), .code(let s), .htmlInline(let s): out += escapeHTML(s)
        case .softBreak, .lineBreak: out += " "
        default: break
        }
        for child in node.children { renderPlain(child, into: &out) }
    }

    private func cr(_ out: inout String) {
        if let last = out.utf8.last, last != UInt8(ascii: "\n") { out += "\n" }
    }
}

/// Escapes `&`, `<`, `>` and `"` as cmark does. Safe for element content and
/// double-quoted attribute values.
public func escapeHTML(_ s: String) -> String {
    func needsEscaping<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        bytes.contains { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }
    }
    guard s.utf8.withContiguousStorageIfAvailable(needsEscaping) ?? needsEscaping(s.utf8) else { return s }
    var out: [UInt8] = []
    out.reserveCapacity(s.utf8.count + 16)
    for b in s.utf8 {
        switch b {
        case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
        case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
        case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
        case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
        default: out.append(b)
        }
    }
    return String(decoding: out, as: UTF8.self)
}

/// Escapes a URL for an `href` as cmark's houdini does: safe characters stay,
/// `&` and `'` become entities, every other byte is percent-encoded.
func escapeHref(_ url: String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(url.utf8.count + 8)
    for b in url.utf8 {
        if hrefSafe[Int(b)] {
            out.append(b)
        } else if b == UInt8(ascii: "&") {
            out.append(contentsOf: "&amp;".utf8)
        } else if b == UInt8(ascii: "'") {
            out.append(contentsOf: "&#x27;".utf8)
        } else {
            out.append(UInt8(ascii: "%"))
            out.append(hexDigits[Int(b >> 4)])
            out.append(hexDigits[Int(b & 15)])
        }
    }
    return String(decoding: out, as: UTF8.self)
}

/// Bytes an `href` keeps as they are: ASCII letters, digits and `-_.+!*(),%#@?=;:/$~`.
private let hrefSafe: [Bool] = (0..<256).map { b in
    let c = UInt8(b)
    return (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
        || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || "-_.+!*(),%#@?=;:/$~".utf8.contains(c)
}

private let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

/// cmark's `scan_dangerous_url`: script-bearing schemes, and data URLs other than images.
func isDangerousURL(_ url: String) -> Bool {
    let lower = url.lowercased()
    if lower.hasPrefix("data:") {
        for ok in ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"] where lower.hasPrefix(ok) {
            return false
        }
        return true
    }
    return lower.hasPrefix("javascript:") || lower.hasPrefix("vbscript:") || lower.hasPrefix("file:")
}
