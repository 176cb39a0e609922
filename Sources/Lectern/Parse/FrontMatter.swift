import Foundation
import Yams

/// The YAML block at the top of a lecture, between two `---` lines.
///
/// ```yaml
/// ---
/// title: Policy gradients
/// lecture: 23
/// date: 2024-11-22
/// seed: 42
/// macros:
///   R: \mathbb{R}
///   norm: {body: '\lVert #1 \rVert', args: 1}
/// ---
/// ```
public struct FrontMatter: Equatable, Sendable {
    public var title: String?
    /// The lecture number, as shown in the index and on the page.
    public var lecture: Int?
    /// The date as written (any text: `2024-11-22`, `November 22, 2024`).
    public var date: String?
    public var author: String?
    public var summary: String?
    /// The seed every run of the lecture starts from.
    public var seed: UInt64?
    /// Seconds allowed for running the whole lecture.
    public var timeout: Double?
    /// TeX macros: name without backslash -> body, which may use `#1`…`#9`.
    public var macros: [String: String]
    /// The number of arguments of each macro in `macros`: as given by `args`, or
    /// else the highest `#n` its body uses.
    public var macroArity: [String: Int]
    /// Data files the lecture's cells read, relative to the lectures folder, with
    /// the line that names them. Their contents are part of the result cache's key.
    public var data: [DataFile] = []
    /// Keys Lectern does not read, with their values (a list's items joined by ", ").
    public var extra: [String: String] = [:]
    /// Warnings about the front matter (unknown keys), at their lines.
    public var warnings: [Diagnostic] = []
    /// How the lecture's code prints (`print-code: full|folded|none`); nil: the course's choice.
    public var printCode: PrintCode?
    /// Whether the lecture also builds as slides (`slides: false` turns them off).
    public var slides = true

    /// A data file named in the front matter.
    public struct DataFile: Equatable, Sendable {
        public var path: String
        public var line: Int
    }

    public init(title: String? = nil, lecture: Int? = nil, date: String? = nil, author: String? = nil,
                summary: String? = nil, seed: UInt64? = nil, timeout: Double? = nil,
                macros: [String: String] = [:], macroArity: [String: Int] = [:]) {
        self.title = title; self.lecture = lecture; self.date = date; self.author = author
        self.summary = summary; self.seed = seed; self.timeout = timeout
        self.macros = macros; self.macroArity = macroArity
    }

    /// The keys front matter may have.
    public static let keys = ["author", "data", "date", "lecture", "macros", "print-code", "seed", "slides", "summary", "timeout", "title"]
}

/// Splits YAML front matter off a lecture.
///
/// Front matter starts when the first line of the file is `---` and ends at the next
/// line that is `---` (or `...`). A file without it gets an empty `FrontMatter`.
///
/// ```swift
/// let (fm, body) = try splitFrontMatter("---\ntitle: RL\n---\n# Intro\n", file: "lectures/23-rl.md")
/// // fm.title == "RL", body == "\n\n\n# Intro\n"
/// ```
///
/// - Parameters:
///   - source: The whole lecture file.
///   - file: The file name used in diagnostics.
/// - Returns: The front matter, and the source with the front-matter lines replaced
///   by empty lines, so every line number of the body is the same as in the file.
/// - Throws: A `Diagnostic` at the file's line and column for invalid YAML, an unknown
///   key (suggesting the nearest known one), a value of the wrong type, or (at the
///   opening line) a block that is never closed.
public func splitFrontMatter(_ source: String, file: String) throws(Diagnostic) -> (frontMatter: FrontMatter, body: String) {
    func content(_ line: String) -> String {
        var s = Substring(line)
        if s.hasPrefix("\u{FEFF}") { s = s.dropFirst() }
        while let last = s.unicodeScalars.last, last == " " || last == "\t" || last == "\r" { s.unicodeScalars.removeLast() }
        return String(s)
    }
    // Most lectures without front matter are told by their first line alone.
    let firstLine = String(decoding: source.utf8.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
    guard content(firstLine) == "---" else { return (FrontMatter(), source) }
    // Read lines up to the closing one only: the body after it is taken whole.
    let utf8 = source.utf8
    var lines: [String] = []
    var closingLineEnd = utf8.endIndex
    var close: Int?
    var start = utf8.startIndex
    while true {
        let end = utf8[start...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
        let line = String(decoding: utf8[start..<end], as: UTF8.self)
        lines.append(line)
        if lines.count > 1, content(line) == "---" || content(line) == "..." {
            close = lines.count - 1
            closingLineEnd = end
            break
        }
        if end == utf8.endIndex { break }
        start = utf8.index(after: end)
    }
    guard let close else {
        throw Diagnostic(file: file, line: 1, column: 1, "front matter is never closed; end it with a line '---'")
    }
    let yaml = lines[1..<close].joined(separator: "\n")
    let fields = try YAMLFields.parse(yaml, file: file, lineOffset: 1, what: "front matter")
    var fm = FrontMatter()
    for field in fields.pairs {
        switch field.key {
        case "title": fm.title = try fields.text(field)
        case "author": fm.author = try fields.textOrList(field)
        case "summary": fm.summary = try fields.text(field)
        case "date": fm.date = try fields.text(field)
        case "lecture":
            fm.lecture = try fields.number(field, "a whole number") { Int($0).flatMap { $0 >= 0 ? $0 : nil } }
        case "seed":
            fm.seed = try fields.number(field, "a whole number from 0 to \(UInt64.max)") { UInt64($0) }
        case "timeout":
            fm.timeout = try fields.number(field, "a number of seconds above 0 and at most \(maximumTimeoutSeconds)") { s in
                Double(s).flatMap(validTimeout)
            }
        case "macros":
            (fm.macros, fm.macroArity) = try parseMacros(field, fields)
        case "data":
            fm.data = try parseDataFiles(field, fields)
        case "print-code":
            fm.printCode = try fields.number(field, "full, folded or none") { PrintCode(rawValue: $0) }
        case "slides":
            fm.slides = try fields.number(field, "true or false") { ["true": true, "false": false][$0] } ?? true
        default:
            // Keys other tools read (tags, layout, ...): a warning, and the value is kept.
            var warning = fields.unknownKey(field, known: FrontMatter.keys, what: "front matter key")
            warning.severity = .warning
            warning.message += " (kept for templates; Lectern itself does not read it)"
            fm.warnings.append(warning)
            if case .scalar(let scalar) = field.value { fm.extra[field.key] = scalar.string }
            else if let list = try? fields.textOrList(field) { fm.extra[field.key] = list }
        }
    }
    // The front matter's lines become empty lines (keeping a CR of CRLF endings),
    // so every line of the body keeps its number.
    var body = ""
    body.reserveCapacity(utf8.count)
    for (k, line) in lines.enumerated() {
        if k > 0 { body += "\n" }
        if line.hasSuffix("\r") { body += "\r" }
    }
    body += Substring(utf8[closingLineEnd...])  // a copy of valid UTF-8: nothing to decode again
    return (fm, body)
}

private func parseDataFiles(_ field: YAMLFields.Pair, _ fields: YAMLFields) throws(Diagnostic) -> [FrontMatter.DataFile] {
    let items: [Node]
    switch field.value {
    case .sequence(let sequence): items = Array(sequence)
    case .scalar: items = [field.value]
    default: throw fields.diagnostic(at: field.value.mark, "'data' must be a file name or a list of file names")
    }
    var files: [FrontMatter.DataFile] = []
    for item in items {
        guard case .scalar(let s) = item, !s.string.isEmpty else {
            throw fields.diagnostic(at: item.mark, "'data' must list file names, found \(describe(item))")
        }
        guard !s.string.hasPrefix("/"), !s.string.split(separator: "/").contains("..") else {
            throw fields.diagnostic(at: s.mark, "data file '\(s.string)' must be inside the lectures folder (a relative path without '..')")
        }
        files.append(FrontMatter.DataFile(path: s.string, line: (s.mark?.line ?? 0) + fields.lineOffset))
    }
    return files
}

private func parseMacros(_ field: YAMLFields.Pair, _ fields: YAMLFields) throws(Diagnostic) -> ([String: String], [String: Int]) {
    guard case .mapping(let mapping) = field.value else {
        throw fields.diagnostic(at: field.value.mark, "'macros' must be a mapping of macro names to TeX, such as 'R: \\mathbb{R}'")
    }
    var macros: [String: String] = [:], arity: [String: Int] = [:]
    for pair in try fields.pairs(of: mapping) {
        var name = pair.key
        if name.hasPrefix("\\") { name.removeFirst() }
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw fields.diagnostic(at: pair.keyMark, "macro name '\(pair.key)' must be letters only, such as 'R' for \\R")
        }
        let body: String
        var args: Int?
        if case .mapping(let spec) = pair.value {
            var given: String?
            for part in try fields.pairs(of: spec) {
                switch part.key {
                case "body": given = try fields.text(part)
                case "args": args = try fields.number(part, "a whole number from 0 to 9") { Int($0).flatMap { (0...9).contains($0) ? $0 : nil } }
                default: throw fields.unknownKey(part, known: ["args", "body"], what: "macro field")
                }
            }
            guard let given else {
                throw fields.diagnostic(at: pair.value.mark, "macro '\(name)' needs a 'body', such as '{body: \"\\lVert #1 \\rVert\", args: 1}'")
            }
            body = given
        } else {
            body = try fields.text(pair) ?? ""
        }
        let used = highestParameter(in: body)
        if let args, used > args {
            throw fields.diagnostic(at: pair.value.mark, "macro '\(name)' uses #\(used) but takes \(args) argument\(args == 1 ? "" : "s")")
        }
        macros[name] = body
        arity[name] = args ?? used
    }
    return (macros, arity)
}

/// The highest `#n` (1…9) a macro body uses; `##` is an escaped `#`.
func highestParameter(in body: String) -> Int {
    var highest = 0
    var chars = body.makeIterator()
    while let c = chars.next() {
        guard c == "#" else { continue }
        if let n = chars.next(), let d = n.wholeNumberValue, (1...9).contains(d) { highest = max(highest, d) }
    }
    return highest
}

/// The top-level `key: value` pairs of a small YAML document, with helpers that
/// turn values into Swift values or into diagnostics at the right file position.
struct YAMLFields {
    struct Pair {
        var key: String
        var keyMark: Mark?
        var value: Node
    }

    let file: String
    /// Lines before the YAML text in the file (1 for front matter after its `---`).
    let lineOffset: Int
    var pairs: [Pair] = []

    /// Parses `yaml`, whose first line is line `lineOffset + 1` of `file`. An empty
    /// document has no pairs; anything but a mapping at the top is an error.
    static func parse(_ yaml: String, file: String, lineOffset: Int, what: String) throws(Diagnostic) -> YAMLFields {
        var fields = YAMLFields(file: file, lineOffset: lineOffset)
        let root: Node?
        // The YAML library recurses as deep as the text nests: check the depth before it reads it.
        if let deep = yamlNestingProblem(yaml) {
            throw Diagnostic(file: file, line: lineOffset + deep.line,
                             "\(what) nests collections deeper than \(NestingLimit.yaml) levels; Lectern reads YAML nested at most \(NestingLimit.yaml) deep")
        }
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw fields.diagnostic(for: error, what: what)
        } catch {
            throw Diagnostic(file: file, line: lineOffset + 1, "invalid YAML in \(what): \(error)")
        }
        guard let root else { return fields }
        guard case .mapping(let mapping) = root else {
            throw fields.diagnostic(at: root.mark, "\(what) must be 'key: value' lines, found \(describe(root))")
        }
        fields.pairs = try fields.pairs(of: mapping)
        return fields
    }

    func diagnostic(at mark: Mark?, _ message: String) -> Diagnostic {
        Diagnostic(file: file, line: mark.map { $0.line + lineOffset } ?? lineOffset + 1, column: mark?.column, message)
    }

    func diagnostic(for error: YamlError, what: String) -> Diagnostic {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            var message = "invalid YAML in \(what): \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line + lineOffset))" }
            if problem.contains("tab") { message += "; indent YAML with spaces, not tabs" }
            return diagnostic(at: mark, message)
        case let .reader(problem, offset, _, yaml):
            // The offset counts Characters from the start of the YAML text.
            let before = yaml.prefix(offset ?? 0)
            let line = before.filter { $0 == "\n" || $0 == "\r\n" }.count + 1
            let column = before.count - (before.lastIndex(where: { $0 == "\n" || $0 == "\r\n" }).map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0) + 1
            return Diagnostic(file: file, line: line + lineOffset, column: column, "invalid text in \(what): \(problem)")
        default:
            return Diagnostic(file: file, line: lineOffset + 1, "invalid YAML in \(what): \(error)")
        }
    }

    /// The pairs of a mapping; keys must be plain names and appear once.
    func pairs(of mapping: Node.Mapping) throws(Diagnostic) -> [Pair] {
        var result: [Pair] = []
        var seen: [String: Mark?] = [:]
        for (key, value) in mapping {
            guard case .scalar(let k) = key else {
                throw diagnostic(at: key.mark, "a key must be a name, found \(describe(key))")
            }
            if let first = seen[k.string] {
                let at = first.map { " at line \($0.line + lineOffset)" } ?? ""
                throw diagnostic(at: k.mark, "'\(k.string)' is given twice; the first is\(at)")
            }
            seen[k.string] = k.mark
            result.append(Pair(key: k.string, keyMark: k.mark, value: value))
        }
        return result
    }

    func unknownKey(_ pair: Pair, known: [String], what: String) -> Diagnostic {
        var message = "unknown \(what) '\(pair.key)'"
        if let near = suggestion(for: pair.key, among: known) {
            message += "; did you mean '\(near)'?"
        } else {
            message += "; known: \(known.joined(separator: ", "))"
        }
        return diagnostic(at: pair.keyMark, message)
    }

    /// Text: any scalar, as written. A null value (`key:` or `~`) is nil.
    /// Text, or a list of texts joined by ", " (`author: [A, B]`).
    func textOrList(_ pair: Pair) throws(Diagnostic) -> String? {
        guard case .sequence(let items) = pair.value else { return try text(pair) }
        var parts: [String] = []
        for item in items {
            guard case .scalar(let s) = item else {
                throw diagnostic(at: item.mark, "'\(pair.key)' must be text or a list of texts, found \(describe(item))")
            }
            parts.append(s.string)
        }
        return parts.joined(separator: ", ")
    }

    func text(_ pair: Pair) throws(Diagnostic) -> String? {
        guard case .scalar(let s) = pair.value else {
            throw diagnostic(at: pair.value.mark, "'\(pair.key)' must be text, found \(describe(pair.value))")
        }
        return isNull(s) ? nil : s.string
    }

    /// A number parsed from a scalar by `parse`; a null value is nil.
    func number<T>(_ pair: Pair, _ expected: String, _ parse: (String) -> T?) throws(Diagnostic) -> T? {
        guard case .scalar(let s) = pair.value else {
            throw diagnostic(at: pair.value.mark, "'\(pair.key)' must be \(expected), found \(describe(pair.value))")
        }
        if isNull(s) { return nil }
        guard let n = parse(s.string.replacingOccurrences(of: "_", with: "")) else {
            throw diagnostic(at: s.mark, "'\(pair.key)' must be \(expected), found '\(s.string)'")
        }
        return n
    }

    func isNull(_ s: Node.Scalar) -> Bool {
        (s.style == .plain || s.style == .any) && ["", "~", "null", "Null", "NULL"].contains(s.string)
    }
}

private func describe(_ node: Node) -> String {
    switch node {
    case .scalar(let s): return "'\(s.string)'"
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    }
}
