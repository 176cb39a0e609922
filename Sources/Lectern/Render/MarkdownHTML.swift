import CommonMark

/// Markdown read as a lecture's prose is read (math, tables, strikethrough,
/// autolinks, task items, raw HTML), without cells or heading anchors: what
/// `bench/markdown` compares with cmark-gfm and pandoc.
public struct MarkdownPreview: Sendable {
    /// The HTML, as `cmark-gfm --unsafe -e table -e strikethrough -e autolink -e tasklist`
    /// writes it; math as pandoc's HTML writer writes it (`\(...\)`, `\[...\]`).
    public var html: String
    /// The math spans, in document order.
    public var math: [MathSpan]
    /// Warnings, such as an unclosed `$$`, as `line:column: message`.
    public var warnings: [String]

    public init(_ source: String) {
        let read = MarkdownReader.read(source)
        var formatter = HTMLFormatter()
        formatter.unsafe = true
        html = formatter.render(read.document)
        math = read.math
        warnings = read.problems.map { "\($0.line):\($0.column): \($0.message)" }
    }
}
