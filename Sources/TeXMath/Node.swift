/// A MathML tree under construction. Attributes are kept preformatted (` name="value"`).
indirect enum Node {
    /// A token element (`mi`, `mn`, `mo`, `mtext`) with its text (unescaped).
    case token(String, attrs: String, text: String)
    /// Any other element with children.
    case element(String, attrs: String, children: [Node])
    /// A cross-reference resolved when the whole document is known (`\eqref`, `\ref`).
    case reference(label: String, parenthesized: Bool, line: Int, column: Int)

    static func row(_ children: [Node]) -> Node {
        children.count == 1 ? children[0] : .element("mrow", attrs: "", children: children)
    }
    static func space(_ width: String) -> Node { .element("mspace", attrs: " width=\"\(width)\"", children: []) }
    static func mo(_ text: String, _ attrs: String = "") -> Node { .token("mo", attrs: attrs, text: text) }
    static func mi(_ text: String, _ attrs: String = "") -> Node { .token("mi", attrs: attrs, text: text) }

    /// The same node with `extra` appended to its attributes (token and element nodes).
    func adding(_ extra: String) -> Node {
        switch self {
        case let .token(tag, attrs, text): return .token(tag, attrs: attrs + extra, text: text)
        case let .element(tag, attrs, children): return .element(tag, attrs: attrs + extra, children: children)
        case .reference: return self
        }
    }

    var isMo: Bool { if case .token("mo", _, _) = self { return true } else { return false } }
}

/// Resolves a label to its display text ("3", or a `\tag`'s text), and its anchor id.
typealias LabelResolver = (String) -> (text: String, anchor: String)?

extension Node {
    /// Appends this node's MathML to `out`. Throws on a reference to an unknown label.
    func write(to out: inout Output, labels: LabelResolver, known: [String]) throws(TeXError) {
        switch self {
        case let .token(tag, attrs, text):
            out += "<"; out += tag; out += attrs; out += ">"
            escape(text, into: &out)
            out += "</"; out += tag; out += ">"
        case let .element(tag, attrs, children):
            out += "<"; out += tag; out += attrs; out += ">"
            for child in children { try child.write(to: &out, labels: labels, known: known) }
            out += "</"; out += tag; out += ">"
        case let .reference(label, parenthesized, line, column):
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
