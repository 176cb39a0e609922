import CommonMark
import Foundation

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

/// The longest time limit a lecture or a cell may ask for, in seconds (one day).
public let maximumTimeoutSeconds = 86_400

/// `seconds` when it is a time limit Lectern accepts: above 0 and at most ``maximumTimeoutSeconds``.
func validTimeout(_ seconds: Double) -> Double? {
    seconds > 0 && seconds <= Double(maximumTimeoutSeconds) ? seconds : nil
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

/// A file name as a relative link: every byte but letters, digits and `-._~`
/// percent-encoded, so that a lecture named `02-#?.md` links to `02-%23%3F.html`.
func hrefPath(_ name: String) -> String {
    var out = ""
    for byte in name.utf8 {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            out.unicodeScalars.append(Unicode.Scalar(byte))
        default:
            out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
        }
    }
    return out
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

/// How a lecture is named in pages, ledgers and diagnostics: its path from the
/// lectures folder's parent, `lectures/23-x.md`, however the folder was spelled
/// (relative, absolute, with `./` or `..`), so that pages do not depend on it and
/// do not publish the author's folders.
func lectureName(_ path: String, in lecturesDirectory: String) -> String {
    let folder = URL(fileURLWithPath: lecturesDirectory).standardizedFileURL.path
    let base = splitPath(folder).name
    return (base.isEmpty ? "" : base + "/") + splitPath(path).name
}
