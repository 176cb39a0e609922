/// A TeX error with its position inside the TeX source (1-based line and column).
///
/// ```swift
/// // "x + \alpah" fails at 1:5 with command "\alpah" and suggestion "\alpha"
/// ```
public struct TeXError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, including the offending command and a suggestion when there is one.
    public var message: String
    /// 1-based line within the TeX source.
    public var line: Int
    /// 1-based column (in Unicode scalars) within the TeX source.
    public var column: Int
    /// The offending command or environment as written (`\foo`, `\begin{foo}`), when there is one.
    public var command: String?
    /// A close known name (`\alpha`), when the offending one looks like a typo.
    public var suggestion: String?

    /// Creates an error.
    /// - Parameters:
    ///   - message: the full message.
    ///   - line: 1-based line in the TeX source.
    ///   - column: 1-based column in the TeX source.
    ///   - command: the offending command, if any.
    ///   - suggestion: a close known name, if any.
    public init(message: String, line: Int, column: Int, command: String? = nil, suggestion: String? = nil) {
        self.message = message
        self.line = line
        self.column = column
        self.command = command
        self.suggestion = suggestion
    }

    /// `line:column: message`.
    public var description: String { "\(line):\(column): \(message)" }
}
