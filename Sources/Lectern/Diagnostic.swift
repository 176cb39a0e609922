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
        var location = file
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return "\(location): \(severity.rawValue): \(message)"
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
