import CommonMark

/// The GitHub-flavoured inline extensions, as passes over the ``MDNode`` tree:
/// strikethrough (`~~x~~`, `~x~`), extended autolinks (`www.`, `http(s)://`, e-mail)
/// and task-list items (`- [ ]`, `- [x]`), after cmark-gfm's extensions.
enum InlinePasses {
    static func run(on root: MDNode) {
        var stack: [(MDNode, Bool)] = [(root, false)]
        while let (node, outerLink) = stack.popLast() {
            if case .item = node.kind { markTask(node) }
            if case .blockQuote = node.kind { makeCallout(node) }
            var inLink = outerLink
            switch node.kind {
            case .link, .image: inLink = true
            default: break
            }
            if isInlineContainer(node.kind) {
                node.children = strikethrough(node.children)
                if !inLink { node.children = autolinks(node.children) }
            }
            for child in node.children.reversed() { stack.append((child, inLink)) }
        }
    }

    /// Punctuation right after inline math stays on its line (a full stop must not wrap
    /// onto the next line alone): the formula and up to three marks (`.,;:!?)]'`) go
    /// into one `<span class="nobr">`.
    static func keepPunctuationWithMath(_ root: MDNode) {
        var stack = [root]
        // The groups made here already hold their formula and marks: never group them again.
        var made = Set<ObjectIdentifier>()
        while let node = stack.popLast() {
            if made.contains(ObjectIdentifier(node)) { continue }
            var i = 0
            while i + 1 < node.children.count {
                let math = node.children[i], next = node.children[i + 1]
                guard case .math(_, false, _) = math.kind, case .text(let text) = next.kind else { i += 1; continue }
                let marks = text.prefix(3).prefix { ".,;:!?)]'".contains($0) }
                guard !marks.isEmpty else { i += 1; continue }
                let group = MDNode(.customInline(onEnter: "<span class=\"nobr\">", onExit: "</span>"), range: math.range,
                                   children: [math, MDNode(.text(String(marks)), range: next.range)])
                made.insert(ObjectIdentifier(group))
                let rest = String(text.dropFirst(marks.count))
                if rest.isEmpty {
                    node.children.replaceSubrange(i...(i + 1), with: [group])
                } else {
                    next.kind = .text(rest)
                    node.children[i] = group
                }
                i += 1
            }
            stack += node.children
        }
    }

    static func isInlineContainer(_ kind: Node.Kind) -> Bool {
        switch kind {
        case .paragraph, .heading, .tableCell, .emphasis, .strong, .link, .image, .strikethrough: return true
        default: return false
        }
    }

    // MARK: Callouts

    static let calloutKinds = ["NOTE": "Note", "TIP": "Tip", "IMPORTANT": "Important", "WARNING": "Warning", "CAUTION": "Caution"]

    /// `> [!NOTE]` on a block quote's first line, as on GitHub: the quote becomes a callout.
    static func makeCallout(_ quote: MDNode) {
        guard let paragraph = quote.children.first, case .paragraph = paragraph.kind else { return }
        var marker = ""
        var used = 0
        for child in paragraph.children {
            guard case .text(let s) = child.kind else { break }
            marker += s
            used += 1
            if marker.count >= 12 || marker.hasSuffix("]") { break }
        }
        let trimmed = Substring(marker).trimmingCharacters(in: " ")
        guard trimmed.hasPrefix("[!"), trimmed.hasSuffix("]"),
              let title = calloutKinds[trimmed.dropFirst(2).dropLast().uppercased()] else { return }
        // The marker must be alone on its line.
        var rest = Array(paragraph.children.dropFirst(used))
        if let next = rest.first {
            guard case .softBreak = next.kind else { return }
            rest.removeFirst()
        }
        let kind = title.lowercased()
        quote.kind = .customBlock(onEnter: "<div class=\"markdown-alert markdown-alert-\(kind)\">\n<p class=\"markdown-alert-title\">\(title)</p>",
                                  onExit: "</div>")
        if rest.isEmpty {
            quote.children.removeFirst()
        } else {
            paragraph.children = rest
        }
    }

    // MARK: Task items

    /// `- [ ] x` / `- [x] x`: the item becomes a task item and loses its marker text.
    static func markTask(_ item: MDNode) {
        guard item.taskAllowed, let paragraph = item.children.first, case .paragraph = paragraph.kind else { return }
        // cmark cuts text at brackets: read the leading text nodes together.
        var prefix: [UInt8] = []
        var count = 0
        for child in paragraph.children {
            guard case .text(let s) = child.kind else { break }
            prefix += Array(s.utf8)
            count += 1
            if prefix.count >= 4 { break }
        }
        guard prefix.count >= 4, prefix[0] == UInt8(ascii: "["), prefix[2] == UInt8(ascii: "]"),
              [UInt8(ascii: " "), UInt8(ascii: "x"), UInt8(ascii: "X")].contains(prefix[1]),
              prefix[3] == 0x20 || prefix[3] == 0x09 else { return }
        var drop = 3
        while drop < prefix.count, prefix[drop] == 0x20 || prefix[drop] == 0x09 { drop += 1 }
        // Cut `drop` bytes from the leading text nodes.
        var remaining = drop
        var kept: [MDNode] = []
        for (i, child) in paragraph.children.enumerated() {
            if remaining > 0, i < count, case .text(let s) = child.kind {
                let bytes = Array(s.utf8)
                if bytes.count <= remaining {
                    remaining -= bytes.count
                    continue
                }
                child.kind = .text(String(decoding: bytes[remaining...], as: UTF8.self))
                remaining = 0
            }
            kept.append(child)
        }
        paragraph.children = kept
        item.task = prefix[1] != 0x20
    }

    // MARK: Strikethrough

    private enum Atom {
        case node(MDNode)
        case run(Int, canOpen: Bool, canClose: Bool, range: SourceRange)
    }

    /// Characters around a delimiter run, as cmark's flanking rules read them.
    private enum Around { case space, punctuation, other }

    private static func classify(_ c: Character?) -> Around {
        guard let c else { return .space }
        if c.isWhitespace { return .space }
        if c.isPunctuation || c.isSymbol { return .punctuation }
        return .other
    }

    /// What a neighbouring node looks like from a delimiter run next to it.
    private static func edge(of node: MDNode, last: Bool) -> Around {
        switch node.kind {
        case .text(let s): return classify(last ? s.last : s.first)
        case .softBreak, .lineBreak: return .space
        default: return .punctuation
        }
    }

    static func strikethrough(_ children: [MDNode]) -> [MDNode] {
        guard children.contains(where: { if case .text(let s) = $0.kind { return s.contains("~") } else { return false } }) else {
            return children
        }
        // Text cut at runs of tildes.
        var atoms: [Atom] = []
        for (n, child) in children.enumerated() {
            guard case .text(let s) = child.kind, s.contains("~") else {
                atoms.append(.node(child))
                continue
            }
            let chars = Array(s)
            var i = 0, start = 0
            while i < chars.count {
                guard chars[i] == "~" else { i += 1; continue }
                var j = i
                while j < chars.count, chars[j] == "~" { j += 1 }
                if j - i <= 2 {
                    if i > start { atoms.append(.node(MDNode(.text(String(chars[start..<i])), range: child.range))) }
                    let before = i > 0 ? classify(chars[i - 1]) : n > 0 ? edge(of: children[n - 1], last: true) : .space
                    let after = j < chars.count ? classify(chars[j]) : n + 1 < children.count ? edge(of: children[n + 1], last: false) : .space
                    let left = after != .space && (after != .punctuation || before != .other)
                    let right = before != .space && (before != .punctuation || after != .other)
                    atoms.append(.run(j - i, canOpen: left, canClose: right, range: child.range))
                    start = j
                }
                i = j
            }
            if start < chars.count { atoms.append(.node(MDNode(.text(String(chars[start...])), range: child.range))) }
        }
        // Match closers with the nearest opener of the same length.
        var openers: [Int] = []
        var i = 0
        while i < atoms.count {
            guard case .run(let length, let canOpen, let canClose, let range) = atoms[i] else { i += 1; continue }
            if canClose, let k = openers.lastIndex(where: { if case .run(let l, _, _, _) = atoms[$0] { return l == length } else { return false } }) {
                let o = openers[k]
                openers.removeSubrange(k...)
                let strike = MDNode(.strikethrough, range: range)
                strike.children = atoms[(o + 1)..<i].map(node)
                atoms.replaceSubrange(o...i, with: [.node(strike)])
                i = o + 1
                continue
            }
            if canOpen { openers.append(i) }
            i += 1
        }
        return atoms.map(node)
    }

    private static func node(_ atom: Atom) -> MDNode {
        switch atom {
        case .node(let n): return n
        case .run(let length, _, _, let range): return MDNode(.text(String(repeating: "~", count: length)), range: range)
        }
    }

    // MARK: Autolinks

    /// As cmark-gfm, `www.` and `http(s)://` links are not made after a `[` that no `]`
    /// has closed (the text may yet be a link's); e-mail links are.
    static func autolinks(_ children: [MDNode]) -> [MDNode] {
        var out: [MDNode] = []
        var brackets = 0
        for child in children {
            guard case .text(let s) = child.kind else {
                out.append(child)
                continue
            }
            let bytes = Array(s.utf8)
            let before = brackets
            for b in bytes {
                if b == UInt8(ascii: "[") { brackets += 1 } else if b == UInt8(ascii: "]"), brackets > 0 { brackets -= 1 }
            }
            guard s.contains(".") else {
                out.append(child)
                continue
            }
            let links = Autolink.find(in: bytes).filter { link in
                guard link.prefix != "mailto:" else { return true }
                var depth = before
                for b in bytes[..<link.range.lowerBound] {
                    if b == UInt8(ascii: "[") { depth += 1 } else if b == UInt8(ascii: "]"), depth > 0 { depth -= 1 }
                }
                return depth == 0
            }
            if links.isEmpty {
                out.append(child)
                continue
            }
            var copied = 0
            for link in links {
                if link.range.lowerBound > copied {
                    out.append(MDNode(.text(String(decoding: bytes[copied..<link.range.lowerBound], as: UTF8.self)), range: child.range))
                }
                let text = String(decoding: bytes[link.range], as: UTF8.self)
                let node = MDNode(.link(destination: link.prefix + text, title: ""), range: child.range)
                node.children = [MDNode(.text(text), range: child.range)]
                out.append(node)
                copied = link.range.upperBound
            }
            if copied < bytes.count { out.append(MDNode(.text(String(decoding: bytes[copied...], as: UTF8.self)), range: child.range)) }
        }
        return out
    }
}

/// cmark-gfm's extended autolinks in a text: `www.x.y`, `http(s)://x`, `a@b.c`.
enum Autolink {
    struct Link { var range: Range<Int>; var prefix: String }

    static func isAlnum(_ b: UInt8) -> Bool { InlineSyntax.isASCIILetter(b) || InlineSyntax.isDigit(b) }

    static func find(in t: [UInt8]) -> [Link] {
        var out: [Link] = []
        var i = 0
        while i < t.count {
            if let link = www(t, at: i) ?? url(t, at: i) ?? email(t, at: i) {
                out.append(link)
                i = link.range.upperBound
            } else {
                i += 1
            }
        }
        return out
    }

    private static func starts(_ t: [UInt8], _ s: String, at i: Int) -> Bool {
        let p = Array(s.utf8)
        guard i + p.count <= t.count else { return false }
        return zip(t[i..<(i + p.count)], p).allSatisfy { ($0 | ($0 >= 0x41 && $0 <= 0x5A ? 0x20 : 0)) == $1 }
    }

    /// The end of a valid domain at `i`: segments of letters, digits, `-` and `_` joined by
    /// periods, no `_` in the last two; at least one period unless `short`.
    private static func domainEnd(_ t: [UInt8], at i: Int, short: Bool) -> Int? {
        var k = i
        var periods = 0
        var underscoreAt: [Int] = []   // segment index of underscores
        var segment = 0
        while k < t.count {
            let b = t[k]
            if b == UInt8(ascii: ".") {
                guard k + 1 < t.count, isAlnum(t[k + 1]) || t[k + 1] == UInt8(ascii: "-") || t[k + 1] == UInt8(ascii: "_") else { break }
                periods += 1
                segment += 1
            } else if b == UInt8(ascii: "_") {
                underscoreAt.append(segment)
            } else if !(isAlnum(b) || b == UInt8(ascii: "-") || b >= 0x80) {
                break
            }
            k += 1
        }
        guard k > i, short || periods >= 1 else { return nil }
        if underscoreAt.contains(where: { $0 >= segment - 1 }) { return nil }
        return k
    }

    /// The end of the link after its domain: up to a space or `<`, without trailing punctuation.
    private static func linkEnd(_ t: [UInt8], from: Int) -> Int {
        var end = from
        while end < t.count, t[end] > 0x20, t[end] != UInt8(ascii: "<") { end += 1 }
        while end > from {
            let last = t[end - 1]
            if "?!.,:*_~'\"".utf8.contains(last) {
                end -= 1
            } else if last == UInt8(ascii: ")") {
                let opens = t[..<end].filter { $0 == UInt8(ascii: "(") }.count
                let closes = t[..<end].filter { $0 == UInt8(ascii: ")") }.count
                if closes > opens { end -= 1 } else { break }
            } else if last == UInt8(ascii: ";") {
                var k = end - 2
                while k >= from, isAlnum(t[k]) { k -= 1 }
                end = k >= from && t[k] == UInt8(ascii: "&") && k < end - 2 ? k : end - 1
            } else {
                break
            }
        }
        return end
    }

    private static func boundaryBefore(_ t: [UInt8], _ i: Int) -> Bool {
        i == 0 || t[i - 1] == 0x20 || t[i - 1] == 0x09 || t[i - 1] == 0x0A || "*_~(".utf8.contains(t[i - 1])
    }

    private static func www(_ t: [UInt8], at i: Int) -> Link? {
        guard starts(t, "www.", at: i), boundaryBefore(t, i), let d = domainEnd(t, at: i, short: false) else { return nil }
        let end = linkEnd(t, from: d)
        return Link(range: i..<max(end, d), prefix: "http://")
    }

    private static func url(_ t: [UInt8], at i: Int) -> Link? {
        let scheme = starts(t, "https://", at: i) ? 8 : starts(t, "http://", at: i) ? 7 : starts(t, "ftp://", at: i) ? 6 : 0
        guard scheme > 0, i == 0 || !InlineSyntax.isASCIILetter(t[i - 1]),
              let d = domainEnd(t, at: i + scheme, short: true) else { return nil }
        let end = linkEnd(t, from: d)
        return Link(range: i..<max(end, d), prefix: "")
    }

    private static func email(_ t: [UInt8], at i: Int) -> Link? {
        func local(_ b: UInt8) -> Bool { isAlnum(b) || ".+-_".utf8.contains(b) }
        guard local(t[i]), i == 0 || !local(t[i - 1]) else { return nil }
        var k = i
        while k < t.count, local(t[k]) { k += 1 }
        guard k < t.count, t[k] == UInt8(ascii: "@") else { return nil }
        var end = k + 1
        var periods = 0
        while end < t.count, isAlnum(t[end]) || t[end] == UInt8(ascii: "-") || t[end] == UInt8(ascii: "_") || t[end] == UInt8(ascii: ".") {
            if t[end] == UInt8(ascii: ".") {
                guard end + 1 < t.count, isAlnum(t[end + 1]) else { break }
                periods += 1
            }
            end += 1
        }
        // A second `@` right after the domain: the link, if any, starts after the first.
        guard periods >= 1, end > k + 1, end == t.count || t[end] != UInt8(ascii: "@"),
              t[end - 1] != UInt8(ascii: "-"), t[end - 1] != UInt8(ascii: "_") else { return nil }
        return Link(range: i..<end, prefix: "mailto:")
    }
}

/// Writes an ``MDNode`` tree into a ``TreeBuilder``, in document order (with an explicit stack).
enum Emitter {
    static func emit(_ root: MDNode) -> Node {
        var builder = TreeBuilder()
        builder.setDocumentRange(root.range)
        var stack: [(MDNode, Int32)] = root.children.reversed().map { ($0, builder.root) }
        while let (node, parent) = stack.popLast() {
            let id = builder.add(node.kind, range: node.range, under: parent, task: node.task)
            stack += node.children.reversed().map { ($0, id) }
        }
        return builder.build()
    }
}
