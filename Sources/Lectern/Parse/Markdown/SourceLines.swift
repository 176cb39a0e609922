import CommonMark

/// A Markdown source as bytes with its lines, and the inline text of cmark's leaf blocks:
/// the bytes of each line that belong to a paragraph or heading, without the block-quote
/// markers and indentation of the blocks around it.
struct SourceLines {
    let bytes: [UInt8]
    /// Byte offset of the first byte of each line (line `l` is 1-based: `starts[l - 1]`).
    let starts: [Int]

    init(_ text: String) {
        bytes = Array(text.utf8)
        var starts = [0]
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0A {
                starts.append(i + 1)
            } else if bytes[i] == 0x0D {
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                starts.append(i + 1)
            }
            i += 1
        }
        self.starts = starts
    }

    var lineCount: Int { starts.count }

    /// The bytes of 1-based `line` without its line break.
    func line(_ line: Int) -> Range<Int> {
        guard line >= 1, line <= starts.count else { return bytes.count..<bytes.count }
        let start = starts[line - 1]
        var end = line < starts.count ? starts[line] : bytes.count
        while end > start, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        return start..<end
    }

    /// The 1-based line holding byte `offset`.
    func lineOf(_ offset: Int) -> Int {
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }

    /// 1-based line and column (in characters) of byte `offset`.
    func position(_ offset: Int) -> (line: Int, column: Int) {
        let l = lineOf(offset)
        let prefix = bytes[starts[l - 1]..<offset]
        return (l, String(decoding: prefix, as: UTF8.self).count + 1)
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    /// The inline text of a paragraph, one byte range per line, in order; for an ATX
    /// heading its title; for a setext heading its lines without the underline.
    func segments(of block: Node) -> [Range<Int>] {
        let range = block.range
        guard range.startLine >= 1, range.startLine <= lineCount else { return [] }
        if case .heading = block.kind, isATX(range.startLine) {
            return [atxTitle(line(range.startLine))]
        }
        var lastLine = min(range.endLine, lineCount)
        if case .heading = block.kind { lastLine -= 1 }  // the setext underline
        let quotes = quoteDepth(of: block)
        var out: [Range<Int>] = []
        if lastLine < range.startLine { return [] }
        for l in range.startLine...lastLine {
            let whole = line(l)
            var start: Int
            if l == range.startLine {
                start = min(whole.upperBound, whole.lowerBound + max(0, range.startColumn - 1))
            } else {
                start = stripQuotes(whole, depth: quotes)
            }
            while start < whole.upperBound, Self.isSpace(bytes[start]) { start += 1 }
            var end = whole.upperBound
            if l == range.endLine, case .paragraph = block.kind, range.endColumn >= 1 {
                end = min(end, max(start, whole.lowerBound + range.endColumn))
            }
            if l == lastLine { while end > start, Self.isSpace(bytes[end - 1]) { end -= 1 } }
            out.append(start..<end)
        }
        return out
    }

    /// How many block quotes hold `node`.
    private func quoteDepth(of node: Node) -> Int {
        var depth = 0
        var at = node.parent
        while let p = at {
            if p.type == .blockQuote { depth += 1 }
            at = p.parent
        }
        return depth
    }

    /// Where a continuation line's text starts after up to `depth` block-quote markers;
    /// a lazy line (fewer markers) keeps what follows the markers it has.
    private func stripQuotes(_ whole: Range<Int>, depth: Int) -> Int {
        var i = whole.lowerBound
        for _ in 0..<depth {
            var k = i
            while k < whole.upperBound, Self.isSpace(bytes[k]) { k += 1 }
            guard k < whole.upperBound, bytes[k] == UInt8(ascii: ">") else { return i }
            i = k + 1
            if i < whole.upperBound, Self.isSpace(bytes[i]) { i += 1 }
        }
        return i
    }

    /// Whether the line starts (after block-quote markers and indentation) with an ATX marker.
    private func isATX(_ l: Int) -> Bool {
        let whole = line(l)
        var i = whole.lowerBound
        while i < whole.upperBound, Self.isSpace(bytes[i]) || bytes[i] == UInt8(ascii: ">") { i += 1 }
        return i < whole.upperBound && bytes[i] == UInt8(ascii: "#") && atxTitleStart(whole) != nil
    }

    private func atxTitleStart(_ whole: Range<Int>) -> Int? {
        var i = whole.lowerBound
        while i < whole.upperBound, bytes[i] != UInt8(ascii: "#") { i += 1 }
        var n = 0
        while i < whole.upperBound, bytes[i] == UInt8(ascii: "#") { i += 1; n += 1 }
        guard n >= 1, n <= 6, i == whole.upperBound || Self.isSpace(bytes[i]) else { return nil }
        return i
    }

    /// An ATX heading's title: after the opening `#`s, before a closing run of `#`s.
    private func atxTitle(_ whole: Range<Int>) -> Range<Int> {
        guard var start = atxTitleStart(whole) else { return whole.upperBound..<whole.upperBound }
        while start < whole.upperBound, Self.isSpace(bytes[start]) { start += 1 }
        var end = whole.upperBound
        while end > start, Self.isSpace(bytes[end - 1]) { end -= 1 }
        var k = end
        while k > start, bytes[k - 1] == UInt8(ascii: "#") { k -= 1 }
        if k < end, k == start || Self.isSpace(bytes[k - 1]) {
            end = k
            while end > start, Self.isSpace(bytes[end - 1]) { end -= 1 }
        }
        return start..<end
    }
}
