import CommonMark

// Math is cut out of the Markdown before cmark sees it (see `protectMath`),
// each span replaced by a placeholder of private-use characters:
// U+E000 index U+E001 for inline math, U+E002 index U+E003 for display math.

/// True if `text` holds the opener of a math placeholder.
func containsMathPlaceholder(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
    // U+E000 and U+E002 are EE 80 80 and EE 80 82 in UTF-8; 0xEE only ever starts a scalar.
    var i = 0
    while i + 2 < text.count {
        if text[i] == 0xEE, text[i + 1] == 0x80, text[i + 2] == 0x80 || text[i + 2] == 0x82 { return true }
        i += 1
    }
    return false
}

/// `text` with every math placeholder replaced by `replacement(index, display)`.
/// With `escaping`, the text around the placeholders is HTML-escaped (the
/// replacements are inserted as they are). An opener followed by anything but
/// ASCII digits and its closer is dropped, as is a closer without an opener.
/// With `keepingPunctuation`, inline math and up to three punctuation marks
/// right after it (`.,;:!?)]'`) are wrapped in `<span class="nobr">`.
func replacingMathPlaceholders(in text: String, escaping: Bool = false, keepingPunctuation: Bool = false,
                               _ replacement: (Int, Bool) -> String) -> String {
    var text = text
    return text.withUTF8 { replacingMathPlaceholders(in: $0, escaping: escaping, keepingPunctuation: keepingPunctuation, replacement) }
}

/// The marks kept on the line of the inline math they follow.
private let trailingPunctuation: Set<UInt8> = Set(".,;:!?)]'".utf8)

/// ``replacingMathPlaceholders(in:escaping:keepingPunctuation:_:)`` on UTF-8 bytes.
func replacingMathPlaceholders(in bytes: UnsafeBufferPointer<UInt8>, escaping: Bool = false, keepingPunctuation: Bool = false,
                               _ replacement: (Int, Bool) -> String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + 64)
    var index: Int?
    var display = false
    var i = 0
    while i < bytes.count {
        let b = bytes[i]
        // U+E000...U+E003 are EE 80 80...83 in UTF-8.
        if b == 0xEE, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] >= 0x80, bytes[i + 2] <= 0x83 {
            let which = bytes[i + 2] - 0x80
            if which == 0 || which == 2 {
                index = 0
                display = which == 2
            } else {
                if let n = index {
                    // Punctuation right after inline math stays on its line: a full stop
                    // must not wrap onto the next line alone.
                    var end = i + 3
                    while keepingPunctuation, !display, end < bytes.count, end < i + 6, trailingPunctuation.contains(bytes[end]) { end += 1 }
                    if end > i + 3 {
                        out.append(contentsOf: "<span class=\"nobr\">".utf8)
                        out.append(contentsOf: replacement(n, display).utf8)
                        out.append(contentsOf: bytes[(i + 3)..<end])
                        out.append(contentsOf: "</span>".utf8)
                        index = nil
                        i = end
                        continue
                    }
                    out.append(contentsOf: replacement(n, display).utf8)
                }
                index = nil
            }
            i += 3
            continue
        }
        if let n = index, b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") {
            // Saturates instead of overflowing: no span has such an index, so it is replaced by nothing.
            index = n > (Int.max - 9) / 10 ? Int.max : n * 10 + Int(b - UInt8(ascii: "0"))
            i += 1
            continue
        }
        index = nil
        switch b {
        case UInt8(ascii: "&") where escaping: out.append(contentsOf: "&amp;".utf8)
        case UInt8(ascii: "<") where escaping: out.append(contentsOf: "&lt;".utf8)
        case UInt8(ascii: ">") where escaping: out.append(contentsOf: "&gt;".utf8)
        case UInt8(ascii: "\"") where escaping: out.append(contentsOf: "&quot;".utf8)
        default: out.append(b)
        }
        i += 1
    }
    return String(decoding: out, as: UTF8.self)
}
