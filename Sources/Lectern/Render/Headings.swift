import CommonMark

/// A heading of a page, for its anchor and the contents sidebar.
public struct HeadingEntry: Equatable, Sendable {
    public var level: Int
    public var id: String
    public var title: String
}

/// Stable, unique ids for a page's headings, in document order:
/// "The *Q*-function" becomes `the-q-function`, a second one `the-q-function-1`.
/// Math in a title reads as its TeX.
func headingEntries(_ document: Node) -> [HeadingEntry] {
    var entries: [HeadingEntry] = []
    var used: [String: Int] = [:]
    var found: [(node: Node, level: Int)] = []
    collectHeadings(document, into: &found)
    for (node, level) in found {
        let title = node.plainText
        var base = slugify(title)
        if base.isEmpty { base = "section" }
        var id = base
        if let n = used[base] {
            var k = n
            repeat { k += 1; id = "\(base)-\(k)" } while used[id] != nil
            used[base] = k
        } else {
            used[base] = 0
        }
        used[id] = used[id] ?? 0
        entries.append(HeadingEntry(level: level, id: id, title: title))
    }
    return entries
}

/// The headings under `node`, in document order. Headings are blocks: only the document, block
/// quotes, lists, items and custom blocks hold them, so the walk skips paragraphs and inlines
/// (most of the tree).
private func collectHeadings(_ node: Node, into found: inout [(node: Node, level: Int)]) {
    switch node.kind {
    case .heading(let level):
        found.append((node, level))
    case .document, .blockQuote, .list, .item, .customBlock:
        for child in node.children { collectHeadings(child, into: &found) }
    default:
        break
    }
}

/// Lowercase letters and digits joined by single hyphens.
func slugify(_ text: String) -> String {
    if text.utf8.allSatisfy({ $0 < 0x80 }) { return slugifyASCII(text) }
    var out = ""
    var pendingHyphen = false
    for ch in text.lowercased() {
        if ch.isLetter || ch.isNumber {
            if pendingHyphen && !out.isEmpty { out += "-" }
            pendingHyphen = false
            out.append(ch)
        } else {
            pendingHyphen = true
        }
    }
    return out
}

/// `slugify` for ASCII text, on bytes: letters and digits are kept (lowercased), any run of
/// other characters becomes one hyphen between kept ones.
private func slugifyASCII(_ text: String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count)
    var pendingHyphen = false
    for b in text.utf8 {
        let lower = b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b + 32 : b
        if (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || (lower >= UInt8(ascii: "0") && lower <= UInt8(ascii: "9")) {
            if pendingHyphen && !out.isEmpty { out.append(UInt8(ascii: "-")) }
            pendingHyphen = false
            out.append(lower)
        } else {
            pendingHyphen = true
        }
    }
    return String(decoding: out, as: UTF8.self)
}
