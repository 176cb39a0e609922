import CommonMark

// The search index: each lecture's title, its sections' headings and prose,
// and its check names, written as `search-index.js` (a script, not JSON, so
// that it loads from file:// too). The page script searches it in the browser.

/// What the search knows of one lecture.
struct SearchDocument: Equatable {
    struct Section: Equatable {
        /// The heading's id ("" for the text before the first heading).
        var id: String
        var heading: String
        var text: String
    }
    var title: String
    var href: String
    var sections: [Section]
    /// Each check's badge id and name.
    var checks: [(id: String, name: String)]

    static func == (a: Self, b: Self) -> Bool {
        a.title == b.title && a.href == b.href && a.sections == b.sections
            && a.checks.map(\.id) == b.checks.map(\.id) && a.checks.map(\.name) == b.checks.map(\.name)
    }
}

/// The lecture's searchable text, read from its rendered body: headings start
/// sections; formulas count as their TeX source; code, plots, tables and check
/// badges are left out (check names are listed apart).
func searchDocument(_ lecture: Lecture, body: String, checks: [CheckResult]) -> SearchDocument {
    var doc = SearchDocument(title: lecture.title, href: hrefPath("\(lecture.slug).html"),
                             sections: [.init(id: "", heading: lecture.title, text: "")], checks: [])
    let ids = CheckIDs.assign(checks)
    doc.checks = zip(ids, checks).map { ($0, $1.name) }
    for (id, heading, text) in sections(ofHTML: body) {
        if let id {
            doc.sections.append(.init(id: id, heading: heading, text: text))
        } else {
            doc.sections[0].text += text
        }
    }
    doc.sections = doc.sections.filter { !$0.text.isEmpty || !$0.id.isEmpty }
    return doc
}

/// Splits rendered HTML at its headings: (the heading's id, its text, the text up to the next heading).
/// The first element has a nil id: the text before any heading.
func sections(ofHTML html: String) -> [(id: String?, heading: String, text: String)] {
    let skipped: Set<String> = ["pre", "svg", "math", "script", "style", "details", "figure", "button", "table"]
    let blocks: Set<String> = ["p", "li", "div", "h1", "h2", "h3", "h4", "h5", "h6", "br", "td", "th", "blockquote", "dd", "dt"]
    var out: [(id: String?, heading: String, text: String)] = [(nil, "", "")]
    var skipDepth = 0, skipTag = ""
    var inAnnotation = false
    var inHeading: String?
    var heading = ""
    var text = ""
    let b = Array(html.utf8)
    var i = 0
    func flushText(_ s: String) {
        if inHeading != nil { heading += s } else { text += s }
    }
    var pending: [UInt8] = []
    func flushPending() {
        if !pending.isEmpty { flushText(decodeEntities(String(decoding: pending, as: UTF8.self))); pending.removeAll() }
    }
    while i < b.count {
        if b[i] == UInt8(ascii: "<") {
            flushPending()
            var j = i + 1
            while j < b.count, b[j] != UInt8(ascii: ">") { j += 1 }
            let tag = String(decoding: b[(i + 1)..<min(j, b.count)], as: UTF8.self)
            let closing = tag.hasPrefix("/")
            let name = String(tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }).lowercased()
            i = j + 1
            if skipDepth > 0 {
                // A formula is searched by its TeX source, which MathML keeps as an annotation.
                if skipTag == "math", name == "annotation" { inAnnotation = !closing; if closing { flushText(" ") } }
                if name == skipTag { skipDepth += closing ? -1 : (tag.hasSuffix("/") ? 0 : 1) }
                continue
            }
            if !closing, skipped.contains(name), !tag.hasSuffix("/") { skipDepth = 1; skipTag = name; flushText(" "); continue }
            if name.count == 2, name.hasPrefix("h"), let level = Int(name.dropFirst()), (1...6).contains(level) {
                if !closing, let id = attribute("id", in: tag) {
                    out[out.count - 1].text = collapse(text)
                    text = ""
                    out.append((id, "", ""))
                    inHeading = name
                    heading = ""
                } else if closing, inHeading == name {
                    var h = collapse(heading)
                    if h.hasSuffix(" #") { h.removeLast(2) } else if h.hasSuffix("#") { h.removeLast() }
                    out[out.count - 1].heading = h
                    inHeading = nil
                }
                continue
            }
            if inHeading != nil, name == "a", !closing, tag.contains("class=\"anchor\"") {
                // The heading's own anchor: skip its "#".
                skipDepth = 1; skipTag = "a"; continue
            }
            if blocks.contains(name) { flushText(" ") }
            continue
        }
        if skipDepth == 0 || inAnnotation { pending.append(b[i]) }
        i += 1
    }
    flushPending()
    out[out.count - 1].text = collapse(text)
    return out
}

private func attribute(_ name: String, in tag: String) -> String? {
    guard let r = tag.range(of: " \(name)=\"") else { return nil }
    let rest = tag[r.upperBound...]
    guard let end = rest.firstIndex(of: "\"") else { return nil }
    return decodeEntities(String(rest[..<end]))
}

private func collapse(_ s: String) -> String {
    s.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
}

private func decodeEntities(_ s: String) -> String {
    guard s.contains("&") else { return s }
    return s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
        .replacingOccurrences(of: "&nbsp;", with: " ").replacingOccurrences(of: "&amp;", with: "&")
}

/// `search-index.js`: `window.LECTERN_SEARCH = [{t: title, u: page, s: [[id, heading, text]…], c: [[id, name]…]}…]`.
func searchIndexScript(_ docs: [SearchDocument]) -> String {
    var out = "window.LECTERN_SEARCH=["
    for (n, d) in docs.enumerated() {
        if n > 0 { out += "," }
        out += "\n{\"t\":" + jsonString(d.title) + ",\"u\":" + jsonString(d.href) + ",\"s\":["
        out += d.sections.map { "[" + jsonString($0.id) + "," + jsonString($0.heading) + "," + jsonString($0.text) + "]" }.joined(separator: ",")
        out += "],\"c\":["
        out += d.checks.map { "[" + jsonString($0.id) + "," + jsonString($0.name) + "]" }.joined(separator: ",")
        out += "]}"
    }
    return out + "\n];\n"
}
