/// One math span found in a Markdown source.
public struct MathSpan: Equatable, Sendable {
    /// The TeX between the delimiters.
    public var tex: String
    /// True for `$$...$$`.
    public var display: Bool
    /// 1-based line in the original source of the first TeX character (the one right after the
    /// opening delimiter), so that TeX line `l`, column `c` is source line `line + l - 1`, column
    /// `c + column - 1` on the first TeX line and `c` after it.
    public var line: Int
    /// 1-based column (in characters) of the first TeX character.
    public var column: Int

    /// Creates a span.
    public init(tex: String, display: Bool, line: Int, column: Int) {
        self.tex = tex
        self.display = display
        self.line = line
        self.column = column
    }
}

/// A problem found while looking for math, such as an unterminated `$$`.
public struct MathProblem: Equatable, Sendable {
    /// 1-based line in the source.
    public var line: Int
    /// 1-based column (in characters).
    public var column: Int
    /// What is wrong.
    public var message: String

    /// Creates a problem.
    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }
}

/// The result of `protectMath(in:)`.
public struct MathProtection: Equatable, Sendable {
    /// The source with each math span (delimiters included) replaced by its placeholder followed by
    /// as many newlines as the span contained, so every line after a span keeps its line number.
    /// (A span never contains a blank line, so the added newlines only ever end a paragraph right
    /// after a multi-line display formula.)
    public var text: String
    /// The spans, in source order; span `i` is `mathPlaceholder(i, display:)` in `text`.
    public var spans: [MathSpan]
    /// Unterminated `$$` and the like; such delimiters are left in the text as they were.
    public var problems: [MathProblem]
}

/// The placeholder for math span `index`: `U+E000 index U+E001` for inline math, `U+E002 index U+E003`
/// for display math. Private-use characters pass through the Markdown parser untouched.
///
/// ```swift
/// mathPlaceholder(3, display: false)  // "\u{E000}3\u{E001}"
/// ```
/// - Parameters:
///   - index: the span's index in `MathProtection.spans`.
///   - display: whether the span is display math.
public func mathPlaceholder(_ index: Int, display: Bool) -> String {
    display ? "\u{E002}\(index)\u{E003}" : "\u{E000}\(index)\u{E001}"
}

/// Finds the math in a Markdown source with pandoc's rules and replaces it by placeholders.
///
/// `$...$` is inline math when the opening `$` has a non-space character right after it and the
/// closing `$` a non-space character right before it and no digit right after it; `$$...$$` is
/// display math and may span lines. `\$` is a literal dollar (left as `\$` for the Markdown parser).
/// Nothing in fenced or indented code blocks or in code spans is math, and no span crosses a blank line.
///
/// ```swift
/// let p = protectMath(in: "Let $x^2$ be.")
/// // p.text == "Let \u{E000}0\u{E001} be.", p.spans == [MathSpan(tex: "x^2", display: false, line: 1, column: 6)]
/// ```
/// - Parameter source: the Markdown text (front matter already removed or not: it is scanned like prose).
/// - Returns: the protected text, the spans and any problems.
/// - Complexity: O(n) in the length of the source for well-formed input.
public func protectMath(in source: String) -> MathProtection {
    var scanner = MathScanner(source)
    return scanner.run()
}

private struct MathScanner {
    let chars: [Character]
    /// Index of the first character of each line.
    var lineStarts: [Int] = [0]
    /// Lines that math cannot enter or cross: blank lines and code-block lines.
    var barrier: [Bool] = []
    var code: [Bool] = []
    var out = ""
    var spans: [MathSpan] = []
    var problems: [MathProblem] = []

    init(_ source: String) {
        chars = Array(source)
        for (i, c) in chars.enumerated() where isNewline(c) { lineStarts.append(i + 1) }
        classifyLines()
    }

    func isNewline(_ c: Character) -> Bool { c == "\n" || c == "\r\n" || c == "\r" }

    func lineRange(_ l: Int) -> Range<Int> {
        let start = lineStarts[l]
        var end = l + 1 < lineStarts.count ? lineStarts[l + 1] : chars.count
        if end > start, isNewline(chars[end - 1]) { end -= 1 }
        return start..<end
    }

    /// Marks fenced and indented code lines, and blank lines.
    mutating func classifyLines() {
        var fence: (char: Character, count: Int)?
        var previousBlank = true
        var previousIndentedCode = false
        var listIndent = 0
        for l in lineStarts.indices {
            var line = Array(chars[lineRange(l)])
            var indent = 0
            var k = 0
            func measure() {
                indent = 0
                k = 0
                while k < line.count, line[k] == " " || line[k] == "\t" {
                    indent += line[k] == "\t" ? 4 - indent % 4 : 1
                    k += 1
                }
            }
            measure()
            // Inside block quotes, code is recognized after the `>` markers.
            while indent <= 3, k < line.count, line[k] == ">" {
                line.removeFirst(k + 1)
                if line.first == " " { line.removeFirst() }
                measure()
            }
            let rest = line[k...]
            let blank = rest.isEmpty
            let relative = indent >= listIndent ? indent - listIndent : indent
            var isCode = false
            if let f = fence {
                isCode = true
                let run = rest.prefix { $0 == f.char }.count
                if relative <= 3, run >= f.count, rest.dropFirst(run).allSatisfy({ $0 == " " || $0 == "\t" }) { fence = nil }
            } else if blank {
                // blank lines keep an indented code block going
            } else if let first = rest.first, first == "`" || first == "~", relative <= 3,
                      rest.prefix(while: { $0 == first }).count >= 3,
                      first == "~" || !rest.dropFirst(rest.prefix(while: { $0 == first }).count).contains("`") {
                fence = (first, rest.prefix(while: { $0 == first }).count)
                isCode = true
            } else if relative >= 4, previousBlank || previousIndentedCode {
                isCode = true
            } else {
                if let width = listMarkerWidth(rest) {
                    listIndent = indent + width
                } else if previousBlank, indent < listIndent {
                    listIndent = 0
                }
            }
            if !blank { previousIndentedCode = isCode && fence == nil && relative >= 4 }
            previousBlank = blank
            code.append(isCode)
            barrier.append(isCode || blank)
        }
    }

    /// Width of a list marker and the spaces after it (`- `, `12. `), or nil.
    func listMarkerWidth(_ rest: ArraySlice<Character>) -> Int? {
        guard let first = rest.first else { return nil }
        var width: Int
        if first == "-" || first == "+" || first == "*" {
            width = 1
        } else {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }.count
            guard digits >= 1, digits <= 9, rest.count > digits,
                  rest[rest.startIndex + digits] == "." || rest[rest.startIndex + digits] == ")" else { return nil }
            width = digits + 1
        }
        let after = rest.dropFirst(width)
        guard let next = after.first, next == " " || next == "\t" else { return after.isEmpty ? width + 1 : nil }
        let spaces = after.prefix { $0 == " " }.count
        return width + (spaces >= 1 && spaces <= 4 ? spaces : 1)
    }

    /// The 1-based (line, column) of character index `i`.
    func position(_ i: Int) -> (Int, Int) {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= i { lo = mid } else { hi = mid - 1 }
        }
        return (lo + 1, i - lineStarts[lo] + 1)
    }

    func lineOf(_ i: Int) -> Int { position(i).0 - 1 }

    /// Index of the first `delimiter` at or after `from` that `accept`s, skipping backslash escapes,
    /// without entering a barrier line; nil if none.
    func find(_ from: Int, _ accept: (Int) -> Bool) -> Int? {
        var j = from
        var line = lineOf(from)
        while j < chars.count {
            let c = chars[j]
            if isNewline(c) {
                line += 1
                if line >= barrier.count || barrier[line] { return nil }
                j += 1
                continue
            }
            if c == "\\" { j += j + 1 < chars.count && isNewline(chars[j + 1]) ? 1 : 2; continue }
            if accept(j) { return j }
            j += 1
        }
        return nil
    }

    mutating func addSpan(from open: Int, texStart: Int, texEnd: Int, close: Int, display: Bool) {
        let (line, column) = position(texStart)
        let tex = String(chars[texStart..<texEnd])
        out += mathPlaceholder(spans.count, display: display)
        spans.append(MathSpan(tex: tex, display: display, line: line, column: column))
        for c in chars[open..<close] where isNewline(c) { out.append(c) }
    }

    mutating func run() -> MathProtection {
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let line = lineOf(i)
            if code[line] {
                let r = lineRange(line)
                out += String(chars[i..<r.upperBound])
                i = r.upperBound
                if i < chars.count { out.append(chars[i]); i += 1 }
                continue
            }
            switch c {
            case "\\":
                out.append(c)
                if i + 1 < chars.count, !isNewline(chars[i + 1]) { out.append(chars[i + 1]); i += 2 } else { i += 1 }
            case "`":
                let n = run(of: "`", at: i)
                if let close = find(i + n, { j in chars[j] == "`" && (j == 0 || chars[j - 1] != "`") && run(of: "`", at: j) == n }) {
                    out += String(chars[i..<(close + n)])
                    i = close + n
                } else {
                    out += String(repeating: "`", count: n)
                    i += n
                }
            case "$" where i + 1 < chars.count && chars[i + 1] == "$":
                if let close = find(i + 2, { j in chars[j] == "$" && j + 1 < chars.count && chars[j + 1] == "$" }),
                   chars[(i + 2)..<close].contains(where: { !$0.isWhitespace }) {
                    addSpan(from: i, texStart: i + 2, texEnd: close, close: close + 2, display: true)
                    i = close + 2
                } else {
                    let (l, col) = position(i)
                    problems.append(MathProblem(line: l, column: col, message: "unterminated display math: no closing $$ before a blank line or the end of the file"))
                    out += "$$"
                    i += 2
                }
            case "$":
                // As pandoc: the math ends at the next unescaped `$`; it is math only if
                // that `$` follows a non-space and no digit follows it. So in
                // "costs $5 and $10" neither dollar opens math.
                if i + 1 < chars.count, !chars[i + 1].isWhitespace,
                   let close = find(i + 1, { j in chars[j] == "$" }),
                   !chars[close - 1].isWhitespace,
                   !(close + 1 < chars.count && chars[close + 1].isASCII && chars[close + 1].isNumber) {
                    addSpan(from: i, texStart: i + 1, texEnd: close, close: close + 1, display: false)
                    i = close + 1
                } else {
                    out.append(c)
                    i += 1
                }
            default:
                out.append(c)
                i += 1
            }
        }
        return MathProtection(text: out, spans: spans, problems: problems)
    }

    func run(of c: Character, at i: Int) -> Int {
        var n = 0
        while i + n < chars.count, chars[i + n] == c { n += 1 }
        return n
    }
}

extension MathSpan {
    /// The source position of a position inside this span's TeX (1-based, as `TeXError` reports it).
    ///
    /// ```swift
    /// // span at line 12, column 5; TeX error at 1:3 -> (12, 7); at 2:3 -> (13, 3)
    /// ```
    /// - Parameters:
    ///   - line: 1-based line within the TeX.
    ///   - column: 1-based column within the TeX.
    /// - Returns: the 1-based line and column in the Markdown source.
    public func sourcePosition(line: Int, column: Int) -> (line: Int, column: Int) {
        line <= 1 ? (self.line, self.column + column - 1) : (self.line + line - 1, column)
    }
}

/// Replaces every math placeholder in `text` (as produced by `protectMath`) by `replacement(index, display)`.
///
/// ```swift
/// replaceMathPlaceholders(in: "a \u{E000}0\u{E001} b") { i, _ in "<math>…</math>" }  // "a <math>…</math> b"
/// ```
/// - Parameters:
///   - text: text that may contain placeholders, e.g. a text node of the parsed Markdown.
///   - replacement: the HTML for span `index`.
/// - Returns: the text with placeholders replaced; anything that is not a well-formed placeholder stays as is.
public func replaceMathPlaceholders(in text: String, _ replacement: (_ index: Int, _ display: Bool) -> String) -> String {
    let scalars = Array(text.unicodeScalars)
    guard scalars.contains(where: { $0 == "\u{E000}" || $0 == "\u{E002}" }) else { return text }
    var out = String.UnicodeScalarView()
    var i = 0
    while i < scalars.count {
        let s = scalars[i]
        if s == "\u{E000}" || s == "\u{E002}" {
            let close: Unicode.Scalar = s == "\u{E000}" ? "\u{E001}" : "\u{E003}"
            var j = i + 1
            var index = 0
            while j < scalars.count, scalars[j].value >= 48, scalars[j].value <= 57, j - i <= 9 {
                index = index * 10 + Int(scalars[j].value - 48)
                j += 1
            }
            if j > i + 1, j < scalars.count, scalars[j] == close {
                out.append(contentsOf: replacement(index, s == "\u{E002}").unicodeScalars)
                i = j + 1
                continue
            }
        }
        out.append(s)
        i += 1
    }
    return String(out)
}
