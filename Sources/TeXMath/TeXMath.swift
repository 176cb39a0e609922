/// A TeX error with its position inside the TeX source (1-based line and column).
public struct TeXError: Error, Equatable, Sendable {
    public var message: String
    public var line: Int
    public var column: Int
    public init(message: String, line: Int, column: Int) {
        self.message = message
        self.line = line
        self.column = column
    }
}
