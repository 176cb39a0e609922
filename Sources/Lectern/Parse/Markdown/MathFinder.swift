/// Finds `$...$` and `$$...$$` in the inline text of one block, with the rules of
/// pandoc's `commonmark+tex_math_dollars` reader:
///
/// - `$$` opens display math, closed by the next `$$`; it holds no single `$` outside
///   braces (braces nest, and a `\` escapes what follows it);
/// - otherwise `$` opens inline math when a non-space follows it; it closes at the
///   next `$` (outside braces) that follows a non-space; an unmatched `}` ends neither;
/// - nothing is math inside a code span, an autolink, raw HTML or a link's
///   destination and title, and a `\$` is a dollar.
///
/// The text is one block's inline text (lines joined by `\n`), so math never crosses
/// a block boundary.
struct MathFinder {
    struct Span: Equatable {
        /// The whole span, delimiters included, as offsets into the text.
        var range: Range<Int>
        var display: Bool
        var tex: Range<Int> { (range.lowerBound + (display ? 2 : 1))..<(range.upperBound - (display ? 2 : 1)) }
    }

    let text: [UInt8]
    var spans: [Span] = []
    /// Offsets of `$$` that open nothing (and are left as text).
    var unclosedDisplay: [Int] = []

    init(_ text: [UInt8]) {
        self.text = text
        scan()
    }

    private static let dollar = UInt8(ascii: "$"), backslash = UInt8(ascii: "\\"), backtick = UInt8(ascii: "`")

    private func isSpace(_ i: Int) -> Bool {
        i < text.count && (text[i] == 0x20 || text[i] == 0x09 || text[i] == 0x0A || text[i] == 0x0D)
    }

    private func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b >= 0x80
    }

    /// The end of the token after a backslash at `i` (the escape takes one whole token:
    /// a word, a run of spaces, a line break or one symbol); nil at the end of the text.
    private func escapeEnd(_ i: Int) -> Int? {
        let j = i + 1
        guard j < text.count else { return nil }
        let b = text[j]
        if isWordByte(b) {
            var k = j
            while k < text.count, isWordByte(text[k]) { k += 1 }
            return k
        }
        if b == 0x20 || b == 0x09 {
            var k = j
            while k < text.count, text[k] == 0x20 || text[k] == 0x09 { k += 1 }
            return k
        }
        return j + 1
    }

    private mutating func scan() {
        var i = 0
        var brackets = 0
        while i < text.count {
            switch text[i] {
            case Self.backslash:
                i = escapeEnd(i) ?? i + 1
            case Self.backtick:
                let n = run(Self.backtick, at: i)
                if let close = closingBackticks(n, from: i + n) { i = close + n } else { i += n }
            case UInt8(ascii: "<"):
                i = InlineSyntax.autolinkOrHTMLEnd(text, at: i) ?? i + 1
            case UInt8(ascii: "["):
                brackets += 1
                i += 1
            case UInt8(ascii: "]"):
                if brackets > 0 {
                    brackets -= 1
                    if i + 1 < text.count, text[i + 1] == UInt8(ascii: "("),
                       let end = InlineSyntax.linkTailEnd(text, at: i + 1) {
                        i = end
                        continue
                    }
                }
                i += 1
            case Self.dollar:
                i = dollar(at: i)
            default:
                i += 1
            }
        }
    }

    private func run(_ b: UInt8, at i: Int) -> Int {
        var n = 0
        while i + n < text.count, text[i + n] == b { n += 1 }
        return n
    }

    private func closingBackticks(_ n: Int, from start: Int) -> Int? {
        var j = start
        while j < text.count {
            if text[j] == Self.backtick {
                let m = run(Self.backtick, at: j)
                if m == n { return j }
                j += m
            } else {
                j += 1
            }
        }
        return nil
    }

    /// Tries math at the `$` at `i`; returns where scanning goes on.
    private mutating func dollar(at i: Int) -> Int {
        if i + 1 < text.count, text[i + 1] == Self.dollar {
            if let close = closingDollar(from: i + 2, display: true) {
                spans.append(Span(range: i..<(close + 2), display: true))
                return close + 2
            }
            // As pandoc, try again one `$` on (`$$$x$$` is `$` and display math; `$$x$` is `$`
            // and inline math); an unclosed `$$` that nothing after it opens is warned about.
            if i == 0 || text[i - 1] != Self.dollar, !opensMath(at: i + 1) { unclosedDisplay.append(i) }
            return i + 1
        }
        if let close = closingDollar(from: i + 1, display: false) {
            spans.append(Span(range: i..<(close + 1), display: false))
            return close + 1
        }
        return i + 1
    }

    /// The end of the brace group opening at `j`: braces nest, and anything goes inside
    /// (a `$` too); nil when it is never closed.
    private func braceEnd(_ j: Int) -> Int? {
        var depth = 0
        var k = j
        while k < text.count {
            switch text[k] {
            case Self.backslash:
                guard let e = escapeEnd(k) else { return nil }
                k = e
                continue
            case UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: "}"):
                depth -= 1
                if depth == 0 { return k + 1 }
            default: break
            }
            k += 1
        }
        return nil
    }

    /// Whether math opens at the `$` at `i`.
    private func opensMath(at i: Int) -> Bool {
        if i + 1 < text.count, text[i + 1] == Self.dollar { return closingDollar(from: i + 2, display: true) != nil }
        return closingDollar(from: i + 1, display: false) != nil
    }

    /// The offset of the `$` (inline) or `$$` (display) that closes math whose TeX
    /// starts at `start`. Escapes and brace groups are skipped whole; an unmatched `}`
    /// ends the search. Inline TeX may not start with a space or `$`, nor end with a
    /// space before its `$`.
    private func closingDollar(from start: Int, display: Bool) -> Int? {
        if !display {
            guard start < text.count, !isSpace(start), text[start] != Self.dollar else { return nil }
        }
        var j = start
        while j < text.count {
            let b = text[j]
            if b == Self.backslash {
                guard let e = escapeEnd(j) else { return nil }
                j = e
            } else if b == UInt8(ascii: "{") {
                guard let e = braceEnd(j) else { return nil }
                j = e
            } else if b == UInt8(ascii: "}") {
                return nil
            } else if b == Self.dollar {
                guard display else { return j }
                return j + 1 < text.count && text[j + 1] == Self.dollar ? j : nil
            } else if !display, isSpace(j) {
                while isSpace(j) { j += 1 }
                if j < text.count, text[j] == Self.dollar { return nil }
            } else {
                j += 1
            }
        }
        return nil
    }
}

/// Inline constructs of CommonMark that math, strikethrough and autolinks do not enter.
enum InlineSyntax {
    static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// The end of an autolink (`<https://...>`, `<a@b.c>`) or a raw HTML tag, comment,
    /// processing instruction, declaration or CDATA section starting at the `<` at `i`.
    static func autolinkOrHTMLEnd(_ t: [UInt8], at i: Int) -> Int? {
        let n = t.count
        guard i + 1 < n else { return nil }
        // URI autolink: scheme of 2-32 characters, `:`, no spaces, `<` or `>`.
        if isASCIILetter(t[i + 1]) {
            var k = i + 1
            while k < n, isASCIILetter(t[k]) || isDigit(t[k]) || t[k] == UInt8(ascii: "+") || t[k] == UInt8(ascii: ".") || t[k] == UInt8(ascii: "-") { k += 1 }
            if k < n, t[k] == UInt8(ascii: ":"), (2...32).contains(k - i - 1) {
                var m = k + 1
                while m < n, t[m] > 0x20, t[m] != UInt8(ascii: "<"), t[m] != UInt8(ascii: ">") { m += 1 }
                if m < n, t[m] == UInt8(ascii: ">") { return m + 1 }
            }
        }
        // E-mail autolink.
        var k = i + 1
        while k < n, isASCIILetter(t[k]) || isDigit(t[k]) || ".!#$%&'*+/=?^_`{|}~-".utf8.contains(t[k]) { k += 1 }
        if k > i + 1, k < n, t[k] == UInt8(ascii: "@") {
            var m = k + 1
            while m < n, isASCIILetter(t[m]) || isDigit(t[m]) || t[m] == UInt8(ascii: "-") || t[m] == UInt8(ascii: ".") { m += 1 }
            if m > k + 1, m < n, t[m] == UInt8(ascii: ">") { return m + 1 }
        }
        return htmlEnd(t, at: i)
    }

    private static func find(_ t: [UInt8], _ pattern: String, from: Int) -> Int? {
        let p = Array(pattern.utf8)
        var j = from
        while j + p.count <= t.count {
            if t[j] == p[0], Array(t[j..<(j + p.count)]) == p { return j }
            j += 1
        }
        return nil
    }

    private static func starts(_ t: [UInt8], _ prefix: String, at i: Int) -> Bool {
        let p = Array(prefix.utf8)
        return i + p.count <= t.count && Array(t[i..<(i + p.count)]) == p
    }

    /// The end of raw inline HTML at `i`, as CommonMark defines it.
    static func htmlEnd(_ t: [UInt8], at i: Int) -> Int? {
        let n = t.count
        if starts(t, "<!--", at: i) {
            if starts(t, "<!-->", at: i) || starts(t, "<!--->", at: i) { return nil }
            return find(t, "-->", from: i + 4).map { $0 + 3 }
        }
        if starts(t, "<?", at: i) { return find(t, "?>", from: i + 2).map { $0 + 2 } }
        if starts(t, "<![CDATA[", at: i) { return find(t, "]]>", from: i + 9).map { $0 + 3 } }
        if starts(t, "<!", at: i), i + 2 < n, isASCIILetter(t[i + 2]) { return find(t, ">", from: i + 2).map { $0 + 1 } }
        var k = i + 1
        let closing = k < n && t[k] == UInt8(ascii: "/")
        if closing { k += 1 }
        guard k < n, isASCIILetter(t[k]) else { return nil }
        while k < n, isASCIILetter(t[k]) || isDigit(t[k]) || t[k] == UInt8(ascii: "-") { k += 1 }
        func skipSpace() -> Bool {
            let s = k
            while k < n, t[k] == 0x20 || t[k] == 0x09 || t[k] == 0x0A || t[k] == 0x0D { k += 1 }
            return k > s
        }
        if closing {
            _ = skipSpace()
            return k < n && t[k] == UInt8(ascii: ">") ? k + 1 : nil
        }
        while true {
            let spaced = skipSpace()
            guard k < n else { return nil }
            if t[k] == UInt8(ascii: ">") { return k + 1 }
            if t[k] == UInt8(ascii: "/") { return k + 1 < n && t[k + 1] == UInt8(ascii: ">") ? k + 2 : nil }
            // An attribute: a name, and optionally `=` and a value.
            guard spaced, isASCIILetter(t[k]) || t[k] == UInt8(ascii: "_") || t[k] == UInt8(ascii: ":") else { return nil }
            while k < n, isASCIILetter(t[k]) || isDigit(t[k]) || "_.:-".utf8.contains(t[k]) { k += 1 }
            let before = k
            _ = skipSpace()
            if k < n, t[k] == UInt8(ascii: "=") {
                k += 1
                _ = skipSpace()
                guard k < n else { return nil }
                if t[k] == UInt8(ascii: "\"") || t[k] == UInt8(ascii: "'") {
                    let q = t[k]
                    k += 1
                    while k < n, t[k] != q { k += 1 }
                    guard k < n else { return nil }
                    k += 1
                } else {
                    let s = k
                    while k < n, !(t[k] <= 0x20 || "\"'=<>`".utf8.contains(t[k])) { k += 1 }
                    guard k > s else { return nil }
                }
            } else {
                k = before
            }
        }
    }

    /// The end of a link's `(destination "title")` starting at the `(` at `i`, or nil.
    static func linkTailEnd(_ t: [UInt8], at i: Int) -> Int? {
        let n = t.count
        var k = i + 1
        func skipSpace() { while k < n, t[k] == 0x20 || t[k] == 0x09 || t[k] == 0x0A || t[k] == 0x0D { k += 1 } }
        skipSpace()
        guard k < n else { return nil }
        if t[k] == UInt8(ascii: "<") {
            k += 1
            while k < n, t[k] != UInt8(ascii: ">") {
                if t[k] == 0x0A || t[k] == UInt8(ascii: "<") { return nil }
                k += t[k] == UInt8(ascii: "\\") ? 2 : 1
            }
            guard k < n else { return nil }
            k += 1
        } else {
            var depth = 0
            while k < n, t[k] > 0x20 {
                if t[k] == UInt8(ascii: "\\") { k += 2; continue }
                if t[k] == UInt8(ascii: "(") { depth += 1 }
                if t[k] == UInt8(ascii: ")") {
                    if depth == 0 { break }
                    depth -= 1
                }
                k += 1
            }
            k = min(k, n)
        }
        let beforeTitle = k
        skipSpace()
        guard k < n else { return nil }
        if t[k] == UInt8(ascii: ")") { return k + 1 }
        guard k > beforeTitle, t[k] == UInt8(ascii: "\"") || t[k] == UInt8(ascii: "'") || t[k] == UInt8(ascii: "(") else { return nil }
        let close = t[k] == UInt8(ascii: "(") ? UInt8(ascii: ")") : t[k]
        k += 1
        while k < n, t[k] != close { k += t[k] == UInt8(ascii: "\\") ? 2 : 1 }
        guard k < n else { return nil }
        k += 1
        skipSpace()
        return k < n && t[k] == UInt8(ascii: ")") ? k + 1 : nil
    }
}
