/// Tells code-block lines and blank lines apart, line after line, for `protectMath`: math is never
/// looked for in fenced or indented code, and never crosses a blank line.
struct LineClassifier {
    var fence: (char: UInt8, count: Int)?
    var previousBlank = true
    var previousIndentedCode = false
    var listIndent = 0

    static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), quote = UInt8(ascii: ">")
    static let tilde = UInt8(ascii: "~"), backtick = UInt8(ascii: "`")

    /// Whether the next line is code, and whether it is blank.
    /// - Parameter line: one unit per Character of the line, without its line break: the ASCII value, or 0x80.
    mutating func next(_ line: UnsafeBufferPointer<UInt8>) -> (code: Bool, blank: Bool) {
        let space = Self.space, tab = Self.tab
        // Indentation, measured again after each block-quote marker: inside block quotes, code is
        // recognized after the `>` markers.
        var start = 0
        var indent = 0
        var k = 0
        while true {
            indent = 0
            k = start
            while k < line.count, line[k] == space || line[k] == tab {
                indent += line[k] == tab ? 4 - indent % 4 : 1
                k += 1
            }
            guard indent <= 3, k < line.count, line[k] == Self.quote else { break }
            start = k + 1
            if start < line.count, line[start] == space { start += 1 }
        }
        let rest = line[k...]
        let blank = rest.isEmpty
        let relative = indent >= listIndent ? indent - listIndent : indent
        var isCode = false
        if let f = fence {
            isCode = true
            let run = rest.prefix { $0 == f.char }.count
            if relative <= 3, run >= f.count, rest.dropFirst(run).allSatisfy({ $0 == space || $0 == tab }) { fence = nil }
        } else if blank {
            // blank lines keep an indented code block going
        } else if let first = rest.first, first == Self.backtick || first == Self.tilde, relative <= 3,
                  rest.prefix(while: { $0 == first }).count >= 3,
                  first == Self.tilde || !rest.dropFirst(rest.prefix(while: { $0 == first }).count).contains(Self.backtick) {
            fence = (first, rest.prefix(while: { $0 == first }).count)
            isCode = true
        } else if relative >= 4, previousBlank || previousIndentedCode {
            isCode = true
        } else {
            if let width = Self.listMarkerWidth(rest) {
                listIndent = indent + width
            } else if previousBlank, indent < listIndent {
                listIndent = 0
            }
        }
        if !blank { previousIndentedCode = isCode && fence == nil && relative >= 4 }
        previousBlank = blank
        return (isCode, blank)
    }

    /// Width of a list marker and the spaces after it (`- `, `12. `), or nil.
    static func listMarkerWidth(_ rest: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        guard let first = rest.first else { return nil }
        var width: Int
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: "*") {
            width = 1
        } else {
            let digits = rest.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
            guard digits >= 1, digits <= 9, rest.count > digits,
                  rest[rest.startIndex + digits] == UInt8(ascii: ".") || rest[rest.startIndex + digits] == UInt8(ascii: ")")
            else { return nil }
            width = digits + 1
        }
        let after = rest.dropFirst(width)
        guard let next = after.first, next == Self.space || next == Self.tab else { return after.isEmpty ? width + 1 : nil }
        let spaces = after.prefix { $0 == Self.space }.count
        return width + (spaces >= 1 && spaces <= 4 ? spaces : 1)
    }
}
