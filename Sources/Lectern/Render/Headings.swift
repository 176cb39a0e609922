import CommonMark

/// A heading of a page, for its anchor and the contents sidebar.
public struct HeadingEntry: Equatable, Sendable {
    public var level: Int
    public var id: String
    public var title: String
}

/// Stable, unique ids for a page's headings, in document order:
/// "The *Q*-function" becomes `the-q-function`, a second one `the-q-function-1`.
func headingEntries(_ document: Node, text: (String) -> String = { $0 }) -> [HeadingEntry] {
    var entries: [HeadingEntry] = []
    var used: [String: Int] = [:]
    document.forEach { node in
        guard case .heading(let level) = node.kind else { return }
        let title = text(node.plainText)
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

/// Lowercase letters and digits joined by single hyphens.
func slugify(_ text: String) -> String {
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
