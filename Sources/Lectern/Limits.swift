import CommonMark

/// How deep inputs may nest. Walkers that recurse are safe below these limits,
/// and inputs past them are refused with an error at their line, before any
/// walker (or the YAML library) sees them: no input can exhaust the stack.
public enum NestingLimit {
    /// Levels of Markdown below the document: block quotes, lists and their items
    /// (two levels per list), emphasis, links. markdown-it's default is the same.
    public static let markdown = 100
    /// Levels of YAML collections in front matter and `course.yml`.
    public static let yaml = 64
    /// Sections inside sections in a page or index template.
    public static let templateSections = 100
}

/// An error when `document` nests deeper than ``NestingLimit/markdown``, naming
/// what nests (the kind most of the node's ancestors are) at the line it goes too deep.
func markdownNestingProblem(_ document: Node, file: String) -> Diagnostic? {
    guard let (node, ancestors) = document.deeperThan(NestingLimit.markdown) else { return nil }
    var counts: [String: Int] = [:]
    for type in ancestors {
        let what: String
        switch type {
        case .blockQuote: what = "block quotes"
        case .list, .item: what = "lists"
        case .emphasis, .strong: what = "emphasis"
        case .link, .image: what = "links"
        default: what = "Markdown"
        }
        counts[what, default: 0] += 1
    }
    let what = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? "Markdown"
    var at: Node? = node
    while let n = at, n.range.startLine <= 0 { at = n.parent }  // some inlines carry no position
    let range = at?.range
    return Diagnostic(file: file, line: max(range?.startLine ?? 1, 1), column: range.map { max($0.startColumn, 1) },
                      "\(what) nested deeper than \(NestingLimit.markdown) levels; Lectern reads Markdown nested at most \(NestingLimit.markdown) deep (a list item counts two: the list and the item)")
}

/// The first line of `yaml` (1-based) where its collections nest deeper than
/// ``NestingLimit/yaml``, and the depth there; nil when they never do.
///
/// A line's depth is over-estimated, never under: the block levels open at its
/// indentation, plus its `- ` and `? ` indicators, plus its open `[` and `{`
/// (outside quotes and comments).
func yamlNestingProblem(_ yaml: String) -> (line: Int, depth: Int)? {
    var indents: [Int] = []  // indentation of the block levels open above this line
    var flow = 0
    var lineNumber = 0
    for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
        lineNumber += 1
        let bytes = Array(line.utf8)
        var i = 0
        while i < bytes.count, bytes[i] == UInt8(ascii: " ") { i += 1 }
        if i == bytes.count || bytes[i] == UInt8(ascii: "#") || bytes[i] == UInt8(ascii: "\r") { continue }
        if flow == 0 {
            while let last = indents.last, last >= i { indents.removeLast() }
            indents.append(i)
        }
        var depth = indents.count + flow
        var quote: UInt8?
        var atItemStart = true
        while i < bytes.count {
            let c = bytes[i]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == UInt8(ascii: "'") || c == UInt8(ascii: "\""),
                      i == 0 || " [{,:-?".utf8.contains(bytes[i - 1]) {
                quote = c  // a quoted scalar starts; an apostrophe inside a word does not
            } else if c == UInt8(ascii: "#"), i > 0, bytes[i - 1] == UInt8(ascii: " ") {
                break
            } else if c == UInt8(ascii: "[") || c == UInt8(ascii: "{") {
                flow += 1
                depth += 1
            } else if c == UInt8(ascii: "]") || c == UInt8(ascii: "}") {
                flow = max(0, flow - 1)
            } else if atItemStart, c == UInt8(ascii: "-") || c == UInt8(ascii: "?"),
                      i + 1 == bytes.count || bytes[i + 1] == UInt8(ascii: " ") {
                depth += 1
                i += 1
                continue
            }
            atItemStart = c == UInt8(ascii: " ") && atItemStart
            i += 1
            if depth > NestingLimit.yaml { return (lineNumber, depth) }
        }
        if depth > NestingLimit.yaml { return (lineNumber, depth) }
    }
    return nil
}
