import CommonMark

/// A heading of a page, for its anchor and the contents sidebar.
public struct HeadingEntry: Equatable, Sendable {
    public var level: Int
    public var id: String
    public var title: String
}

/// Stable, unique ids for a page's headings, in document order, by GitHub's rules
/// (``githubHeadingID(_:)``): "The *Q*-function" becomes `the-q-function`, a second
/// one `the-q-function-1`, so links copied from GitHub's view of a lecture work.
/// Math in a title reads as its TeX.
func headingEntries(_ document: Node) -> [HeadingEntry] {
    var entries: [HeadingEntry] = []
    var used: [String: Int] = [:]
    var found: [(node: Node, level: Int)] = []
    collectHeadings(document, into: &found)
    for (node, level) in found {
        let title = node.plainText
        var base = githubHeadingID(title)
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

/// A heading's id as GitHub makes it: lower case; every character other than a letter,
/// a mark, a digit, `-`, `_` or a space removed; spaces turned into `-`.
///
///     githubHeadingID("A & B")          // "a--b"
///     githubHeadingID("PPO's clip (ε)") // "ppos-clip-ε"
func githubHeadingID(_ text: String) -> String {
    var out = ""
    for ch in text.lowercased() {
        if ch == " " {
            out.append("-")
        } else if ch.isLetter || ch.isNumber || ch == "-" || ch == "_"
                    || ch.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .nonspacingMark }) {
            out.append(ch)
        }
    }
    return out
}
