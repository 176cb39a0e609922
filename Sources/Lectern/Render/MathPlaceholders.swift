import CommonMark

// Math is cut out of the Markdown before cmark sees it (see `protectMath`),
// each span replaced by a placeholder of private-use characters:
// U+E000 index U+E001 for inline math, U+E002 index U+E003 for display math.

func containsMathPlaceholder(_ text: String) -> Bool {
    text.unicodeScalars.contains { $0 == "\u{E000}" || $0 == "\u{E002}" }
}

/// `text` with every math placeholder replaced by `replacement(index, display)`.
/// With `escaping`, the text around the placeholders is HTML-escaped (the
/// replacements are inserted as they are).
func replacingMathPlaceholders(in text: String, escaping: Bool = false,
                               _ replacement: (Int, Bool) -> String) -> String {
    var out = ""
    var plain = ""
    var index: Int?
    var display = false
    func flushPlain() {
        out += escaping ? escapeHTML(plain) : plain
        plain = ""
    }
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\u{E000}", "\u{E002}":
            flushPlain()
            index = 0
            display = scalar == "\u{E002}"
        case "\u{E001}", "\u{E003}":
            if let i = index { out += replacement(i, display) }
            index = nil
        default:
            if let i = index, let digit = scalar.properties.numericType != nil ? Int(String(scalar)) : nil {
                index = i * 10 + digit
            } else {
                if index != nil { index = nil }
                plain.unicodeScalars.append(scalar)
            }
        }
    }
    flushPlain()
    return out
}
