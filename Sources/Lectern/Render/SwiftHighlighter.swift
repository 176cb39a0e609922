/// Highlights Swift source code as HTML, at build time, without JavaScript.
///
/// The result is the HTML-escaped code with `<span class="…">` around tokens:
/// `kw` keywords, `type` capitalised identifiers, `str` string literal text,
/// `esc` escape sequences, `interp` the `\(` and `)` of an interpolation (the code
/// between them is highlighted as code), `num` numbers, `com` comments (`com doc`
/// for doc comments), `attr` attributes such as `@MainActor`, and `dir` compiler
/// directives and macros such as `#sourceLocation` or `#if`.
///
/// Spans never cross a line break, so every output line is balanced HTML, and
/// spans never nest. No character is lost or reordered: removing the tags and
/// unescaping `&lt;`, `&gt;` and `&amp;` gives back the input exactly. Malformed
/// code (an unterminated string or comment) is highlighted as far as it goes.
///
/// ```swift
/// highlightSwift("let n = 1 // one")
/// // <span class="kw">let</span> n = <span class="num">1</span> <span class="com">// one</span>
/// ```
///
/// - Parameter code: Swift source, possibly incomplete.
/// - Returns: HTML text for the inside of a `<pre><code>` element.
/// - Complexity: O(n) in the length of `code`.
func highlightSwift(_ code: String) -> String {
    var lexer = SwiftHighlightLexer(Array(code.unicodeScalars))
    lexer.code(stop: .end)
    return String(decoding: lexer.out, as: UTF8.self)
}

/// A hand-written lexer over Unicode scalars that writes HTML as it goes.
struct SwiftHighlightLexer {
    enum Stop: Equatable {
        /// Top level: run to the end of the input.
        case end
        /// Inside `\( … )`: stop before the unmatched `)`; a single-line string's
        /// interpolation also stops before a line break.
        case interpolation(singleLine: Bool)
    }

    let s: [Unicode.Scalar]
    var i = 0
    /// The HTML written so far, as UTF-8.
    var out: [UInt8] = []

    init(_ scalars: [Unicode.Scalar]) {
        s = scalars
        out.reserveCapacity(scalars.count * 2)
    }

    func at(_ k: Int) -> Unicode.Scalar? { k < s.count ? s[k] : nil }

    // MARK: Output

    mutating func appendEscaped(_ c: Unicode.Scalar) {
        switch c {
        case "&": out.append(contentsOf: "&amp;".utf8)
        case "<": out.append(contentsOf: "&lt;".utf8)
        case ">": out.append(contentsOf: "&gt;".utf8)
        default: append(c)
        }
    }

    mutating func append(_ c: Unicode.Scalar) {
        if c.isASCII {
            out.append(UInt8(c.value))
        } else {
            UTF8.encode(c) { out.append($0) }
        }
    }

    /// Writes `s[range]`, wrapped in a span of class `cls` that is closed before
    /// every line break and reopened after it.
    mutating func emit(_ range: Range<Int>, _ cls: String?) {
        guard let cls else {
            for j in range { appendEscaped(s[j]) }
            return
        }
        var open = false
        for j in range {
            let c = s[j]
            if c == "\n" || c == "\r" {
                if open { out.append(contentsOf: "</span>".utf8); open = false }
                append(c)
            } else {
                if !open {
                    out.append(contentsOf: "<span class=\"".utf8)
                    out.append(contentsOf: cls.utf8)
                    out.append(contentsOf: "\">".utf8)
                    open = true
                }
                appendEscaped(c)
            }
        }
        if open { out.append(contentsOf: "</span>".utf8) }
    }

    // MARK: Code

    mutating func code(stop: Stop) {
        var depth = 0
        while i < s.count {
            let c = s[i]
            let next = at(i + 1)
            switch c {
            case "\n", "\r":
                if stop == .interpolation(singleLine: true) { return }
                emit(i..<i + 1, nil); i += 1
            case "(":
                depth += 1
                emit(i..<i + 1, nil); i += 1
            case ")":
                if stop != .end && depth == 0 { return }
                depth -= 1
                emit(i..<i + 1, nil); i += 1
            case "/" where next == "/":
                lineComment()
            case "/" where next == "*":
                blockComment()
            case "\"":
                string(pounds: 0)
            case "#":
                var n = 1
                while at(i + n) == "#" { n += 1 }
                if at(i + n) == "\"" {
                    string(pounds: n)
                } else if n == 1, let d = next, isIdentifierStart(d) {
                    let start = i
                    i += 1
                    while let x = at(i), isIdentifierContinue(x) { i += 1 }
                    emit(start..<i, "dir")
                } else {
                    emit(i..<i + 1, nil); i += 1
                }
            case "@" where next.map(isIdentifierStart) ?? false:
                let start = i
                i += 1
                while let x = at(i), isIdentifierContinue(x) { i += 1 }
                emit(start..<i, "attr")
            case "`":
                // A backtick-escaped identifier is never a keyword.
                var j = i + 1
                while let x = at(j), x != "`", x != "\n", x != "\r" { j += 1 }
                if at(j) == "`" { j += 1 }
                emit(i..<j, nil); i = j
            case "0"..."9":
                number()
            default:
                if isIdentifierStart(c) {
                    identifier()
                } else {
                    emit(i..<i + 1, nil); i += 1
                }
            }
        }
    }

    mutating func lineComment() {
        let start = i
        let doc = at(i + 2) == "/" && at(i + 3) != "/"
        while let x = at(i), x != "\n", x != "\r" { i += 1 }
        emit(start..<i, doc ? "com doc" : "com")
    }

    /// A block comment; Swift's block comments nest.
    mutating func blockComment() {
        let start = i
        i += 2
        let doc = at(i) == "*" && at(i + 1) != "/"
        var depth = 1
        while i < s.count && depth > 0 {
            if s[i] == "/" && at(i + 1) == "*" {
                depth += 1; i += 2
            } else if s[i] == "*" && at(i + 1) == "/" {
                depth -= 1; i += 2
            } else {
                i += 1
            }
        }
        emit(start..<i, doc ? "com doc" : "com")
    }

    mutating func number() {
        let start = i
        func digits(_ ok: (Unicode.Scalar) -> Bool) {
            while let x = at(i), ok(x) || x == "_" { i += 1 }
        }
        if s[i] == "0", let p = at(i + 1), p == "x" || p == "o" || p == "b" {
            i += 2
            if p == "x" {
                digits(isHexDigit)
                if at(i) == ".", let d = at(i + 1), isHexDigit(d) { i += 1; digits(isHexDigit) }
                exponent(markers: ["p", "P"])
            } else {
                digits(isDecimalDigit)
            }
        } else {
            digits(isDecimalDigit)
            if at(i) == ".", let d = at(i + 1), isDecimalDigit(d) { i += 1; digits(isDecimalDigit) }
            exponent(markers: ["e", "E"])
        }
        emit(start..<i, "num")
    }

    mutating func exponent(markers: [Unicode.Scalar]) {
        guard let e = at(i), markers.contains(e) else { return }
        var j = i + 1
        if at(j) == "+" || at(j) == "-" { j += 1 }
        guard let d = at(j), isDecimalDigit(d) else { return }
        i = j
        while let x = at(i), isDecimalDigit(x) || x == "_" { i += 1 }
    }

    mutating func identifier() {
        let start = i
        i += 1
        while let x = at(i), isIdentifierContinue(x) { i += 1 }
        var word = String.UnicodeScalarView()
        word.append(contentsOf: s[start..<i])
        let text = String(word)
        // `x.default` is a member, not a keyword; `1...count` is a range.
        let afterDot = start > 0 && s[start - 1] == "." && !(start > 1 && s[start - 2] == ".")
        // `f(for: x)` uses a keyword as an argument label.
        let isLabel = at(i) == ":" && at(i + 1) != ":" && text != "default"
        let cls: String?
        if afterDot {
            cls = memberKeywords.contains(text) ? "kw" : (s[start].properties.isUppercase ? "type" : nil)
        } else if swiftKeywords.contains(text) && !isLabel {
            cls = "kw"
        } else if s[start].properties.isUppercase {
            cls = "type"
        } else {
            cls = nil
        }
        emit(start..<i, cls)
    }

    // MARK: Strings

    /// True when `n` pound signs start at `k`.
    func pounds(at k: Int, _ n: Int) -> Bool {
        guard k + n <= s.count else { return false }
        for j in k..<k + n where s[j] != "#" { return false }
        return true
    }

    /// A string literal starting at `i` with `n` leading `#` (a raw string when n > 0):
    /// `"…"`, `"""…"""`, `#"…"#`. Escapes and interpolations take `n` pounds after
    /// the backslash. An unterminated single-line string ends at the line break.
    mutating func string(pounds n: Int) {
        var segment = i
        i += n
        let multiline = at(i + 1) == "\"" && at(i + 2) == "\""
        i += multiline ? 3 : 1
        while i < s.count {
            let c = s[i]
            if !multiline && (c == "\n" || c == "\r") { break }
            if c == "\\" && pounds(at: i + 1, n) {
                let after = i + 1 + n
                emit(segment..<i, "str")
                if at(after) == "(" {
                    emit(i..<after + 1, "interp")
                    i = after + 1
                    code(stop: .interpolation(singleLine: !multiline))
                    segment = i
                    guard at(i) == ")" else { break }  // unterminated interpolation
                    emit(i..<i + 1, "interp")
                    i += 1
                    segment = i
                } else {
                    var end = after
                    if at(end) == "u" && at(end + 1) == "{" {
                        end += 2
                        while let x = at(end), isHexDigit(x) { end += 1 }
                        if at(end) == "}" { end += 1 }
                    } else if let x = at(end), x != "\n", x != "\r" {
                        end += 1
                    }
                    emit(i..<end, "esc")
                    i = end
                    segment = i
                }
                continue
            }
            if c == "\"" {
                if multiline {
                    if at(i + 1) == "\"" && at(i + 2) == "\"" && pounds(at: i + 3, n) {
                        i += 3 + n
                        break
                    }
                } else if pounds(at: i + 1, n) {
                    i += 1 + n
                    break
                }
            }
            i += 1
        }
        emit(segment..<i, "str")
    }
}

// MARK: Character classes

private func isDecimalDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }

private func isHexDigit(_ c: Unicode.Scalar) -> Bool {
    ("0"..."9").contains(c) || ("a"..."f").contains(c) || ("A"..."F").contains(c)
}

private func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
    if c.isASCII {
        return ("a"..."z").contains(c) || ("A"..."Z").contains(c) || c == "_" || c == "$"
    }
    let p = c.properties
    return p.isAlphabetic || (p.isEmoji && c.value > 0xFF)
}

private func isIdentifierContinue(_ c: Unicode.Scalar) -> Bool {
    if isIdentifierStart(c) || isDecimalDigit(c) { return true }
    if c.isASCII { return false }
    switch c.properties.generalCategory {
    case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation: return true
    default: return c.value == 0x200D || (0xFE00...0xFE0F).contains(c.value)
    }
}

/// Keywords, including the contextual ones that are almost always used as keywords.
private let swiftKeywords: Set<String> = [
    "actor", "any", "as", "associatedtype", "async", "await", "break", "case", "catch", "class",
    "continue", "convenience", "default", "defer", "deinit", "didSet", "do", "dynamic", "else",
    "enum", "extension", "fallthrough", "false", "fileprivate", "final", "for", "func", "get",
    "guard", "if", "import", "in", "indirect", "init", "inout", "internal", "is", "isolated",
    "lazy", "let", "macro", "mutating", "nil", "nonisolated", "nonmutating", "open", "operator",
    "override", "precedencegroup", "private", "protocol", "public", "repeat", "required",
    "rethrows", "return", "self", "Self", "sending", "set", "some", "static", "struct",
    "subscript", "super", "switch", "throw", "throws", "true", "try", "typealias", "unowned",
    "var", "weak", "where", "while", "willSet", "Any", "borrowing", "consuming",
]

/// Keywords that stay keywords after a dot: `.init`, `.self`, `T.Type`.
private let memberKeywords: Set<String> = ["init", "self", "Type", "Protocol"]
