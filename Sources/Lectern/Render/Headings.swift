import CommonMark

/// A heading of a page, for its anchor and the contents sidebar.
public struct HeadingEntry: Equatable, Sendable {
    public var level: Int
    public var id: String
    public var title: String
}

/// Stable, unique ids for a page's headings, in document order:
/// "The *Q*-function" becomes `the-q-function`, a second one `the-q-function-1`.
/// `text` maps a title that holds math placeholder characters (U+E000...U+E003) to its
/// displayed text; a title without any is used as it is.
func headingEntries(_ document: Node, text: (String) -> String = { $0 }) -> [HeadingEntry] {
    var entries: [HeadingEntry] = []
    var used: [String: Int] = [:]
    var found: [(node: Node, level: Int)] = []
    collectHeadings(document, into: &found)
    for (node, level) in found {
        let plain = node.plainText
        let title = holdsPlaceholderCharacter(plain) ? text(plain) : plain
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

/// The slug of `text`: its letters and digits in lower case, each run of other
/// characters one hyphen between them; apostrophes are dropped, as GitHub does.
/// Heading anchors keep every letter; file names (`asciiOnly`) only ASCII ones.
///
///     slugify("PPO's clipped objective")      // "ppos-clipped-objective"
///     slugify("GAE(λ)")                       // "gae-λ"
///     slugify("GAE(λ)", asciiOnly: true)      // "gae"
func slugify(_ text: String, asciiOnly: Bool = false) -> String {
    var out = ""
    var pendingHyphen = false
    for ch in text.lowercased() {
        if ch == "'" || ch == "\u{2019}" { continue }
        if (ch.isLetter || ch.isNumber) && (!asciiOnly || ch.isASCII) {
            if pendingHyphen && !out.isEmpty { out += "-" }
            pendingHyphen = false
            out.append(ch)
        } else {
            pendingHyphen = true
        }
    }
    return out
}

/// True if `text` holds any of U+E000...U+E003 (EE 80 80...83 in UTF-8), the math placeholder characters.
private func holdsPlaceholderCharacter(_ text: String) -> Bool {
    var a: UInt8 = 0, b: UInt8 = 0
    for c in text.utf8 {
        if a == 0xEE, b == 0x80, c >= 0x80, c <= 0x83 { return true }
        a = b
        b = c
    }
    return false
}
