extension Parser {
    /// Parses one atom at `pos`. Returns nil for commands that produce nothing (`\label`, a macro
    /// that was expanded in place). `single` stops letter runs from merging (unbraced arguments).
    mutating func parseAtom(single: Bool) throws(TeXError) -> Atom? {
        let tok = tokens[pos]
        nesting += 1
        defer { nesting -= 1 }
        if nesting > 100 { throw error("formula nested deeper than 100 atoms (arguments, scripts, groups); flatten it", at: tok) }
        switch tok.kind {
        case .space:
            pos += 1
            return nil
        case .open:
            var atom = Atom(row(try parseGroup()))
            atom.displayStyle = display
            return atom
        case .close, .param:
            if case .param(let n) = tok.kind {
                throw error("'#\(n)' outside a macro definition: write \\# for a hash sign", at: tok, command: "#\(n)")
            }
            throw unexpectedTerminator(tok, inside: "math")
        case .char(let c):
            return try parseChar(c, tok, single: single)
        case .command(let name):
            if let macro = macros[name] {
                try expand(name, macro, at: tok)
                return nil
            }
            pos += 1
            var atom = try parseCommand(name, tok)
            atom?.displayStyle = display
            return atom
        }
    }

    mutating func parseChar(_ c: Unicode.Scalar, _ tok: Token, single: Bool) throws(TeXError) -> Atom {
        pos += 1
        func isLetter(_ s: Unicode.Scalar) -> Bool {
            if s.isASCII { return (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") }
            return s.properties.isAlphabetic
        }
        func isDigit(_ s: Unicode.Scalar) -> Bool { s >= "0" && s <= "9" }
        if isLetter(c) {
            guard let font else { return Atom(.mi(String(Character(c)))) }
            var word = String(Character(c))
            if !single {
                while pos < tokens.count {
                    if case .char(let d) = tokens[pos].kind, isLetter(d) { word.unicodeScalars.append(d); pos += 1 } else { break }
                }
            }
            if font == .roman {
                return Atom(word.unicodeScalars.count == 1 ? .mi(word, " mathvariant=\"normal\"") : .mi(word))
            }
            return Atom(.mi(font.map(word)))
        }
        if isDigit(c) || (c == "." && !single && pos < tokens.count && tokens[pos].kind.isDigit) {
            var number = String(Character(c))
            var seenPoint = c == "."
            while !single, pos < tokens.count, case .char(let d) = tokens[pos].kind {
                if isDigit(d) {
                    number.unicodeScalars.append(d)
                } else if d == ".", !seenPoint, pos + 1 < tokens.count, tokens[pos + 1].kind.isDigit {
                    seenPoint = true
                    number += "."
                } else { break }
                pos += 1
            }
            return Atom(.token("mn", attrs: "", text: font.map { $0.map(number) } ?? number))
        }
        switch c {
        case "+": return Atom(.mo("+", tight), .bin)
        case "-": return Atom(.mo("−", tight), .bin)
        case "*": return Atom(.mo("∗", tight), .bin)
        case "=", "<", ">", ":": return Atom(.mo(String(Character(c)), tight), .rel)
        case ",", ";": return Atom(.mo(String(Character(c))), .punct)
        case "(", "[": return Atom(.mo(String(Character(c)), " stretchy=\"false\""), .open)
        case ")", "]": return Atom(.mo(String(Character(c)), " stretchy=\"false\""), .close)
        case "|", "/": return Atom(.mo(String(Character(c)), " stretchy=\"false\" lspace=\"0em\" rspace=\"0em\""), .ord)
        case "~": return Atom(.space("0.25em"), .space)
        case "$": throw error("unexpected '$' inside math: a formula cannot contain '$' (write \\$ for a dollar sign)", at: tok, command: "$")
        case "#": throw error("'#' outside a macro definition: write \\# for a hash sign", at: tok, command: "#")
        case "&": throw unexpectedTerminator(tok, inside: "math")
        case "^", "_": throw error("missing base before '\(Character(c))'", at: tok, command: String(Character(c)))
        default: return Atom(.mo(String(Character(c)), " lspace=\"0em\" rspace=\"0em\""), .ord)
        }
    }

    /// Expands a user macro in place: its body, with `#n` replaced by the arguments, takes the place
    /// of the call. Tokens from the body carry the call's position, so errors point at the call.
    mutating func expand(_ name: String, _ macro: LexedMacro, at tok: Token) throws(TeXError) {
        expansions += 1
        if expansions > 5000 { throw error("macro \\\(name) expands without end", at: tok, command: "\\" + name) }
        let start = pos
        pos += 1
        var args: [[Token]] = []
        for _ in 0..<macro.arity {
            skipSpaces()
            guard pos < tokens.count else { throw error("missing argument for \\\(name)", at: tok, command: "\\" + name) }
            let first = tokens[pos]
            switch first.kind {
            case .open:
                var level = 0
                var arg: [Token] = []
                pos += 1
                while true {
                    guard pos < tokens.count else { throw error("unbalanced braces: '{' is never closed", at: first, command: "{") }
                    let t = tokens[pos]
                    pos += 1
                    if t.kind == .open { level += 1 }
                    if t.kind == .close {
                        if level == 0 { break }
                        level -= 1
                    }
                    arg.append(t)
                }
                args.append(arg)
            case .close, .char("&"), .command("\\"), .command("end"), .command("right"):
                throw error("missing argument for \\\(name)", at: tok, command: "\\" + name)
            default:
                args.append([first])
                pos += 1
            }
        }
        let body: [Token]
        switch macro.body {
        case .success(let t): body = t
        case .failure(let e):
            throw error("in the definition of \\\(name): \(e.message)", at: tok, command: "\\" + name)
        }
        var expansion: [Token] = []
        expansion.reserveCapacity(body.count)
        for t in body {
            if case .param(let n) = t.kind {
                guard n <= args.count else {
                    throw error("the definition of \\\(name) uses #\(n) but \\\(name) takes \(args.count) argument(s)", at: tok, command: "\\" + name)
                }
                expansion.append(contentsOf: args[n - 1])
            } else {
                expansion.append(Token(kind: t.kind, line: tok.line, column: tok.column))
            }
        }
        tokens.replaceSubrange(start..<pos, with: expansion)
        pos = start
    }
}

extension Token.Kind {
    var isDigit: Bool {
        if case .char(let c) = self { return c >= "0" && c <= "9" }
        return false
    }
}
