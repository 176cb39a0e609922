import TeXMath

/// A problem found in a lecture or in the invocation, printed like a compiler's:
/// `lectures/23-rl.md:57:9: error: unknown cell option 'hide-cod'`.
public struct Diagnostic: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning, note }

    /// The file as the user named it (relative to the working directory when possible).
    public var file: String
    public var line: Int?
    public var column: Int?
    public var severity: Severity
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, severity: Severity = .error, _ message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
    }

    public var description: String {
        // A control character in a file name would act on the terminal: shown escaped instead.
        var location = file.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f }
            ? file.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7f ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined()
            : file
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return "\(location): \(severity.rawValue): \(boundedLines(message))"
    }
}

/// Several diagnostics at once, as when a lecture has more than one error.
public struct Diagnostics: Error, Sendable, CustomStringConvertible {
    public var items: [Diagnostic]
    public init(_ items: [Diagnostic]) { self.items = items }
    public var description: String { items.map(\.description).joined(separator: "\n") }
}

/// The closest candidate to `word` by edit distance, when it is close enough to suggest.
func suggestion(for word: String, among candidates: [String]) -> String? {
    var best: (String, Int)?
    for c in candidates {
        let d = editDistance(word, c)
        if d <= max(1, c.count / 3), d < (best?.1 ?? Int.max) { best = (c, d) }
    }
    return best?.0
}

/// The longest line a diagnostic prints, in bytes; the rest of a longer line is counted, not printed.
let maximumDiagnosticLineBytes = 1_000

/// `text` with every line longer than `limit` bytes cut (at a character) and
/// ended with "… (N more bytes)", so that one error is never megabytes long.
///
///     boundedLines(String(repeating: "x", count: 1_010), limit: 1_000)   // 1,000 x, then "… (10 more bytes)"
func boundedLines(_ text: String, limit: Int = maximumDiagnosticLineBytes) -> String {
    guard text.utf8.count > limit else { return text }
    var out = ""
    for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        if i > 0 { out += "\n" }
        let bytes = line.utf8.count
        guard bytes > limit else { out += line; continue }
        var kept = Substring()
        var used = 0
        for character in line {
            let size = character.utf8.count
            if used + size > limit { break }
            used += size
            kept.append(character)
        }
        out += kept + "… (\(bytes - used) more bytes)"
    }
    return out
}
