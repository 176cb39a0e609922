import CommonMark

/// A GitHub-flavoured pipe table found in a paragraph's lines.
///
/// As cmark-gfm: the header row is the line right before a delimiter row
/// (`| :-- | :-: | --: |`) with as many cells; lines before the header stay a
/// paragraph; every later line of the paragraph is a row, cut or padded to the
/// header's width. Cells are split at each `|` not escaped as `\|`, a leading and a
/// trailing `|` are dropped, and `\|` reads as `|` inside a cell.
struct PipeTable {
    /// How many of the paragraph's lines come before the header row, and those lines.
    var leadingLines: Int
    var leading: [Range<Int>]
    var alignments: [TableAlignment]
    /// The header row, then the body rows: each cell's text (with `\|` unescaped), as
    /// a region of the source.
    var rows: [[Region]]

    /// Finds a table in a paragraph's line segments (see ``SourceLines/segments(of:)``).
    static func find(in segments: [Range<Int>], of source: SourceLines) -> PipeTable? {
        guard segments.count >= 2 else { return nil }
        for k in 1..<segments.count {
            guard let alignments = delimiterRow(segments[k], source.bytes) else { continue }
            let header = cells(segments[k - 1], source.bytes)
            guard header.count == alignments.count else { continue }
            var rows = [header]
            for line in segments[(k + 1)...] {
                var row = cells(line, source.bytes)
                if row.count > alignments.count { row.removeLast(row.count - alignments.count) }
                while row.count < alignments.count { row.append(Region(bytes: [], origin: [], end: line.upperBound)) }
                rows.append(row)
            }
            return PipeTable(leadingLines: k - 1, leading: Array(segments[..<(k - 1)]), alignments: alignments, rows: rows)
        }
        return nil
    }

    /// The alignments of a delimiter row, or nil when the line is not one.
    static func delimiterRow(_ line: Range<Int>, _ bytes: [UInt8]) -> [TableAlignment]? {
        let parts = split(line, bytes)
        guard !parts.isEmpty else { return nil }
        var out: [TableAlignment] = []
        for part in parts {
            var cell = Array(bytes[part])
            while let f = cell.first, SourceLines.isSpace(f) { cell.removeFirst() }
            while let l = cell.last, SourceLines.isSpace(l) { cell.removeLast() }
            let left = cell.first == UInt8(ascii: ":"), right = cell.count > 1 && cell.last == UInt8(ascii: ":")
            let dashes = cell.dropFirst(left ? 1 : 0).dropLast(right ? 1 : 0)
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == UInt8(ascii: "-") }) else { return nil }
            out.append(left && right ? .center : left ? .left : right ? .right : .none)
        }
        return out
    }

    /// The cells of a row, trimmed, with `\|` unescaped.
    static func cells(_ line: Range<Int>, _ bytes: [UInt8]) -> [Region] {
        split(line, bytes).map { part in
            var start = part.lowerBound, end = part.upperBound
            while start < end, SourceLines.isSpace(bytes[start]) { start += 1 }
            while end > start, SourceLines.isSpace(bytes[end - 1]) { end -= 1 }
            var region = Region(bytes: [], origin: [], end: end)
            var i = start
            while i < end {
                if bytes[i] == UInt8(ascii: "\\"), i + 1 < end, bytes[i + 1] == UInt8(ascii: "|") { i += 1 }
                region.bytes.append(bytes[i])
                region.origin.append(i)
                i += 1
            }
            return region
        }
    }

    /// The cells of a row as byte ranges, split at unescaped pipes, without a leading
    /// and a trailing pipe.
    static func split(_ line: Range<Int>, _ bytes: [UInt8]) -> [Range<Int>] {
        var start = line.lowerBound, end = line.upperBound
        while start < end, SourceLines.isSpace(bytes[start]) { start += 1 }
        while end > start, SourceLines.isSpace(bytes[end - 1]) { end -= 1 }
        guard start < end else { return [] }
        if bytes[start] == UInt8(ascii: "|") { start += 1 }
        var parts: [Range<Int>] = []
        var cellStart = start
        var i = start
        while i < end {
            if bytes[i] == UInt8(ascii: "\\") {
                i += 2
                continue
            }
            if bytes[i] == UInt8(ascii: "|") {
                parts.append(cellStart..<i)
                cellStart = i + 1
            }
            i += 1
        }
        // A trailing pipe ends the last cell; text after the last pipe is one more.
        if cellStart < end || parts.isEmpty { parts.append(cellStart..<end) }
        return parts
    }
}

/// Text cut out of the source for its own inline parse (a table cell, a block's
/// inline text): its bytes and, for each, the source offset it came from.
struct Region {
    var bytes: [UInt8]
    var origin: [Int]
    /// The source offset just past the region (for an empty region's position).
    var end: Int

    /// The source offset of byte `i` of the region.
    func source(_ i: Int) -> Int { i < origin.count ? origin[i] : (origin.last.map { $0 + 1 } ?? end) }

    /// The inline text of a block: its line segments joined by line feeds.
    init(segments: [Range<Int>], of source: SourceLines) {
        bytes = []
        origin = []
        end = segments.last?.upperBound ?? 0
        for (n, segment) in segments.enumerated() {
            if n > 0 {
                bytes.append(0x0A)
                origin.append(segments[n - 1].upperBound)
            }
            bytes.append(contentsOf: source.bytes[segment])
            origin.append(contentsOf: segment)
        }
    }

    init(bytes: [UInt8], origin: [Int], end: Int) {
        self.bytes = bytes
        self.origin = origin
        self.end = end
    }
}
