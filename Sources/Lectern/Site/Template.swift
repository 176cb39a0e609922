import CommonMark
import Foundation

/// A value a template can show: text, a flag, a list or an object of named values.
///
/// ```swift
/// let page: TemplateValue = ["title": "Policy gradients", "toc": [["id": "intro", "title": "Intro"]]]
/// ```
public enum TemplateValue: Equatable, Sendable {
    case text(String)
    case bool(Bool)
    case list([TemplateValue])
    case object([String: TemplateValue])

    /// Whether a `{{#name}}` section over this value renders: non-empty text, `true`,
    /// a non-empty list, any object.
    var isTruthy: Bool {
        switch self {
        case .text(let s): return !s.isEmpty
        case .bool(let b): return b
        case .list(let l): return !l.isEmpty
        case .object: return true
        }
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

/// A small mustache-style template.
///
/// Tags: `{{name}}` inserts HTML-escaped text, `{{{name}}}` inserts raw HTML,
/// `{{#name}}…{{/name}}` renders its body once for `true`, text or an object (pushed
/// as context) and once per element of a list, `{{^name}}…{{/name}}` renders when the
/// value is missing, false, empty text or an empty list, and `{{! comment }}` renders
/// nothing. Names may be dotted (`{{prev.href}}`); `{{.}}` is the current item.
/// A section, inverted or comment tag alone on its line removes that whole line.
///
/// ```swift
/// let t = try Template("{{#items}}<li>{{.}}</li>{{/items}}", file: "_page.html")
/// t.render(["items": ["a<b", "c"]])   // "<li>a&lt;b</li><li>c</li>"
/// ```
public struct Template: Sendable {
    indirect enum Node: Sendable, Equatable {
        case text(String)
        case variable([String], escaped: Bool)
        case section([String], inverted: Bool, body: [Node])
    }

    /// The file the template came from, as shown in diagnostics.
    public let file: String
    let nodes: [Node]

    /// Parses a template.
    ///
    /// - Parameters:
    ///   - source: The template text.
    ///   - file: The file name used in diagnostics.
    ///   - knownNames: When given, every name a tag uses must be one of these; an
    ///     unknown one is an error that suggests the nearest known name.
    /// - Throws: A `Diagnostic` at the template's line and column for an unclosed tag
    ///   or section, a mismatched closing tag, or an unknown or unsupported tag.
    public init(_ source: String, file: String, knownNames: Set<String>? = nil) throws(Diagnostic) {
        self.file = file
        var parser = TemplateParser(source: source, file: file, knownNames: knownNames)
        nodes = try parser.parse()
    }

    /// Renders the template with `context` as its outermost context.
    ///
    /// A name that is not found renders as nothing, so optional values (such as
    /// `prev` on the first lecture) simply disappear.
    public func render(_ context: TemplateValue) -> String {
        var out = ""
        var stack = [context]
        Template.render(nodes, &stack, into: &out)
        return out
    }

    static func render(_ nodes: [Node], _ stack: inout [TemplateValue], into out: inout String) {
        for node in nodes {
            switch node {
            case .text(let s):
                out += s
            case .variable(let name, let escaped):
                guard let value = lookup(name, in: stack) else { continue }
                let text: String
                switch value {
                case .text(let s): text = s
                case .bool(let b): text = b ? "true" : "false"
                case .list, .object: text = ""
                }
                out += escaped ? escapeHTML(text) : text
            case .section(let name, let inverted, let body):
                let value = lookup(name, in: stack)
                let truthy = value?.isTruthy ?? false
                if inverted {
                    if !truthy { render(body, &stack, into: &out) }
                    continue
                }
                guard truthy, let value else { continue }
                switch value {
                case .list(let items):
                    for item in items {
                        stack.append(item)
                        render(body, &stack, into: &out)
                        stack.removeLast()
                    }
                case .bool:
                    render(body, &stack, into: &out)
                case .text, .object:
                    stack.append(value)
                    render(body, &stack, into: &out)
                    stack.removeLast()
                }
            }
        }
    }

    /// Finds the first part of a dotted name in the innermost context that has it,
    /// then descends through objects.
    static func lookup(_ name: [String], in stack: [TemplateValue]) -> TemplateValue? {
        if name == ["."] { return stack.last }
        guard let first = name.first else { return nil }
        for frame in stack.reversed() {
            guard case .object(let fields) = frame, var value = fields[first] else { continue }
            for part in name.dropFirst() {
                guard case .object(let inner) = value, let next = inner[part] else { return nil }
                value = next
            }
            return value
        }
        return nil
    }
}

/// Turns template text into nodes: tokens first, then standalone-line trimming,
/// then a tree built with a stack of open sections.
struct TemplateParser {
    enum Token {
        case text(String)
        /// `sigil` is "" for a variable, "{" for a raw variable, or one of `# ^ / !`.
        case tag(sigil: String, name: String, offset: Int)
    }

    let chars: [Character]
    let file: String
    let knownNames: Set<String>?

    init(source: String, file: String, knownNames: Set<String>?) {
        chars = Array(source)
        self.file = file
        self.knownNames = knownNames
    }

    func error(at offset: Int, _ message: String) -> Diagnostic {
        var line = 1, column = 1
        for c in chars[..<min(offset, chars.count)] {
            if c == "\n" || c == "\r\n" { line += 1; column = 1 } else { column += 1 }
        }
        return Diagnostic(file: file, line: line, column: column, message)
    }

    func find(_ pattern: String, from start: Int) -> Int? {
        let p = Array(pattern)
        var k = start
        while k + p.count <= chars.count {
            if chars[k] == p[0] && Array(chars[k..<k + p.count]) == p { return k }
            k += 1
        }
        return nil
    }

    mutating func parse() throws(Diagnostic) -> [Template.Node] {
        var tokens = try tokenize()
        trimStandaloneLines(&tokens)
        return try buildTree(tokens)
    }

    func tokenize() throws(Diagnostic) -> [Token] {
        var tokens: [Token] = []
        var k = 0
        while k < chars.count {
            guard let open = find("{{", from: k) else {
                tokens.append(.text(String(chars[k...])))
                break
            }
            if open > k { tokens.append(.text(String(chars[k..<open]))) }
            let triple = open + 2 < chars.count && chars[open + 2] == "{"
            let closer = triple ? "}}}" : "}}"
            guard let close = find(closer, from: open + (triple ? 3 : 2)) else {
                throw error(at: open, "unclosed tag '\(triple ? "{{{" : "{{")'; close it with '\(closer)'")
            }
            var content = String(chars[(open + (triple ? 3 : 2))..<close])
            var sigil = triple ? "{" : ""
            if !triple, let first = content.first, "#^/!&>=<$".contains(first) {
                sigil = String(first)
                content.removeFirst()
            }
            switch sigil {
            case "!":
                tokens.append(.tag(sigil: "!", name: "", offset: open))
            case ">", "<", "$":
                throw error(at: open, "unsupported tag '{{\(sigil)\(content)}}': partials and blocks are not supported; write the markup in place")
            case "=":
                throw error(at: open, "unsupported tag '{{=\(content)}}': changing delimiters is not supported")
            default:
                let name = content.trimmingCharacters(in: .whitespaces)
                try checkName(name, sigil: sigil, at: open)
                // `{{& name}}` is the same as `{{{name}}}`.
                tokens.append(.tag(sigil: sigil == "&" ? "{" : sigil, name: name, offset: open))
            }
            k = close + closer.count
        }
        return tokens
    }

    func checkName(_ name: String, sigil: String, at offset: Int) throws(Diagnostic) {
        let tag = "{{\(sigil == "{" ? "{" : sigil)\(name)\(sigil == "{" ? "}" : "")}}"
        if name.isEmpty { throw error(at: offset, "empty tag '\(tag)'; write a name between the braces") }
        if name == "." { return }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        for part in parts {
            let valid = !part.isEmpty && part.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
            if !valid { throw error(at: offset, "unknown tag '\(tag)': a name is letters, digits, '_' and '-', dotted for fields") }
        }
        if let knownNames, sigil != "/", let first = parts.first, !knownNames.contains(String(first)) {
            var message = "unknown name '\(first)' in tag '\(tag)'"
            if let near = suggestion(for: String(first), among: knownNames.sorted()) {
                message += "; did you mean '\(near)'?"
            } else {
                message += "; known names: \(knownNames.sorted().joined(separator: ", "))"
            }
            throw error(at: offset, message)
        }
    }

    /// A section, inverted, closing or comment tag that is alone on its line (only
    /// spaces or tabs around it) takes the whole line with it, as in mustache.
    func trimStandaloneLines(_ tokens: inout [Token]) {
        func isBlank<S: Sequence>(_ s: S) -> Bool where S.Element == Character { s.allSatisfy { $0 == " " || $0 == "\t" } }
        var dropTail = [Int: Int](), dropHead = [Int: Int]()
        for t in tokens.indices {
            guard case .tag(let sigil, _, _) = tokens[t], ["#", "^", "/", "!"].contains(sigil) else { continue }
            var tail = 0, head = 0
            if t > 0 {
                guard case .text(let before) = tokens[t - 1] else { continue }
                let line = before.split(separator: "\n", omittingEmptySubsequences: false).last ?? ""
                guard isBlank(line), before.contains("\n") || t - 1 == 0 else { continue }
                tail = line.count
            }
            if t + 1 < tokens.count {
                guard case .text(let after) = tokens[t + 1] else { continue }
                if let newline = after.firstIndex(where: { $0 == "\n" || $0 == "\r\n" }) {
                    guard isBlank(after[..<newline]) else { continue }
                    head = after.distance(from: after.startIndex, to: newline) + 1
                } else {
                    guard isBlank(after), t + 1 == tokens.count - 1 else { continue }
                    head = after.count
                }
            }
            if t > 0 { dropTail[t - 1] = tail }
            if t + 1 < tokens.count { dropHead[t + 1] = head }
        }
        for (t, token) in tokens.enumerated() {
            guard case .text(let s) = token, dropHead[t] != nil || dropTail[t] != nil else { continue }
            let chars = Array(s)
            let start = min(dropHead[t] ?? 0, chars.count)
            let end = max(start, chars.count - (dropTail[t] ?? 0))
            tokens[t] = .text(String(chars[start..<end]))
        }
    }

    func buildTree(_ tokens: [Token]) throws(Diagnostic) -> [Template.Node] {
        // Each open section: its name, whether inverted, where it opened, and the nodes so far.
        var open: [(name: String, inverted: Bool, offset: Int, nodes: [Template.Node])] = [("", false, 0, [])]
        for token in tokens {
            switch token {
            case .text(let s):
                if !s.isEmpty { open[open.count - 1].nodes.append(.text(s)) }
            case .tag(let sigil, let name, let offset):
                let path = name == "." ? ["."] : name.split(separator: ".").map(String.init)
                switch sigil {
                case "!":
                    break
                case "#", "^":
                    if open.count > NestingLimit.templateSections {
                        throw error(at: offset, "sections nested deeper than \(NestingLimit.templateSections) levels; templates nest sections at most \(NestingLimit.templateSections) deep")
                    }
                    open.append((name, sigil == "^", offset, []))
                case "/":
                    guard open.count > 1 else {
                        throw error(at: offset, "'{{/\(name)}}' closes no open section")
                    }
                    let section = open.removeLast()
                    guard section.name == name else {
                        let at = error(at: section.offset, "")
                        throw error(at: offset, "'{{/\(name)}}' does not close section '\(section.name)' opened at \(at.line ?? 0):\(at.column ?? 0); close it with '{{/\(section.name)}}' first")
                    }
                    let node = Template.Node.section(path, inverted: section.inverted, body: section.nodes)
                    open[open.count - 1].nodes.append(node)
                default:
                    open[open.count - 1].nodes.append(.variable(path, escaped: sigil != "{"))
                }
            }
        }
        if open.count > 1, let section = open.last {
            let sigil = section.inverted ? "^" : "#"
            throw error(at: section.offset, "unclosed section '{{\(sigil)\(section.name)}}'; close it with '{{/\(section.name)}}'")
        }
        return open[0].nodes
    }
}
