/// One TeX token with its 1-based position in the source.
struct Token: Equatable {
    enum Kind: Equatable {
        case command(String)      // name without the backslash: "alpha", ",", "\\"
        case char(Unicode.Scalar) // any other character, including '^' '_' '&' '$'
        case open                 // {
        case close                // }
        case param(Int)           // #1..#9 (macro bodies)
        case space
    }
    var kind: Kind
    var line: Int
    var column: Int
}

/// Splits TeX source into tokens. Comments (`%` to end of line) are dropped, runs of
/// whitespace become one `.space`, and spaces after a letter command are skipped, as in TeX.
func lex(_ source: String) throws(TeXError) -> [Token] {
    var tokens: [Token] = []
    tokens.reserveCapacity(source.utf8.count)
    let scalars = Array(source.unicodeScalars)
    var i = 0
    var line = 1
    var column = 1
    func isLetter(_ s: Unicode.Scalar) -> Bool {
        (s >= "a" && s <= "z") || (s >= "A" && s <= "Z")
    }
    func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || s == "\n" || s == "\r" }
    while i < scalars.count {
        let s = scalars[i]
        let startLine = line, startColumn = column
        if isSpace(s) {
            while i < scalars.count, isSpace(scalars[i]) {
                if scalars[i] == "\n" { line += 1; column = 1 } else { column += 1 }
                i += 1
            }
            tokens.append(Token(kind: .space, line: startLine, column: startColumn))
            continue
        }
        switch s {
        case "%":
            while i < scalars.count, scalars[i] != "\n" { i += 1; column += 1 }
        case "\\":
            i += 1; column += 1
            guard i < scalars.count else {
                throw TeXError(message: "a lone '\\' ends the formula", line: startLine, column: startColumn, command: "\\")
            }
            if isLetter(scalars[i]) {
                var name = ""
                while i < scalars.count, isLetter(scalars[i]) {
                    name.unicodeScalars.append(scalars[i]); i += 1; column += 1
                }
                tokens.append(Token(kind: .command(name), line: startLine, column: startColumn))
                while i < scalars.count, isSpace(scalars[i]) {
                    if scalars[i] == "\n" { line += 1; column = 1 } else { column += 1 }
                    i += 1
                }
            } else {
                let c = scalars[i]
                i += 1
                if c == "\n" { line += 1; column = 1 } else { column += 1 }
                tokens.append(Token(kind: .command(String(Character(c == "\n" || c == "\t" ? " " : c))), line: startLine, column: startColumn))
            }
        case "{":
            i += 1; column += 1
            tokens.append(Token(kind: .open, line: startLine, column: startColumn))
        case "}":
            i += 1; column += 1
            tokens.append(Token(kind: .close, line: startLine, column: startColumn))
        case "#" where i + 1 < scalars.count && scalars[i + 1] >= "1" && scalars[i + 1] <= "9":
            tokens.append(Token(kind: .param(Int(scalars[i + 1].value - 48)), line: startLine, column: startColumn))
            i += 2; column += 2
        default:
            i += 1; column += 1
            tokens.append(Token(kind: .char(s), line: startLine, column: startColumn))
        }
    }
    return tokens
}
