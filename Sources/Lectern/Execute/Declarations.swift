// Use before definition.
//
// All cells of a lecture are one Swift program, and top-level code sees every
// global of its file, initialised or not: a cell that reads a variable of a
// later cell compiles and reads zero. A notebook would stop with a NameError.
//
// Lectern finds such uses in two steps. A scan of the code (below) lists the
// names each cell declares at its top level (and the members its extensions
// declare), and flags an earlier cell or inline expression in which such a
// name appears as a word at all: a superset, since the word may be a local
// variable, a member of something else, or sit in a comment. The compiler then
// decides: the program cut after the flagged item is type-checked alone, where
// the later declarations do not exist, and an error there that names one of
// them is a use before definition (see `Executor.firstUseBeforeDefinition`).

/// A name a cell declares, with the .md line of the declaration.
struct Declaration: Equatable, Sendable {
    var name: String
    var line: Int
}

/// The names `code` declares at its top level (`let`, `var`, `func`, types,
/// `typealias`), and the members declared directly in its extensions' bodies;
/// lines counted from 1.
func topLevelDeclarations(in code: String) -> [(name: String, line: Int)] {
    let tokens = swiftTokens(code)
    var result: [(String, Int)] = []
    var depth = 0
    var extensionDepths: [Int] = []
    var extensionPending = false
    var i = 0
    func word(_ k: Int) -> String? {
        guard k < tokens.count, case .word(let w) = tokens[k].kind else { return nil }
        return w
    }
    while i < tokens.count {
        let token = tokens[i]
        switch token.kind {
        case .punct("{"):
            depth += 1
            if extensionPending { extensionDepths.append(depth); extensionPending = false }
        case .punct("}"):
            if extensionDepths.last == depth { extensionDepths.removeLast() }
            depth = max(0, depth - 1)
        case .word(let w):
            let declaring = depth == 0 || (extensionDepths.last == depth)
            if w == "extension" && depth == 0 { extensionPending = true }
            guard declaring, declarationKeywords.contains(w) else { break }
            if w == "let" || w == "var", i + 1 < tokens.count, tokens[i + 1].kind == .punct("(") {
                // A tuple pattern: `let (a, b) = ...`.
                var k = i + 2, parens = 1
                while k < tokens.count, parens > 0 {
                    if tokens[k].kind == .punct("(") { parens += 1 }
                    if tokens[k].kind == .punct(")") { parens -= 1 }
                    if let name = word(k), name != "_" { result.append((name, tokens[k].line)) }
                    k += 1
                }
                i = k
                continue
            }
            if let name = word(i + 1), !declarationKeywords.contains(name) { result.append((name, tokens[i + 1].line)) }
        default:
            break
        }
        i += 1
    }
    return result
}

private let declarationKeywords: Set<String> = ["let", "var", "func", "struct", "class", "enum", "protocol", "typealias", "actor"]

/// Every identifier-like word of `code`, comments and strings included (a superset of the names it uses).
func wordsOf(_ code: String) -> Set<String> {
    var words = Set<String>()
    var current = ""
    for c in code.unicodeScalars {
        if c == "_" || c.properties.isAlphabetic || (!current.isEmpty && ("0"..."9").contains(c)) {
            current.unicodeScalars.append(c)
        } else if !current.isEmpty {
            words.insert(current)
            current = ""
        }
    }
    if !current.isEmpty { words.insert(current) }
    return words
}

/// The program items (by position in `items`) in which a name declared by a
/// later cell appears, each with those names and where they are declared.
func possibleEarlyUses(in items: [ProgramItem]) -> [(item: Int, names: [String: Declaration])] {
    var declaredLater: [String: Declaration] = [:]
    var result: [(Int, [String: Declaration])] = []
    for k in items.indices.reversed() {
        let code: String
        switch items[k] {
        case .cell(let cell): code = cell.code
        case .inline(let e): code = e.expression
        }
        if !declaredLater.isEmpty {
            var hits: [String: Declaration] = [:]
            for w in wordsOf(code) { if let d = declaredLater[w] { hits[w] = d } }
            if !hits.isEmpty { result.append((k, hits)) }
        }
        // An allow-error cell's declarations stay inside it.
        if case .cell(let cell) = items[k], !cell.options.allowError {
            for (name, line) in topLevelDeclarations(in: cell.code) {
                declaredLater[name] = Declaration(name: name, line: cell.codeLine + line - 1)
            }
        }
    }
    return result.reversed()
}

// MARK: - A small Swift tokenizer

struct SwiftToken: Equatable {
    enum Kind: Equatable {
        case word(String)
        case punct(Character)
    }
    var kind: Kind
    var line: Int
}

/// Words and brackets of Swift code, without comments and string literals
/// (an interpolation's code is kept). Malformed code is read as far as it goes.
func swiftTokens(_ code: String) -> [SwiftToken] {
    let s = Array(code.unicodeScalars)
    var tokens: [SwiftToken] = []
    var i = 0, line = 1
    func at(_ k: Int) -> Unicode.Scalar? { k < s.count ? s[k] : nil }
    // The depth of `\(` interpolations being read as code, with the string each returns to.
    var stringStack: [(pounds: Int, multiline: Bool, parens: Int)] = []

    func readString(pounds: Int, multiline: Bool) {
        // s[i] is just after the opening quote(s).
        while i < s.count {
            let c = s[i]
            if c == "\n" { line += 1; if !multiline { return } }
            if c == "\\" {
                var k = i + 1, n = 0
                while n < pounds, at(k) == "#" { k += 1; n += 1 }
                if n == pounds, at(k) == "(" {
                    stringStack.append((pounds, multiline, 0))
                    i = k + 1
                    return
                }
                i = k + 1
                continue
            }
            if c == "\"" {
                let quotes = multiline ? 3 : 1
                var k = i, q = 0
                while q < quotes, at(k) == "\"" { k += 1; q += 1 }
                var n = 0
                while q == quotes, n < pounds, at(k) == "#" { k += 1; n += 1 }
                if q == quotes && n == pounds { i = k; return }
                i += 1
                continue
            }
            i += 1
        }
    }

    while i < s.count {
        let c = s[i]
        switch c {
        case "\n":
            line += 1; i += 1
        case "/" where at(i + 1) == "/":
            while i < s.count, s[i] != "\n" { i += 1 }
        case "/" where at(i + 1) == "*":
            var nesting = 0
            repeat {
                if s[i] == "\n" { line += 1 }
                if s[i] == "/", at(i + 1) == "*" { nesting += 1; i += 2; continue }
                if s[i] == "*", at(i + 1) == "/" { nesting -= 1; i += 2; continue }
                i += 1
            } while i < s.count && nesting > 0
        case "#", "\"":
            var k = i, pounds = 0
            while at(k) == "#" { k += 1; pounds += 1 }
            guard at(k) == "\"" else { i += 1; continue }
            let multiline = at(k + 1) == "\"" && at(k + 2) == "\""
            i = k + (multiline ? 3 : 1)
            readString(pounds: pounds, multiline: multiline)
        case "(" where !stringStack.isEmpty:
            stringStack[stringStack.count - 1].parens += 1
            tokens.append(SwiftToken(kind: .punct("("), line: line)); i += 1
        case ")" where !stringStack.isEmpty:
            if stringStack[stringStack.count - 1].parens == 0 {
                let top = stringStack.removeLast()
                i += 1
                readString(pounds: top.pounds, multiline: top.multiline)
            } else {
                stringStack[stringStack.count - 1].parens -= 1
                tokens.append(SwiftToken(kind: .punct(")"), line: line)); i += 1
            }
        case "{", "}", "(", ")", ",", "=", ":", ".":
            tokens.append(SwiftToken(kind: .punct(Character(c)), line: line)); i += 1
        case "`":
            var k = i + 1, w = ""
            while let d = at(k), d != "`", d != "\n" { w.unicodeScalars.append(d); k += 1 }
            tokens.append(SwiftToken(kind: .word(w), line: line))
            i = min(k + 1, s.count)
        default:
            if c == "_" || c.properties.isAlphabetic {
                var w = ""
                while let d = at(i), d == "_" || d.properties.isAlphabetic || ("0"..."9").contains(d) {
                    w.unicodeScalars.append(d); i += 1
                }
                tokens.append(SwiftToken(kind: .word(w), line: line))
            } else {
                i += 1
            }
        }
    }
    return tokens
}
