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
    var text = source
    text.makeContiguousUTF8()
    var bytes = text
    return bytes.withUTF8 { buffer in
        var scanner = MathScanner(text, bytes: buffer)
        return scanner.run()
    }
}

/// Scans the UTF-8 bytes of the source. Every byte this scanner acts on is ASCII, and an ASCII byte
/// counts as that character only when it is a whole `Character` of the source (not joined to a
/// neighbouring scalar, as in `$` followed by a combining accent), so the result is the same as
/// walking the source's `Character`s, only without building them.
///
/// A first pass, eight bytes at a time, finds the lines (and classifies them) and the marks (`$`,
/// backticks, backslashes); the scan then visits only the marks. The protected text is the source
/// with each span replaced, so the scanner only copies the stretches between spans.
private struct MathScanner {
    let source: String
    /// The UTF-8 of `source`, valid while the scanner runs (see `protectMath`).
    let bytes: UnsafeBufferPointer<UInt8>
    /// Byte offset of the first byte of each line.
    var lineStarts: [Int] = [0]
    /// Lines that math cannot enter or cross: blank lines and code-block lines.
    var barrier: [Bool] = []
    var code: [Bool] = []
    /// Byte offsets of every `$`, backtick and backslash, in order: the only bytes the scan acts on.
    var marks: [Int] = []
    /// The protected text so far: copied from the source as substrings, so it is not validated again.
    var out = ""
    /// The source bytes before this offset are in `out` (or replaced by a placeholder).
    var copied = 0
    var spans: [MathSpan] = []
    var problems: [MathProblem] = []

    static let newline: UInt8 = 0x0A, carriageReturn: UInt8 = 0x0D
    static let dollar = UInt8(ascii: "$"), backtick = UInt8(ascii: "`"), backslash = UInt8(ascii: "\\")

    init(_ text: String, bytes: UnsafeBufferPointer<UInt8>) {
        source = text
        self.bytes = bytes
        let count = bytes.count
        var classifier = LineClassifier()
        var units: [UInt8] = []
        var lineStart = 0
        var nonASCII = false
        // Eight bytes at a time: find the line breaks and the marks by bit masks, and note whether
        // each line holds a non-ASCII byte.
        var i = 0
        while i + 8 <= count {
            let w = Self.word(bytes, at: i)
            let breaks = Self.matches(w, Self.newline) | Self.matches(w, Self.carriageReturn)
            let found = Self.matches(w, Self.dollar) | Self.matches(w, Self.backtick) | Self.matches(w, Self.backslash)
            let high = w & Self.highBits
            var events = breaks | found
            while events != 0 {
                let flag = events & (0 &- events)
                events &= events - 1
                let p = i + flag.trailingZeroBitCount >> 3
                if found & flag != 0 {
                    marks.append(p)
                } else if p >= lineStart {   // (else the line feed of a CR LF)
                    if high & (flag - 1) & Self.bytes(from: lineStart - i) != 0 { nonASCII = true }
                    classify(lineStart..<p, ascii: !nonASCII, &classifier, &units)
                    lineStart = endOfBreak(at: p)
                    nonASCII = false
                }
            }
            if high & Self.bytes(from: lineStart - i) != 0 { nonASCII = true }
            i += 8
        }
        while i < count {
            let b = bytes[i]
            if b == Self.dollar || b == Self.backtick || b == Self.backslash {
                marks.append(i)
            } else if b == Self.newline || b == Self.carriageReturn {
                if i >= lineStart {
                    classify(lineStart..<i, ascii: !nonASCII, &classifier, &units)
                    lineStart = endOfBreak(at: i)
                    nonASCII = false
                }
            } else if b >= 0x80 {
                nonASCII = true
            }
            i += 1
        }
        classify(lineStart..<count, ascii: !nonASCII, &classifier, &units)
        out.reserveCapacity(count + count / 16)
    }

    /// The offset just past the line break at `p`, which starts the next line (recorded in `lineStarts`).
    mutating func endOfBreak(at p: Int) -> Int {
        let next = bytes[p] == Self.carriageReturn && p + 1 < count && bytes[p + 1] == Self.newline ? p + 2 : p + 1
        lineStarts.append(next)
        return next
    }

    /// Classifies the line of bytes `range` (without its line break) as code, blank or prose.
    /// - Parameters:
    ///   - ascii: whether the line is all ASCII.
    ///   - units: scratch space for a line that is not.
    mutating func classify(_ range: Range<Int>, ascii: Bool, _ classifier: inout LineClassifier, _ units: inout [UInt8]) {
        let (isCode, blank): (Bool, Bool)
        if ascii {
            (isCode, blank) = classifier.next(UnsafeBufferPointer(rebasing: bytes[range]))
        } else {
            // One unit per Character: its ASCII value, or 0x80 for any other Character.
            units.removeAll(keepingCapacity: true)
            for c in string(range) { units.append(c.asciiValue ?? 0x80) }
            (isCode, blank) = units.withUnsafeBufferPointer { classifier.next($0) }
        }
        code.append(isCode)
        barrier.append(isCode || blank)
    }

    static let lowBits: UInt64 = 0x0101_0101_0101_0101, highBits: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes at `i` (with `i + 8 <= bytes.count`), the first in the lowest bits.
    static func word(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress.unsafelyUnwrapped + i).loadUnaligned(as: UInt64.self))
    }

    /// The high bit of each byte of `word` that is `b`, and no other bit.
    static func matches(_ word: UInt64, _ b: UInt8) -> UInt64 {
        let x = word ^ (lowBits &* UInt64(b))
        let low = ~highBits
        return ~(((x & low) &+ low) | x) & highBits
    }

    /// A mask of the bytes of a word from byte `k` on (all of them for `k <= 0`, none for `k >= 8`).
    static func bytes(from k: Int) -> UInt64 {
        k <= 0 ? ~0 : k >= 8 ? 0 : ~0 << (8 * UInt64(k))
    }

    var count: Int { bytes.count }

    func isNewlineByte(_ b: UInt8) -> Bool { b == Self.newline || b == Self.carriageReturn }

    /// ASCII whitespace as `Character.isWhitespace` sees it (tab, line feed, vertical tab, form feed, carriage return, space).
    func isASCIIWhitespace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

    /// The string index of byte offset `i` (a scalar boundary).
    func index(_ i: Int) -> String.Index { source.utf8.index(source.utf8.startIndex, offsetBy: i) }

    /// Byte length of the UTF-8 sequence whose lead byte is `b`.
    func sequenceLength(_ b: UInt8) -> Int { b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4 }

    /// The text of bytes `range` (scalar boundaries).
    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// True if the ASCII byte at `i` is a whole `Character` of the source.
    func standalone(_ i: Int) -> Bool {
        if i + 1 < count, bytes[i + 1] >= 0x80 {
            let end = min(count, i + 1 + sequenceLength(bytes[i + 1]))
            if string(i..<end).count == 1 { return false }
        }
        if i > 0, bytes[i - 1] >= 0x80 {
            var start = i - 1
            while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
            if string(start..<(i + 1)).count == 1 { return false }
        }
        return true
    }

    /// True if the character at byte `i` is the ASCII character `c`.
    func at(_ i: Int, _ c: UInt8) -> Bool { i < count && bytes[i] == c && standalone(i) }

    /// The byte offset just past the `Character` that starts at byte `i` (a character boundary).
    func characterEnd(_ i: Int) -> Int {
        guard i < count else { return count }
        let b = bytes[i]
        if b < 0x80, i + 1 >= count || (bytes[i + 1] < 0x80 && !(b == Self.carriageReturn && bytes[i + 1] == Self.newline)) {
            return i + 1
        }
        guard let c = Substring(source.unicodeScalars[index(i)...]).first else { return count }
        return i + c.utf8.count
    }

    /// Whether the `Character` that starts at byte `i` (a character boundary) is whitespace.
    func isWhitespaceCharacter(at i: Int) -> Bool {
        if bytes[i] < 0x80, i + 1 >= count || bytes[i + 1] < 0x80 { return isASCIIWhitespace(bytes[i]) }
        return Substring(source.unicodeScalars[index(i)...]).first?.isWhitespace ?? false
    }

    /// Whether the last `Character` of bytes `start..<end` (both character boundaries, start < end) is whitespace.
    func isWhitespaceCharacter(endingAt end: Int, from start: Int) -> Bool {
        if bytes[end - 1] < 0x80, end - 1 == start || bytes[end - 2] < 0x80 { return isASCIIWhitespace(bytes[end - 1]) }
        return Substring(source.unicodeScalars[index(start)..<index(end)]).last?.isWhitespace ?? false
    }

    /// Whether bytes `range` (character boundaries) hold a character that is not whitespace.
    func hasNonWhitespace(_ range: Range<Int>) -> Bool {
        var ascii = true
        for i in range {
            if bytes[i] >= 0x80 { ascii = false; break }
            if !isASCIIWhitespace(bytes[i]) { return true }
        }
        return !ascii && string(range).contains { !$0.isWhitespace }
    }

    /// The line (0-based) holding byte `i`, searching forward from line `l` (at or before it).
    func line(of i: Int, from l: Int) -> Int {
        var l = l
        while l + 1 < lineStarts.count, lineStarts[l + 1] <= i { l += 1 }
        return l
    }

    /// The 1-based (line, column in characters) of byte `i` (a character boundary) on line `l` (0-based).
    func position(_ i: Int, line l: Int) -> (Int, Int) {
        let prefix = lineStarts[l]..<i
        var ascii = true
        for k in prefix where bytes[k] >= 0x80 {
            ascii = false
            break
        }
        return (l + 1, (ascii ? prefix.count : string(prefix).count) + 1)
    }

    /// What ends a code span or math.
    enum Closing {
        /// A run of exactly this many backticks.
        case backticks(Int)
        /// `$$`.
        case display
        /// `$`.
        case inline
    }

    /// Whether the closing delimiter starts at byte `j`.
    func closes(at j: Int, _ closing: Closing) -> Bool {
        switch closing {
        case .backticks(let n):
            return at(j, Self.backtick) && (j == 0 || !at(j - 1, Self.backtick)) && run(of: Self.backtick, at: j) == n
        case .display: return at(j, Self.dollar) && at(j + 1, Self.dollar)
        case .inline: return at(j, Self.dollar)
        }
    }

    /// Byte offset of the first `closing` delimiter at or after `from` (on line `line` or after),
    /// skipping backslash escapes, without entering a barrier line; nil if none.
    /// `mark` is the index in `marks` of a mark at or before `from`.
    func find(_ from: Int, line: Int, mark: Int, _ closing: Closing) -> Int? {
        let target: UInt8
        if case .backticks = closing { target = Self.backtick } else { target = Self.dollar }
        var j = from
        var line = self.line(of: from, from: line)
        var k = mark
        while true {
            while k < marks.count, marks[k] < j { k += 1 }
            let q = k < marks.count ? marks[k] : count
            // Cross the line breaks before the mark.
            while line + 1 < lineStarts.count, lineStarts[line + 1] <= q {
                line += 1
                if barrier[line] { return nil }
            }
            guard q < count else { return nil }
            let c = bytes[q]
            if c == Self.backslash, standalone(q) {
                j = q + 1 < count && isNewlineByte(bytes[q + 1]) ? q + 1 : characterEnd(q + 1)
                continue
            }
            if c == target, closes(at: q, closing) { return q }
            j = q + 1
        }
    }

    /// Replaces bytes `open..<close` by the placeholder of a new span and the line breaks they held.
    mutating func addSpan(from open: Int, texStart: Int, texEnd: Int, close: Int, display: Bool, line: Int) {
        let (line, column) = position(texStart, line: self.line(of: texStart, from: line))
        out.append(contentsOf: source[index(copied)..<index(open)])
        out += mathPlaceholder(spans.count, display: display)
        for i in open..<close where isNewlineByte(bytes[i]) { out += bytes[i] == Self.newline ? "\n" : "\r" }
        copied = close
        spans.append(MathSpan(tex: String(source[index(texStart)..<index(texEnd)]), display: display, line: line, column: column))
    }

    func run(of c: UInt8, at i: Int) -> Int {
        var n = 0
        while at(i + n, c) { n += 1 }
        return n
    }

    mutating func run() -> MathProtection {
        var i = 0
        var line = 0
        var mark = 0
        while true {
            // Go to the next mark: nothing else can start a code span or math.
            while mark < marks.count, marks[mark] < i { mark += 1 }
            guard mark < marks.count else { break }
            i = marks[mark]
            line = self.line(of: i, from: line)
            if code[line] {
                i = line + 1 < lineStarts.count ? lineStarts[line + 1] : count
                continue
            }
            let c = bytes[i]
            guard standalone(i) else {
                i += 1
                continue
            }
            if c == Self.backslash {
                i = i + 1 < count && !isNewlineByte(bytes[i + 1]) ? characterEnd(i + 1) : i + 1
            } else if c == Self.backtick {
                let n = run(of: Self.backtick, at: i)
                if let close = find(i + n, line: line, mark: mark, .backticks(n)) {
                    i = close + n
                } else {
                    i += n
                }
            } else if at(i + 1, Self.dollar) {
                if let close = find(i + 2, line: line, mark: mark, .display),
                   hasNonWhitespace((i + 2)..<close) {
                    addSpan(from: i, texStart: i + 2, texEnd: close, close: close + 2, display: true, line: line)
                    i = close + 2
                } else {
                    let (l, col) = position(i, line: line)
                    problems.append(MathProblem(line: l, column: col, message: "unterminated display math: no closing $$ before a blank line or the end of the file"))
                    i += 2
                }
            } else {
                // As pandoc: the math ends at the next unescaped `$`; it is math only if
                // that `$` follows a non-space and no digit follows it. So in
                // "costs $5 and $10" neither dollar opens math.
                if i + 1 < count, !isWhitespaceCharacter(at: i + 1),
                   let close = find(i + 1, line: line, mark: mark, .inline),
                   !isWhitespaceCharacter(endingAt: close, from: i),
                   !(close + 1 < count && bytes[close + 1] >= UInt8(ascii: "0") && bytes[close + 1] <= UInt8(ascii: "9") && standalone(close + 1)) {
                    addSpan(from: i, texStart: i + 1, texEnd: close, close: close + 1, display: false, line: line)
                    i = close + 1
                } else {
                    i += 1
                }
            }
        }
        out.append(contentsOf: source[index(copied)...])
        return MathProtection(text: out, spans: spans, problems: problems)
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
