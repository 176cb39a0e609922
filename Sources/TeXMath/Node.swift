/// A piece of MathML under construction, kept as its serialized UTF-8 bytes: building a parent
/// concatenates its children, so the whole formula is written once, without a tree to walk.
/// Cross-references (`\eqref`) are markers in the bytes, resolved when the document is known.
struct Node {
    var bytes: [UInt8]
    /// The element's name (`mo`, `mrow`, ...).
    var tag: String
    /// Whether the bytes contain a reference marker.
    var hasReference = false

    /// Marks a reference: `0x01 line:column:p|r:label 0x02` (control bytes never occur in MathML text here).
    static let markerStart: UInt8 = 1, markerEnd: UInt8 = 2

    /// A token element (`mi`, `mn`, `mo`, `mtext`) with its text, escaped here.
    static func token(_ tag: String, attrs: String, text: String) -> Node {
        var out = Output(capacity: 2 * tag.utf8.count + attrs.utf8.count + text.utf8.count + 5)
        out += "<"; out += tag; out += attrs; out += ">"
        escape(text, into: &out)
        out += "</"; out += tag; out += ">"
        return Node(bytes: out.bytes, tag: tag)
    }

    /// Any other element with children.
    static func element(_ tag: String, attrs: String, children: [Node]) -> Node {
        var size = 2 * tag.utf8.count + attrs.utf8.count + 5
        var hasReference = false
        for c in children {
            size += c.bytes.count
            hasReference = hasReference || c.hasReference
        }
        var out = Output(capacity: size)
        out += "<"; out += tag; out += attrs; out += ">"
        for c in children { out.bytes.append(contentsOf: c.bytes) }
        out += "</"; out += tag; out += ">"
        return Node(bytes: out.bytes, tag: tag, hasReference: hasReference)
    }

    /// An element with up to three children, without building an array of them.
    static func element(_ tag: String, attrs: String = "", _ a: Node, _ b: Node? = nil, _ c: Node? = nil) -> Node {
        var out = Output(capacity: 2 * tag.utf8.count + attrs.utf8.count + 5 + a.bytes.count
                         + (b?.bytes.count ?? 0) + (c?.bytes.count ?? 0))
        out += "<"; out += tag; out += attrs; out += ">"
        out.bytes.append(contentsOf: a.bytes)
        if let b { out.bytes.append(contentsOf: b.bytes) }
        if let c { out.bytes.append(contentsOf: c.bytes) }
        out += "</"; out += tag; out += ">"
        return Node(bytes: out.bytes, tag: tag,
                    hasReference: a.hasReference || b?.hasReference == true || c?.hasReference == true)
    }

    /// A cross-reference resolved when the whole document is known (`\eqref`, `\ref`).
    static func reference(label: String, parenthesized: Bool, line: Int, column: Int) -> Node {
        var out = Output(capacity: label.utf8.count + 16)
        out.bytes.append(markerStart)
        out += "\(line):\(column):\(parenthesized ? "p" : "r"):"
        for u in label.utf8 where u != markerStart && u != markerEnd { out.bytes.append(u) }
        out.bytes.append(markerEnd)
        return Node(bytes: out.bytes, tag: "mtext", hasReference: true)
    }

    static func row(_ children: [Node]) -> Node {
        children.count == 1 ? children[0] : .element("mrow", attrs: "", children: children)
    }
    static func space(_ width: String) -> Node { .element("mspace", attrs: " width=\"\(width)\"", children: []) }
    static func mo(_ text: String, _ attrs: String = "") -> Node { .token("mo", attrs: attrs, text: text) }
    static func mi(_ text: String, _ attrs: String = "") -> Node { .token("mi", attrs: attrs, text: text) }

    /// The same node with `extra` appended to its attributes.
    func adding(_ extra: String) -> Node {
        guard !hasReference || tag != "mtext" else { return self }
        var copy = self
        copy.bytes.insert(contentsOf: Array(extra.utf8), at: 1 + tag.utf8.count)
        return copy
    }

    var isMo: Bool { tag == "mo" }
    var isEmptyRow: Bool { tag == "mrow" && bytes.elementsEqual("<mrow></mrow>".utf8) }
}

/// Resolves a label to its display text ("3", or a `\tag`'s text), and its anchor id.
typealias LabelResolver = (String) -> (text: String, anchor: String)?

extension Node {
    /// Appends this node's MathML to `out`. Throws on a reference to an unknown label.
    func write(to out: inout Output, labels: LabelResolver, known: [String]) throws(TeXError) {
        guard hasReference else {
            out.bytes.append(contentsOf: bytes)
            return
        }
        var i = 0
        while i < bytes.count {
            guard bytes[i] == Node.markerStart, let end = bytes[i...].firstIndex(of: Node.markerEnd) else {
                out.bytes.append(bytes[i])
                i += 1
                continue
            }
            let fields = String(decoding: bytes[(i + 1)..<end], as: UTF8.self).split(separator: ":", maxSplits: 3,
                                                                                      omittingEmptySubsequences: false)
            i = end + 1
            guard fields.count == 4 else { continue }
            let line = Int(fields[0]) ?? 1, column = Int(fields[1]) ?? 1
            let parenthesized = fields[2] == "p", label = String(fields[3])
            guard let target = labels(label) else {
                let close = closest(to: label, among: known)
                var message = "unknown label '\(label)'"
                if let close { message += "; did you mean '\(close)'?" }
                throw TeXError(message: message, line: line, column: column,
                               command: parenthesized ? "\\eqref" : "\\ref", suggestion: close)
            }
            let text = parenthesized ? "(" + target.text + ")" : target.text
            out += "<mtext><a href=\"#"; escape(target.anchor, into: &out); out += "\">"
            escape(text, into: &out)
            out += "</a></mtext>"
        }
    }
}

/// UTF-8 output under construction (appending bytes is much cheaper than appending to a String).
struct Output {
    var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    static func += (out: inout Output, s: String) {
        var s = s
        s.withUTF8 { out.bytes.append(contentsOf: $0) }
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}

/// Escapes `&`, `<`, `>` and `"` for text and attribute values.
func escape(_ text: String, into out: inout Output) {
    var text = text
    text.withUTF8 { buf in
        var start = 0
        for i in 0..<buf.count {
            let entity: StaticString
            switch buf[i] {
            case 38: entity = "&amp;"
            case 60: entity = "&lt;"
            case 62: entity = "&gt;"
            case 34: entity = "&quot;"
            default: continue
            }
            out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<i]))
            out.bytes.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
            start = i + 1
        }
        out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start...]))
    }
}
